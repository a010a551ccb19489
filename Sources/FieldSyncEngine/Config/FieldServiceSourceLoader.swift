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
///   booking: { campaign_id: 61 }                      # see SourceBookingSettings
/// - name: frontrange-hcp
///   type: housecallpro
///   api_key: ${HCP_API_KEY}                           # or api_key_file
///   time_zone: America/Denver
///   booking: { shadow: true, recheck_after_minutes: 10 }
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
            "app_key_file", "time_zone", "technicians", "page_size", "mapping", "request_timeout_seconds", "booking",
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
        var source = FieldSyncConfig.SourceConfig(name: name, kind: .serviceTitan(configuration, mapping: mapping))
        source.booking = try booking(node, vendorKeys: ["campaign_id", "application_guid"])
        return source
    }

    static func housecallPro(
        _ node: ConfigNode, name: String, resolve: (String) -> String, mappingsDirectory: String?
    ) throws(ConfigError) -> FieldSyncConfig.SourceConfig {
        try node.requireKeys([
            "name", "type", "api_url", "api_key", "api_key_file", "company_id", "time_zone", "technicians", "page_size",
            "full_pass_hours", "mapping", "request_timeout_seconds", "booking",
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
        var source = FieldSyncConfig.SourceConfig(name: name, kind: .housecallPro(configuration, mapping: mapping))
        source.booking = try booking(node, vendorKeys: [])
        return source
    }

    /// The source's `booking:` block: `shadow`, `recheck_after_minutes`, `write_timeout_seconds`, and the vendor's own
    /// keys (ServiceTitan: `campaign_id`, `application_guid`).
    private static func booking(_ node: ConfigNode, vendorKeys: Set<String>) throws(ConfigError) -> SourceBookingSettings {
        var settings = SourceBookingSettings()
        guard let block = node.child("booking") else { return settings }
        try block.requireKeys(Set(["shadow", "recheck_after_minutes", "write_timeout_seconds"]).union(vendorKeys))
        if let shadow = try block.string("shadow") {
            guard let value = Bool(shadow.lowercased()) else { throw block.error("must be true or false", key: "shadow") }
            settings.shadow = value
        }
        if let minutes = try block.int("recheck_after_minutes", in: 0...1440) {
            settings.recheckAfter = .seconds(minutes * 60)
        }
        if let seconds = try block.int("write_timeout_seconds", in: 1...600) {
            settings.writeTimeout = .seconds(seconds)
        }
        if let campaign = try block.int("campaign_id", in: 1...Int(Int32.max)) { settings.campaignID = Int64(campaign) }
        if let guid = try block.string("application_guid") {
            guard UUID(uuidString: guid) != nil else {
                throw block.error("\"\(guid)\" is not a GUID (example: 8a4f2c10-5b7e-4d1a-9c3e-2f6b8d0e1a77)", key: "application_guid")
            }
            settings.applicationGUID = guid.lowercased()
        }
        return settings
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
