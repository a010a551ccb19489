import FieldSyncCore
import Foundation

/// Each technician's schedule over a few days, for the report: rows = technicians, time across,
/// with the items that take part in a finding marked.
public struct Timeline: Sendable, Hashable {
    public enum ItemKind: String, Sendable, Hashable {
        case appointment
        case shift
        case onCall = "on_call"
        case timeOff = "time_off"
        case busy
        case nonJobAppointment = "non_job_appointment"
    }

    public struct Item: Sendable, Hashable {
        public var kind: ItemKind
        public var start: Date
        public var end: Date
        /// `Job 700286 · No Heat`, `Vacation`; never a customer's name.
        public var label: String
        /// The findings this item is part of.
        public var findingIDs: [String]
        /// The worst severity among them, nil when none.
        public var severity: Severity?

        public init(kind: ItemKind, start: Date, end: Date, label: String, findingIDs: [String] = [], severity: Severity? = nil) {
            self.kind = kind
            self.start = start
            self.end = end
            self.label = label
            self.findingIDs = findingIDs
            self.severity = severity
        }
    }

    public struct Row: Sendable, Hashable {
        public var technicianID: String
        public var name: String
        /// The source that defines the technician.
        public var source: String
        public var items: [Item]
        /// The worst severity of the findings on this row, nil when none.
        public var severity: Severity? {
            items.compactMap(\.severity).max()
        }

        public init(technicianID: String, name: String, source: String, items: [Item]) {
            self.technicianID = technicianID
            self.name = name
            self.source = source
            self.items = items
        }
    }

    /// The span shown, whole local days.
    public var start: Date
    public var end: Date
    /// The zone the axis is drawn in.
    public var timeZone: String
    /// Technicians with findings first, then by name.
    public var rows: [Row]

    public init(start: Date, end: Date, timeZone: String, rows: [Row]) {
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.rows = rows
    }
}
