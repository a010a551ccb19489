import FieldSyncCore
import Foundation

/// A technician's busy and free time over a window, from every source in the cache.
public struct AvailabilityReport: Sendable, Codable {
    public struct TechnicianInfo: Sendable, Codable {
        public var id: String
        public var name: String
        public var timeZone: String?

        enum CodingKeys: String, CodingKey {
            case id, name
            case timeZone = "time_zone"
        }
    }

    /// One cached window that blocks booking, with where it came from.
    public struct BusyWindow: Sendable, Codable {
        public var start: String
        public var end: String
        public var kind: AvailabilityKind
        public var allDay: Bool
        public var title: String?
        public var status: String?
        public var source: String
        public var externalID: String
        public var sourceTimeZone: String?

        enum CodingKeys: String, CodingKey {
            case start, end, kind, title, status, source
            case allDay = "all_day"
            case externalID = "external_id"
            case sourceTimeZone = "source_time_zone"
        }
    }

    public struct Span: Sendable, Codable, Hashable {
        public var start: String
        public var end: String
        public var minutes: Int
    }

    public var technician: TechnicianInfo
    public var from: String
    public var to: String
    /// When each source that feeds this technician last synced.
    public var asOf: [String: String]
    /// Whether the cache has shifts for this technician; without them, free time is simply
    /// time that is not busy.
    public var shiftsKnown: Bool
    public var shifts: [Span]
    /// Every window that blocks booking (busy, time off, non-job appointments).
    public var busy: [BusyWindow]
    /// The busy windows merged into disjoint spans.
    public var busyMerged: [Span]
    /// Free time: inside shifts (when known) and outside every busy span.
    public var free: [Span]

    enum CodingKeys: String, CodingKey {
        case technician, from, to, shifts, busy, free
        case asOf = "as_of"
        case shiftsKnown = "shifts_known"
        case busyMerged = "busy_merged"
    }
}
