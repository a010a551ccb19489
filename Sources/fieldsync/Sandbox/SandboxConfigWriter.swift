import FieldSyncSandbox
import Foundation

/// Writes a fieldsync configuration that syncs both sandbox vendors, so that
/// `fieldsync sync --config FILE` works with nothing else to set up.
enum SandboxConfigWriter {
    static func yaml(
        port: Int, host: String, credentials: SandboxCredentials, mappings: String, database: String, data: SandboxData
    ) -> String {
        let base = "http://\(host):\(port)"
        func links(_ vendor: SandboxVendor) -> String {
            let pairs = SandboxGenerator.linkedTechnicians.filter { $0.vendor == vendor }.compactMap { linked in
                data.technicianID(vendor, named: linked.name).map { "\"\($0)\": \(linked.localID)" }
            }
            return pairs.isEmpty ? "{}" : "{ " + pairs.joined(separator: ", ") + " }"
        }
        return """
            # Written by `fieldsync sandbox serve`: both sources point at the sandbox on \(base).
            # Paths are relative to this file; the cache goes next to it.
            database: \(database)
            horizon: { past_days: 1, future_days: 28 }
            mappings: \(mappings)
            sources:
              - name: lakeshore-st
                type: servicetitan
                api_url: \(base)/servicetitan
                auth_url: \(base)/servicetitan/connect/token
                tenant: "\(credentials.tenant)"
                client_id: \(credentials.clientID)
                client_secret: \(credentials.clientSecret)
                app_key: \(credentials.appKey)
                time_zone: \(data.serviceTitanTimeZone)
                technicians: \(links(.serviceTitan))
                booking: { campaign_id: 61, write_timeout_seconds: 10 }
              - name: frontrange-hcp
                type: housecallpro
                api_url: \(base)/housecallpro
                api_key: \(credentials.housecallProAPIKey)
                time_zone: \(data.housecallProTimeZone)
                technicians: \(links(.housecallPro))
                booking: { write_timeout_seconds: 10 }

            """
    }

    /// The repository's `Mappings` folder: the first found walking up from `start`.
    static func findMappings(from starts: [String]) -> String? {
        for start in starts {
            var url = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<8 {
                let candidate = url.appendingPathComponent("Mappings")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    return candidate.path
                }
                let parent = url.deletingLastPathComponent()
                if parent.path == url.path { break }
                url = parent
            }
        }
        return nil
    }
}
