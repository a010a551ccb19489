import FieldSyncChecks
import FieldSyncCore
import Foundation
import Yams

/// Reads `Mappings/rules.yaml`: the shop's own rules that `fieldsync check` enforces. Every
/// mistake names the file, the line and what was expected.
///
/// ```yaml
/// business_hours:                      # for backends without shifts (Housecall Pro)
///   "*": { days: [mon, tue, wed, thu, fri], from: "08:00", to: "17:00", time_zone: America/Chicago }
///   frontrange-hcp: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "17:00", time_zone: America/Denver }
/// max_jobs_per_day: 4                  # or { default: 4, technicians: { dan-okafor: 3 } }
/// never_send:
///   - technician: lakeshore-st-10105
///     customer: { source: lakeshore-st, id: "400042" }
///     reason: asked for another technician after the March visit
/// appointment_length: { min_minutes: 5, max_hours: 16 }
/// severity: { outside_shift: critical }
/// ```
public enum CheckRulesLoader {
    public static func load(path: String, sourceZones: [String: String] = [:]) throws(ConfigError) -> CheckRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such rules file")
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else {
                var empty = CheckRules()
                empty.origin = path
                return empty
            }
            node = composed
        } catch {
            throw ConfigError(file: path, message: "not valid YAML: \(error)")
        }
        let root = ConfigNode(node: node, file: path, path: "", environment: [:])
        try root.requireKeys(["business_hours", "max_jobs_per_day", "never_send", "appointment_length", "severity"])
        var rules = CheckRules()
        rules.origin = path

        if let hours = root.child("business_hours") {
            for (name, item) in try hours.entries() {
                rules.businessHours[name] = try businessHours(item, defaultZone: sourceZones[name])
            }
        }
        if let limit = root.child("max_jobs_per_day") {
            if limit.node.scalar != nil {
                rules.maxJobsPerDay = try root.int("max_jobs_per_day", in: 1...100)
            } else {
                try limit.requireKeys(["default", "technicians"])
                rules.maxJobsPerDay = try limit.int("default", in: 1...100)
                if let technicians = limit.child("technicians") {
                    for (id, item) in try technicians.entries() {
                        guard let value = Int(try item.text()), (1...100).contains(value) else {
                            throw item.error("must be a whole number from 1 to 100")
                        }
                        rules.maxJobsPerDayByTechnician[id] = value
                    }
                }
            }
        }
        if let list = root.child("never_send") {
            for item in try list.items() {
                try item.requireKeys(["name", "technician", "customer", "reason", "severity"])
                guard let customer = item.child("customer") else { throw item.error("is required", key: "customer") }
                try customer.requireKeys(["source", "id"])
                rules.neverSend.append(
                    CheckRules.NeverSend(
                        name: try item.string("name") ?? "never_send", technicianID: try item.requiredString("technician"),
                        source: try customer.requiredString("source"), customerID: try customer.requiredString("id"),
                        reason: try item.string("reason"), severity: try severity(item, key: "severity") ?? .warning))
            }
        }
        if let length = root.child("appointment_length") {
            try length.requireKeys(["min_minutes", "max_hours"])
            if let minutes = try length.int("min_minutes", in: 0...600) { rules.minimumDuration = TimeInterval(minutes * 60) }
            if let hours = try length.int("max_hours", in: 1...240) { rules.maximumDuration = TimeInterval(hours * 3600) }
        }
        if let severities = root.child("severity") {
            for (name, item) in try severities.entries() {
                guard let kind = FindingKind(rawValue: name) else {
                    let kinds = FindingKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw item.error("\"\(name)\" is not a kind of finding; the kinds are \(kinds)")
                }
                guard let level = Severity(rawValue: try item.text()) else {
                    throw item.error("must be critical, warning or info")
                }
                rules.severities[kind] = level
            }
        }
        return rules
    }

    private static func severity(_ node: ConfigNode, key: String) throws(ConfigError) -> Severity? {
        guard let text = try node.string(key) else { return nil }
        guard let level = Severity(rawValue: text) else { throw node.error("must be critical, warning or info", key: key) }
        return level
    }

    private static func businessHours(_ node: ConfigNode, defaultZone: String?) throws(ConfigError) -> CheckRules.BusinessHours {
        try node.requireKeys(["days", "from", "to", "time_zone"])
        guard let zone = try node.string("time_zone") ?? defaultZone else {
            throw node.error("needs a time_zone (an IANA name such as America/Chicago)", key: "time_zone")
        }
        guard TimeZone(identifier: zone) != nil else {
            throw node.error("\"\(zone)\" is not a time zone fieldsync knows (use an IANA name such as America/Chicago)", key: "time_zone")
        }
        var days = Set<Weekday>()
        let names = try node.strings("days")
        for name in names.isEmpty ? ["mon", "tue", "wed", "thu", "fri"] : names {
            guard let day = Weekday(icalCode: String(name.prefix(2))), name.count >= 2 else {
                throw node.error("\"\(name)\" is not a day of the week (mon, tue, wed, thu, fri, sat, sun)", key: "days")
            }
            days.insert(day)
        }
        let opens = try clock(node, "from")
        let closes = try clock(node, "to")
        guard closes > opens else { throw node.error("must be after from", key: "to") }
        return CheckRules.BusinessHours(timeZone: zone, days: days, opensAt: opens, closesAt: closes)
    }

    /// `"08:00"` as minutes after midnight; `"24:00"` is the end of the day.
    private static func clock(_ node: ConfigNode, _ key: String) throws(ConfigError) -> Int {
        let text = try node.requiredString(key)
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
            h * 60 + m <= 1440
        else {
            throw node.error("\"\(text)\" is not a time of day (HH:MM, 24-hour)", key: key)
        }
        return h * 60 + m
    }
}
