import FieldSyncCore
import FieldSyncHousecallPro
import FieldSyncICalendar
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import Yams

/// A fieldsync configuration file (YAML): where the cache lives, how far to sync, and every
/// source with its feeds or credentials.
///
/// ```yaml
/// database: cache.sqlite            # relative paths are relative to this file
/// horizon: { past_days: 1, future_days: 28 }
/// mappings: ../Mappings             # the folder with icalendar.yaml
/// sources:
///   - name: tech-calendars
///     type: icalendar
///     time_zone: America/Chicago
///     feeds:
///       - technician: { id: maria-lopez, name: Maria Lopez, skills: [hvac] }
///         file: feeds/maria.ics
///       - technician: Dan Okafor      # id derived: dan-okafor
///         url: ${DAN_FEED_URL}        # secrets come from the environment
/// ```
public struct FieldSyncConfig: Sendable {
    /// The configuration file itself.
    public var path: String
    public var databasePath: String
    public var horizon: Horizon
    /// Windows that ended more than this many days before the horizon are pruned from the cache.
    public var retentionDays: Int
    /// The folder holding mapping files, when configured.
    public var mappingsDirectory: String?
    public var sources: [SourceConfig]
    /// A run may not delete more than this share of a source's cached records of one kind
    /// (`mass_delete: { max_share: 0.5, min_rows: 10 }`).
    public var massDelete = MassDeleteBrake()
    /// Serve the built-in sandbox in-process while a command runs (`sandbox: { data: Data }`).
    public var sandbox: SandboxSettings?
    /// The shop's rules for the checks (`rules:`, or `rules.yaml` in the mappings folder when it
    /// exists); nil when there is none.
    public var rulesPath: String?
    /// The booking engine's settings and the API's (the `booking:` and `api:` sections).
    public var booking = BookingSettings()

    /// The `sandbox:` section: an imitation ServiceTitan and Housecall Pro served on a loopback
    /// port for as long as the command runs; the sources reach it through `${FIELDSYNC_SANDBOX_URL}`.
    public struct SandboxSettings: Sendable, Hashable {
        /// The data directory (`servicetitan/*.json`, `housecallpro/*.json`).
        public var dataDirectory: String
        /// Fault specifications, as `fieldsync sandbox serve --fault` takes them.
        public var faults: [String]
    }

    /// The environment variable a configuration with a `sandbox:` section uses to reach it.
    public static let sandboxURLVariable = "FIELDSYNC_SANDBOX_URL"

    /// How far back and ahead a sync reads.
    public struct Horizon: Sendable, Hashable {
        public var pastDays: Int
        public var futureDays: Int

        public init(pastDays: Int = 1, futureDays: Int = 28) {
            self.pastDays = pastDays
            self.futureDays = futureDays
        }

        /// From midnight UTC `pastDays` before today to midnight UTC `futureDays` after today
        /// (so today is always covered whole).
        public func range(now: Date) -> TimeRange {
            let seconds = Int64(now.timeIntervalSince1970)
            let startOfDay = seconds - ((seconds % 86_400) + 86_400) % 86_400
            return TimeRange(
                start: Date(timeIntervalSince1970: Double(startOfDay - Int64(pastDays) * 86_400)),
                end: Date(timeIntervalSince1970: Double(startOfDay + Int64(futureDays + 1) * 86_400)))
        }
    }

    public struct SourceConfig: Sendable {
        public enum Kind: Sendable {
            case icalendar(feeds: [ICalendarFeed], mapping: ICalendarMapping)
            case serviceTitan(ServiceTitanConfiguration, mapping: BackendMapping)
            case housecallPro(HousecallProConfiguration, mapping: BackendMapping)
        }

        public var name: String
        public var kind: Kind
        /// The source's `booking:` block (shadow mode, recheck age, vendor settings).
        public var booking = SourceBookingSettings()

        public var backend: String {
            switch kind {
            case .icalendar: "icalendar"
            case .serviceTitan: "servicetitan"
            case .housecallPro: "housecallpro"
            }
        }
    }

    /// Reads and checks a configuration file. Every problem names the file, line and key.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> FieldSyncConfig
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                file: path,
                message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ConfigError(file: path, message: "the file is empty")
            }
            node = composed
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: path, message: "not valid YAML: \(Self.describe(error))")
        } catch {
            throw ConfigError(file: path, message: "not valid YAML: \(error)")
        }
        let root = ConfigNode(node: node, file: path, path: "", environment: environment)
        try root.requireKeys([
            "database", "horizon", "retention_days", "mappings", "sources", "mass_delete", "sandbox", "rules", "booking", "api",
        ])
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ p: String) -> String {
            p.hasPrefix("/") ? p : directory.appendingPathComponent(p).standardizedFileURL.path
        }

        var horizon = Horizon()
        if let h = root.child("horizon") {
            try h.requireKeys(["past_days", "future_days"])
            horizon.pastDays = try h.int("past_days", in: 0...366) ?? horizon.pastDays
            horizon.futureDays = try h.int("future_days", in: 1...730) ?? horizon.futureDays
        }
        let retentionDays = try root.int("retention_days", in: 0...3650) ?? 90
        let mappingsDirectory = try root.string("mappings").map(resolve)
        let databasePath = resolve(try root.string("database") ?? "fieldsync.sqlite")

        guard let sourcesNode = root.child("sources") else {
            throw root.error("is required: list the sources to sync", key: "sources")
        }
        var sources: [SourceConfig] = []
        for item in try sourcesNode.items() {
            let source = try loadSource(item, resolve: resolve, mappingsDirectory: mappingsDirectory)
            if sources.contains(where: { $0.name == source.name }) {
                throw item.error("source name \"\(source.name)\" is used twice", key: "name")
            }
            sources.append(source)
        }
        if sources.isEmpty { throw sourcesNode.error("lists no sources") }
        var config = FieldSyncConfig(
            path: path, databasePath: databasePath, horizon: horizon, retentionDays: retentionDays,
            mappingsDirectory: mappingsDirectory, sources: sources)
        if let brake = root.child("mass_delete") {
            try brake.requireKeys(["max_share", "min_rows"])
            if let share = try brake.string("max_share") {
                guard let value = Double(share), value > 0, value <= 1 else {
                    throw brake.error("must be a share between 0 and 1, e.g. 0.5", key: "max_share")
                }
                config.massDelete.fraction = value
            }
            config.massDelete.minimumRows = try brake.int("min_rows", in: 0...1_000_000) ?? config.massDelete.minimumRows
        }
        config.sandbox = try sandboxSettings(root, resolve: resolve)
        config.booking = try BookingSettingsLoader.load(root)
        if let rules = try root.string("rules").map(resolve) {
            guard FileManager.default.fileExists(atPath: rules) else { throw root.error("no such rules file: \(rules)", key: "rules") }
            config.rulesPath = rules
        } else if let folder = mappingsDirectory {
            let candidate = (folder as NSString).appendingPathComponent("rules.yaml")
            if FileManager.default.fileExists(atPath: candidate) { config.rulesPath = candidate }
        }
        return config
    }

    /// Reads only the `sandbox:` section, before the rest: the sources' URLs depend on the port
    /// the sandbox gets.
    public static func sandboxSection(path: String) throws(ConfigError) -> SandboxSettings? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
        } catch let error as YamlError {
            throw ConfigError(file: path, message: "not valid YAML: \(Self.describe(error))")
        } catch {
            throw ConfigError(file: path, message: "not valid YAML: \(error)")
        }
        guard let node else { return nil }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try sandboxSettings(ConfigNode(node: node, file: path, path: "", environment: [:])) { p in
            p.hasPrefix("/") ? p : directory.appendingPathComponent(p).standardizedFileURL.path
        }
    }

    private static func sandboxSettings(_ root: ConfigNode, resolve: (String) -> String) throws(ConfigError)
        -> SandboxSettings?
    {
        guard let node = root.child("sandbox") else { return nil }
        try node.requireKeys(["data", "faults"])
        return SandboxSettings(dataDirectory: resolve(try node.requiredString("data")), faults: try node.strings("faults"))
    }

    private static func loadSource(
        _ node: ConfigNode, resolve: (String) -> String, mappingsDirectory: String?
    ) throws(ConfigError) -> SourceConfig {
        let name = try node.requiredString("name")
        guard Slug.isValid(name) else {
            throw node.error("\"\(name)\" must be letters, digits, '-' or '_'", key: "name")
        }
        let type = try node.requiredString("type")
        switch type {
        case "icalendar":
            try node.requireKeys(["name", "type", "time_zone", "feeds", "mapping"])
            let sourceZone = try node.string("time_zone")
            if let sourceZone { try checkZone(sourceZone, node: node, key: "time_zone") }
            guard let feedsNode = node.child("feeds") else { throw node.error("is required", key: "feeds") }
            var feeds: [ICalendarFeed] = []
            let items = try feedsNode.items()
            var loaded: [(ConfigNode, ICalendarFeed)] = []
            for item in items { loaded.append((item, try loadFeed(item, sourceZone: sourceZone, resolve: resolve))) }
            for (item, var feed) in loaded {
                if feed.name.isEmpty {
                    // A feed's name is part of every window's id, so it must not depend on order:
                    // the technician's id names a technician's only feed; several need names.
                    let siblings = loaded.filter { $0.1.technician.id == feed.technician.id }.count
                    guard siblings == 1 else {
                        throw item.error(
                            "technician \(feed.technician.id) has \(siblings) feeds: give each a name (name: …) so that reordering them changes nothing",
                            key: "name")
                    }
                    feed.name = feed.technician.id
                }
                if feeds.contains(where: { $0.name == feed.name }) {
                    throw item.error("feed name \"\(feed.name)\" is used twice in this source; give each feed a name", key: "name")
                }
                if let other = feeds.first(where: { $0.technician.id == feed.technician.id }), other.technician != feed.technician {
                    throw item.error(
                        "technician \(feed.technician.id) is described differently in two feeds; describe them once, identically",
                        key: "technician")
                }
                feeds.append(feed)
            }
            let mappingPath = try node.string("mapping").map(resolve)
                ?? mappingsDirectory.map { ($0 as NSString).appendingPathComponent("icalendar.yaml") }
            let mapping = try mappingPath.map { (p) throws(ConfigError) in try MappingLoader.icalendar(path: p) } ?? ICalendarMapping()
            return SourceConfig(name: name, kind: .icalendar(feeds: feeds, mapping: mapping))
        case "servicetitan":
            return try FieldServiceSourceLoader.serviceTitan(
                node, name: name, resolve: resolve, mappingsDirectory: mappingsDirectory)
        case "housecallpro":
            return try FieldServiceSourceLoader.housecallPro(
                node, name: name, resolve: resolve, mappingsDirectory: mappingsDirectory)
        default:
            throw node.error(
                "\"\(type)\" is not a source type this fieldsync knows (known: icalendar, servicetitan, housecallpro)",
                key: "type")
        }
    }

    private static func loadFeed(_ node: ConfigNode, sourceZone: String?, resolve: (String) -> String) throws(ConfigError)
        -> ICalendarFeed
    {
        try node.requireKeys(["name", "technician", "file", "url", "headers", "time_zone"])
        guard let technicianNode = node.child("technician") else {
            throw node.error("is required: whose calendar is this?", key: "technician")
        }
        var technician: TechnicianSpec
        if technicianNode.node.scalar != nil {
            let name = try technicianNode.text()
            technician = TechnicianSpec(id: Slug.make(name), name: name)
        } else {
            try technicianNode.requireKeys(["id", "name", "phone", "email", "skills", "time_zone"])
            if let id = try technicianNode.string("id"), try technicianNode.string("name") == nil {
                // Only an id: the technician comes from another source; this feed adds their calendar.
                guard Slug.isValid(id) else {
                    throw technicianNode.error("\"\(id)\" must be letters, digits, '-' or '_'", key: "id")
                }
                guard try technicianNode.strings("skills").isEmpty, try technicianNode.string("phone") == nil,
                    try technicianNode.string("email") == nil
                else {
                    throw technicianNode.error(
                        "a technician given by id only is defined by another source; add a name to define them here instead")
                }
                var spec = TechnicianSpec(id: id, name: id, timeZone: try technicianNode.string("time_zone"), isReference: true)
                if let zone = spec.timeZone { try checkZone(zone, node: technicianNode, key: "time_zone") }
                if spec.timeZone == nil { spec.timeZone = sourceZone }
                technician = spec
                return try finishFeed(node, technician: technician, sourceZone: sourceZone, resolve: resolve)
            }
            let name = try technicianNode.requiredString("name")
            let id = try technicianNode.string("id") ?? Slug.make(name)
            guard Slug.isValid(id) else {
                throw technicianNode.error("\"\(id)\" must be letters, digits, '-' or '_'", key: "id")
            }
            technician = TechnicianSpec(
                id: id, name: name, phone: try technicianNode.string("phone"), email: try technicianNode.string("email"),
                skills: try technicianNode.strings("skills"), timeZone: try technicianNode.string("time_zone"))
            if let zone = technician.timeZone { try checkZone(zone, node: technicianNode, key: "time_zone") }
        }
        guard !technician.id.isEmpty else { throw technicianNode.error("needs a name") }
        if technician.timeZone == nil { technician.timeZone = sourceZone }
        return try finishFeed(node, technician: technician, sourceZone: sourceZone, resolve: resolve)
    }

    private static func finishFeed(
        _ node: ConfigNode, technician: TechnicianSpec, sourceZone: String?, resolve: (String) -> String
    ) throws(ConfigError) -> ICalendarFeed {
        let feedZone = try node.string("time_zone")
        if let feedZone { try checkZone(feedZone, node: node, key: "time_zone") }

        let file = try node.string("file")
        let urlText = try node.string("url")
        let location: ICalendarFeed.Location
        switch (file, urlText) {
        case (let file?, nil):
            location = .file(path: resolve(file))
        case (nil, let text?):
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host != nil
            else {
                // Never echo the URL: it may hold a secret.
                throw node.error("is not an http(s) URL", key: "url")
            }
            location = .url(url, headers: try node.stringMap("headers"))
        case (nil, nil):
            throw node.error("give the feed a file or a url")
        case (_?, _?):
            throw node.error("give either file or url, not both")
        }
        let name = try node.string("name") ?? ""
        if !name.isEmpty, !Slug.isValid(name) {
            throw node.error("\"\(name)\" must be letters, digits, '-' or '_'", key: "name")
        }
        return ICalendarFeed(name: name, technician: technician, location: location, timeZone: feedZone)
    }

    private static func checkZone(_ zone: String, node: ConfigNode, key: String) throws(ConfigError) {
        guard TimeZone(identifier: zone) != nil, zone.contains("/") || zone == "UTC" else {
            throw node.error("\"\(zone)\" is not an IANA time zone (example: America/Chicago)", key: key)
        }
    }

    /// The YAML problem and where it is, without the line's text (which may hold a secret).
    static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return [context?.text, problem, "at line \(mark.line), column \(mark.column)"]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return "the YAML could not be read"
        }
    }
}

/// Ids made from names: `Maria López` → `maria-lopez`.
enum Slug {
    static func make(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var lastDash = true
        for c in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(c), c.isASCII {
                out.unicodeScalars.append(c)
                lastDash = false
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
    }
}
