import FieldSyncCore
import Foundation
import Yams

/// Reads `Mappings/servicetitan.yaml` and `Mappings/housecallpro.yaml`: how a field-service
/// backend's job types, statuses, business units, skills, shift types and priorities map into
/// fieldsync's vocabulary. Every mistake names the file, the line and what was expected.
///
/// ```yaml
/// job_types:
///   No Heat: { job_type: hvac.no_heat, trade: hvac, skills: [hvac], duration_minutes: 120, urgency: urgent }
/// unmapped_job_type: { action: quarantine }   # or: { action: default, job_type: general.service, … }
/// statuses:
///   job: { Scheduled: scheduled, Completed: completed }
///   appointment: { Scheduled: scheduled, Done: done }
/// business_units: { HVAC Service: hvac }
/// skills: { Gas Furnace Certified: gas-furnace }
/// shift_types: { Normal: shift, OnCall: on_call, TimeOff: time_off }
/// priorities: { Urgent: emergency, High: urgent, Normal: routine, Low: routine }
/// ```
public enum BackendMappingLoader {
    /// Normalized job statuses a mapping may name.
    public static let jobStatuses = ["open", "scheduled", "in_progress", "completed", "cancelled", "on_hold"]
    /// Normalized appointment statuses a mapping may name.
    public static let appointmentStatuses = ["scheduled", "dispatched", "working", "done", "cancelled", "on_hold"]

    public static func load(path: String, environment: [String: String] = [:]) throws(ConfigError) -> BackendMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                file: path,
                message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such mapping file")
        }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) else {
                throw ConfigError(file: path, message: "the mapping file is empty")
            }
            node = composed
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(file: path, message: "not valid YAML: \(error)")
        }
        let root = ConfigNode(node: node, file: path, path: "", environment: environment)
        try root.requireKeys([
            "job_types", "unmapped_job_type", "statuses", "business_units", "skills", "shift_types", "priorities",
        ])
        var mapping = BackendMapping(origin: path)
        if let jobTypes = root.child("job_types") {
            for (name, item) in try jobTypes.entries() {
                mapping.jobTypes[name] = try rule(item)
            }
        }
        if let unmapped = root.child("unmapped_job_type") {
            try unmapped.requireKeys(["action", "job_type", "trade", "skills", "duration_minutes", "urgency"])
            switch try unmapped.requiredString("action") {
            case "quarantine":
                mapping.unmappedJobType = .quarantine
            case "default":
                mapping.unmappedJobType = .useDefault(try rule(unmapped, extraKeys: ["action"]))
            case let other:
                throw unmapped.error("\"\(other)\" is not an action (expected quarantine or default)", key: "action")
            }
        }
        if let statuses = root.child("statuses") {
            try statuses.requireKeys(["job", "appointment"])
            mapping.jobStatuses = try values(statuses.child("job"), allowed: jobStatuses, what: "job status")
            mapping.appointmentStatuses = try values(
                statuses.child("appointment"), allowed: appointmentStatuses, what: "appointment status")
        }
        mapping.businessUnits = try values(root.child("business_units"), allowed: nil, what: "trade")
        mapping.skills = try values(root.child("skills"), allowed: nil, what: "skill")
        for (name, kind) in try values(
            root.child("shift_types"), allowed: AvailabilityKind.allCases.filter { $0 != .appointment }.map(\.rawValue),
            what: "availability kind")
        {
            mapping.shiftTypes[name] = AvailabilityKind(rawValue: kind)
        }
        for (name, urgency) in try values(
            root.child("priorities"), allowed: Urgency.allCases.map(\.rawValue), what: "urgency")
        {
            mapping.priorities[name] = Urgency(rawValue: urgency)
        }
        return mapping
    }

    private static func rule(_ node: ConfigNode, extraKeys: Set<String> = []) throws(ConfigError)
        -> BackendMapping.JobTypeRule
    {
        try node.requireKeys(Set(["job_type", "trade", "skills", "duration_minutes", "urgency"]).union(extraKeys))
        let code = try node.requiredString("job_type")
        var urgency: Urgency?
        if let text = try node.string("urgency") {
            guard let value = Urgency(rawValue: text) else {
                throw node.error(
                    "\"\(text)\" is not an urgency (expected \(Urgency.allCases.map(\.rawValue).joined(separator: ", ")))",
                    key: "urgency")
            }
            urgency = value
        }
        return BackendMapping.JobTypeRule(
            jobType: code, trade: try node.string("trade"), skills: try node.strings("skills"),
            durationMinutes: try node.int("duration_minutes", in: 1...1440), urgency: urgency)
    }

    /// A `name: value` table whose values must be among `allowed` (when given).
    private static func values(_ node: ConfigNode?, allowed: [String]?, what: String) throws(ConfigError)
        -> [String: String]
    {
        guard let node else { return [:] }
        var result: [String: String] = [:]
        for (name, item) in try node.entries() {
            let value = try item.text()
            if let allowed, !allowed.contains(value) {
                throw item.error("\"\(value)\" is not \(article(what)) \(what) (expected one of: \(allowed.joined(separator: ", ")))")
            }
            guard !value.isEmpty else { throw item.error("needs \(article(what)) \(what)") }
            result[name] = value
        }
        return result
    }

    private static func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }
}
