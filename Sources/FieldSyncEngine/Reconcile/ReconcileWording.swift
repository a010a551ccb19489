import FieldSyncCore
import FieldSyncStore
import Foundation

/// The words of the reconciliation report: vendor and record names, and one sentence per
/// difference, with times in the source's own zone.
struct ReconcileWording {
    /// The source's zone, by source name.
    var zones: [String: TimeZone]
    private var formatters: [String: DateFormatter] = [:]

    init(zones: [String: TimeZone]) {
        self.zones = zones
    }

    static func vendor(_ backend: String) -> String {
        switch backend {
        case "servicetitan": "ServiceTitan"
        case "housecallpro": "Housecall Pro"
        case "icalendar": "the calendar feed"
        default: backend
        }
    }

    /// The singular name of a kind of record, as the report's `entity` says it.
    static func noun(_ entity: RecordEntity) -> String {
        switch entity {
        case .technicians: "technician"
        case .availability: "availability"
        case .customers: "customer"
        case .locations: "location"
        case .jobs: "job"
        case .appointments: "appointment"
        case .assignments: "assignment"
        }
    }

    /// A time as a dispatcher in that shop reads it: `Tue Nov 24, 9:00 AM CST`.
    mutating func time(_ date: Date, source: String) -> String {
        let zone = zones[source] ?? TimeZone(identifier: "UTC")!
        let formatter: DateFormatter
        if let known = formatters[zone.identifier] {
            formatter = known
        } else {
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = "EEE MMM d, h:mm a zzz"
            formatters[zone.identifier] = formatter
        }
        return formatter.string(from: date)
    }

    /// One field's change in words; personal data is named, never shown.
    mutating func describe(_ field: FieldChange, source: String) -> String {
        let name = field.name.replacingOccurrences(of: "_", with: " ")
        if field.isPersonal { return "\(name) changed" }
        func show(_ value: String?) -> String {
            guard let value else { return "(none)" }
            if field.name.hasSuffix("_at"), let date = RFC3339.parseDate(value) { return time(date, source: source) }
            return value
        }
        return "\(name) \(show(field.before)) → \(show(field.after))"
    }

    /// The sentence for one difference.
    mutating func message(_ drift: Drift, backend: String) -> String {
        let vendor = Self.vendor(backend)
        var subject = "\(vendor) \(Self.noun(drift.entity)) \(drift.externalID)"
        if drift.entity == .availability, let technician = drift.technicianID { subject += " of \(technician)" }
        if let start = drift.start, drift.entity == .appointments || drift.entity == .availability {
            subject += " (\(time(start, source: drift.source)))"
        }
        switch drift.change {
        case .created:
            return "\(subject) is new in \(vendor); the cache did not have it"
        case .deleted:
            return "\(subject) is gone from \(vendor) (deleted or deactivated); the cache still had it"
        case .changed:
            let parts = drift.fields.map { describe($0, source: drift.source) }
            return "\(subject) changed in \(vendor): \(parts.joined(separator: "; "))"
        }
    }
}
