import FieldSyncCore
import Foundation

/// The shop's own rules, read from `Mappings/rules.yaml`, that the checks enforce on top of the
/// built-in ones (and the booking engine respects).
public struct CheckRules: Sendable {
    /// When a shop without shifts in its backend (Housecall Pro) works: appointments of its
    /// technicians outside these hours are `outside_shift`.
    public struct BusinessHours: Sendable, Hashable {
        /// The zone the hours are in (IANA name).
        public var timeZone: String
        public var days: Set<Weekday>
        /// Minutes after local midnight.
        public var opensAt: Int
        /// Minutes after local midnight; after `opensAt`.
        public var closesAt: Int

        public init(timeZone: String, days: Set<Weekday>, opensAt: Int, closesAt: Int) {
            self.timeZone = timeZone
            self.days = days
            self.opensAt = opensAt
            self.closesAt = closesAt
        }

        /// `Mon–Fri 08:00–17:00 America/Denver`.
        public var description: String {
            let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            let sorted = days.sorted()
            let dayText: String
            if let first = sorted.first, let last = sorted.last, sorted.count > 2,
                last.rawValue - first.rawValue + 1 == sorted.count
            {
                dayText = "\(names[first.rawValue - 1])–\(names[last.rawValue - 1])"
            } else {
                dayText = sorted.map { names[$0.rawValue - 1] }.joined(separator: ", ")
            }
            return "\(dayText) \(Self.clock(opensAt))–\(Self.clock(closesAt)) \(timeZone)"
        }

        static func clock(_ minutes: Int) -> String {
            let h = minutes / 60, m = minutes % 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
    }

    /// A technician who must never be sent to a customer (a complaint, a family member).
    public struct NeverSend: Sendable, Hashable {
        /// The rule's name, for the finding (`never_send`, or the one the file gives).
        public var name: String
        /// The local technician id.
        public var technicianID: String
        /// The source the customer is in.
        public var source: String
        /// The customer's id in that source.
        public var customerID: String
        /// Why, as the shop wrote it.
        public var reason: String?
        public var severity: Severity

        public init(
            name: String = "never_send", technicianID: String, source: String, customerID: String, reason: String? = nil,
            severity: Severity = .warning
        ) {
            self.name = name
            self.technicianID = technicianID
            self.source = source
            self.customerID = customerID
            self.reason = reason
            self.severity = severity
        }
    }

    /// Business hours by source name; the key `*` applies to every source without its own.
    public var businessHours: [String: BusinessHours] = [:]
    /// The most appointments a technician takes in one local day, for every technician.
    public var maxJobsPerDay: Int?
    /// Per-technician limits that replace ``maxJobsPerDay`` (by local id).
    public var maxJobsPerDayByTechnician: [String: Int] = [:]
    public var neverSend: [NeverSend] = []
    /// Appointments shorter than this are `invalid_time`.
    public var minimumDuration: TimeInterval = 5 * 60
    /// Appointments longer than this are `invalid_time`.
    public var maximumDuration: TimeInterval = 16 * 3600
    /// Severities the shop wants instead of the built-in ones.
    public var severities: [FindingKind: Severity] = [:]
    /// Where the rules came from (`Mappings/rules.yaml`), for messages.
    public var origin: String?

    public init() {}

    /// The business hours that apply to `source`.
    public func businessHours(for source: String) -> BusinessHours? {
        businessHours[source] ?? businessHours["*"]
    }

    /// The daily limit for a technician, if any.
    public func maxJobsPerDay(technicianID: String) -> Int? {
        maxJobsPerDayByTechnician[technicianID] ?? maxJobsPerDay
    }
}
