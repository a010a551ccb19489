import FieldSyncCore
import Foundation

/// The job types the shop's field-service sources know, from their mapping files: what a caller
/// names (`No Heat`, or fieldsync's code `hvac.no_heat`) resolved to skills, duration and, per
/// source, the backend's own name for it.
public struct JobTypeCatalog: Sendable {
    /// One job type as the booking engine uses it.
    public struct Entry: Sendable, Hashable {
        /// fieldsync's code, e.g. `hvac.no_heat`.
        public var code: String
        /// The name the caller used, or the first backend name.
        public var name: String
        public var skills: [String]
        public var durationMinutes: Int
        public var urgency: Urgency?
        /// Source name → the backend's own job type name, for every source that has this type.
        public var vendorNames: [String: String]
    }

    /// Every (source, vendor name, rule), in configuration order.
    private var rules: [(source: String, vendorName: String, rule: BackendMapping.JobTypeRule)] = []
    /// Minutes a visit takes when the mapping does not say.
    public var defaultDurationMinutes = 60

    public init(config: FieldSyncConfig) {
        for source in config.sources {
            let mapping: BackendMapping
            switch source.kind {
            case .serviceTitan(_, let m), .housecallPro(_, let m): mapping = m
            case .icalendar: continue
            }
            for name in mapping.jobTypes.keys.sorted() {
                rules.append((source.name, name, mapping.jobTypes[name]!))
            }
        }
    }

    /// The job type a caller named: a backend name (any case and spacing) or a fieldsync code.
    /// Nil when no source knows it.
    public func resolve(_ name: String) -> Entry? {
        let folded = Self.fold(name)
        let byName = rules.filter { Self.fold($0.vendorName) == folded }
        let code = byName.first?.rule.jobType ?? rules.first { Self.fold($0.rule.jobType) == folded }?.rule.jobType
        guard let code else { return nil }
        let matching = rules.filter { $0.rule.jobType == code }
        let first = byName.first ?? matching.first!
        var vendorNames: [String: String] = [:]
        for match in matching where vendorNames[match.source] == nil {
            // The caller's own name where the source uses it, else that source's first name for the code.
            vendorNames[match.source] = byName.first { $0.source == match.source }?.vendorName ?? match.vendorName
        }
        return Entry(
            code: code, name: byName.first?.vendorName ?? first.vendorName, skills: first.rule.skills,
            durationMinutes: first.rule.durationMinutes ?? defaultDurationMinutes, urgency: first.rule.urgency,
            vendorNames: vendorNames)
    }

    /// Every name a caller may use, sorted: for error messages and the OpenAPI document.
    public var knownNames: [String] { Array(Set(rules.map(\.vendorName))).sorted() }

    private static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
