import FieldSyncCore
import FieldSyncICalendar
import Foundation
import Yams

/// Reads the mapping files under `Mappings/`.
public enum MappingLoader {
    /// `icalendar.yaml`: which calendar events are time off, shifts or plain busy time.
    ///
    /// ```yaml
    /// availability:
    ///   - kind: time_off
    ///     summary: [PTO, vacation, sick]
    ///     categories: [Vacation]
    /// default_kind: busy
    /// ```
    public static func icalendar(path: String, environment: [String: String] = [:]) throws(ConfigError) -> ICalendarMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "no such mapping file")
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else {
                return ICalendarMapping()
            }
            node = composed
        } catch {
            throw ConfigError(file: path, message: "not valid YAML: \(error)")
        }
        let root = ConfigNode(node: node, file: path, path: "", environment: environment)
        try root.requireKeys(["availability", "default_kind"])
        var mapping = ICalendarMapping()
        if let kind = root.child("default_kind") {
            mapping.defaultKind = try availabilityKind(kind)
        }
        if let rules = root.child("availability") {
            for item in try rules.items() {
                try item.requireKeys(["kind", "summary", "categories"])
                guard let kindNode = item.child("kind") else { throw item.error("is required", key: "kind") }
                let rule = ICalendarMapping.Rule(
                    kind: try availabilityKind(kindNode), summaryPhrases: try item.strings("summary"),
                    categories: try item.strings("categories"))
                if rule.summaryPhrases.isEmpty && rule.categories.isEmpty {
                    throw item.error("a rule needs summary phrases or categories to match")
                }
                mapping.rules.append(rule)
            }
        }
        return mapping
    }

    private static func availabilityKind(_ node: ConfigNode) throws(ConfigError) -> AvailabilityKind {
        let text = try node.text()
        let kinds = AvailabilityKind.allCases.filter { $0 != .appointment }
        guard let kind = AvailabilityKind(rawValue: text), kinds.contains(kind) else {
            throw node.error("\"\(text)\" is not a kind (known: \(kinds.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }
}
