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

    /// A span of the technician's schedule a sync read completely.
    public struct Coverage: Sendable, Codable {
        public var source: String
        /// The feed, when the source has several.
        public var feed: String?
        public var from: String
        public var to: String
        public var syncedAt: String

        enum CodingKeys: String, CodingKey {
            case source, feed, from, to
            case syncedAt = "synced_at"
        }
    }

    public var technician: TechnicianInfo
    public var from: String
    public var to: String
    /// Per source, when its least recently read feed for this technician was last read
    /// completely: availability is only as fresh as this.
    public var asOf: [String: String]
    public var coverage: [Coverage]
    /// Parts of the window no sync has read (beyond the horizon, or a feed never read): neither
    /// busy nor free as far as fieldsync knows, and never offered as free.
    public var unknown: [Span]
    /// Whether the cache has shifts for this technician (in any window); without them, free
    /// time is simply time that is not busy.
    public var shiftsKnown: Bool
    public var shifts: [Span]
    /// Every window that blocks booking (busy, time off, non-job appointments).
    public var busy: [BusyWindow]
    /// The busy windows merged into disjoint spans.
    public var busyMerged: [Span]
    /// Free time: inside shifts (when known) and outside every busy span.
    public var free: [Span]

    enum CodingKeys: String, CodingKey {
        case technician, from, to, shifts, busy, free, coverage, unknown
        case asOf = "as_of"
        case shiftsKnown = "shifts_known"
        case busyMerged = "busy_merged"
    }
}
