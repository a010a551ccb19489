import FieldSyncCore
import FieldSyncHousecallPro
import FieldSyncServiceTitan
import Foundation

/// Reads the `servicetitan` and `housecallpro` entries of `sources:`.
///
/// ```yaml
/// - name: lakeshore-st
///   type: servicetitan
///   api_url: https://api.servicetitan.io             # the default
///   auth_url: https://auth.servicetitan.io/connect/token
///   tenant: "1000001"
///   client_id: ${ST_CLIENT_ID}
///   client_secret_file: /etc/fieldsync/st-secret      # or client_secret: ${ST_CLIENT_SECRET}
///   app_key: ${ST_APP_KEY}                            # or app_key_file
///   time_zone: America/Chicago
///   technicians: { "10101": maria-lopez }             # backend id → fieldsync id
/// - name: frontrange-hcp
///   type: housecallpro
///   api_key: ${HCP_API_KEY}                           # or api_key_file
///   time_zone: America/Denver
/// ```
///
/// Secrets come from the environment (`${VAR}`) or from a file; the loader never puts their
/// values into an error message.
enum FieldServiceSourceLoader {
    static func serviceTitan(
        _ node: ConfigNode, name: String, resolve: (String) -> String, mappingsDirectory: String?
    ) throws(ConfigError) -> FieldSyncConfig.SourceConfig {
        try node.requireKeys([
            "name", "type", "api_url", "auth_url", "tenant", "client_id", "client_secret", "client_secret_file", "app_key",
            "app_key_file", "time_zone", "technicians", "page_size", "mapping", "request_timeout_seconds",
        ])
        var configuration = ServiceTitanConfiguration(
            tenantID: try node.requiredString("tenant"), clientID: try node.requiredString("client_id"),
            clientSecret: try secret(node, key: "client_secret", resolve: resolve),
            appKey: try secret(node, key: "app_key", resolve: resolve))
        if let api = try url(node, key: "api_url") { configuration.apiBaseURL = api }
        if let auth = try url(node, key: "auth_url") { configuration.tokenURL = auth }
        configuration.pageSize = try node.int("page_size", in: 1...5000) ?? configuration.pageSize
        configuration.technicianLinks = try links(node)
        configuration.timeZone = try zone(node)
        if let seconds = try node.int("request_timeout_seconds", in: 1...600) {
            configuration.requestTimeout = .seconds(seconds)
        }
        let mapping = try mapping(node, file: "servicetitan.yaml", resolve: resolve, mappingsDirectory: mappingsDirectory)
        return FieldSyncConfig.SourceConfig(name: name, kind: .serviceTitan(configuration, mapping: mapping))
    }

    static func housecallPro(
        _ node: ConfigNode, name: String, resolve: (String) -> String, mappingsDirectory: String?
    ) throws(ConfigError) -> FieldSyncConfig.SourceConfig {
        try node.requireKeys([
            "name", "type", "api_url", "api_key", "api_key_file", "company_id", "time_zone", "technicians", "page_size",
            "full_pass_hours", "mapping", "request_timeout_seconds",
        ])
        var configuration = HousecallProConfiguration(apiKey: try secret(node, key: "api_key", resolve: resolve))
        if let api = try url(node, key: "api_url") { configuration.apiBaseURL = api }
        configuration.companyID = try node.string("company_id")
        configuration.pageSize = try node.int("page_size", in: 1...100) ?? configuration.pageSize
        configuration.technicianLinks = try links(node)
        configuration.timeZone = try zone(node)
        if let hours = try node.int("full_pass_hours", in: 1...24 * 31) {
            configuration.fullPassInterval = .seconds(hours * 3600)
        }
        if let seconds = try node.int("request_timeout_seconds", in: 1...600) {
            configuration.requestTimeout = .seconds(seconds)
        }
        let mapping = try mapping(node, file: "housecallpro.yaml", resolve: resolve, mappingsDirectory: mappingsDirectory)
        return FieldSyncConfig.SourceConfig(name: name, kind: .housecallPro(configuration, mapping: mapping))
    }

    /// `key` from the configuration (usually `${VAR}`), or the contents of the file `key_file`.
    private static func secret(_ node: ConfigNode, key: String, resolve: (String) -> String) throws(ConfigError) -> String {
        let inline = try node.string(key)
        let file = try node.string("\(key)_file")
        switch (inline, file) {
        case (let value?, nil):
            guard !value.isEmpty else { throw node.error("is empty", key: key) }
            return value
        case (nil, let path?):
            let resolved = resolve(path)
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw node.error("cannot read \(resolved)", key: "\(key)_file")
            }
            let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !value.isEmpty else { throw node.error("\(resolved) is empty", key: "\(key)_file") }
            return value
        case (nil, nil):
            throw node.error("is required (or \(key)_file); use ${VARIABLE} to take it from the environment", key: key)
        case (_?, _?):
            throw node.error("give either \(key) or \(key)_file, not both", key: key)
        }
    }

    private static func url(_ node: ConfigNode, key: String) throws(ConfigError) -> URL? {
        guard let text = try node.string(key) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil
        else {
            throw node.error("is not an http(s) URL", key: key)
        }
        return url
    }

    private static func links(_ node: ConfigNode) throws(ConfigError) -> [String: String] {
        let links = try node.stringMap("technicians")
        for (backendID, local) in links where !Slug.isValid(local) {
            throw node.error(
                "\"\(local)\" (for \(backendID)) must be letters, digits, '-' or '_'", key: "technicians.\(backendID)")
        }
        return links
    }

    private static func zone(_ node: ConfigNode) throws(ConfigError) -> String? {
        guard let zone = try node.string("time_zone") else { return nil }
        guard TimeZone(identifier: zone) != nil, zone.contains("/") || zone == "UTC" else {
            throw node.error("\"\(zone)\" is not an IANA time zone (example: America/Chicago)", key: "time_zone")
        }
        return zone
    }

    private static func mapping(
        _ node: ConfigNode, file: String, resolve: (String) -> String, mappingsDirectory: String?
    ) throws(ConfigError) -> BackendMapping {
        let path = try node.string("mapping").map(resolve)
            ?? mappingsDirectory.map { ($0 as NSString).appendingPathComponent(file) }
        guard let path else {
            throw node.error("needs a mapping file: set mapping: here or mappings: (the folder) at the top", key: "mapping")
        }
        return try BackendMappingLoader.load(path: path)
    }
}
