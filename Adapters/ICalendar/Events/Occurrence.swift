import FieldSyncCore
import Foundation

/// One concrete happening of an event (or one free/busy period) with its times resolved.
public struct Occurrence: Sendable {
    /// A start or end as the source meant it, and the instant it names.
    public struct Time: Sendable {
        /// The wall-clock value in the event's own zone (a date for all-day events).
        public var value: ICalDateTime
        public var instant: Int64
        /// The UTC offset in force, for zoned values.
        public var utcOffset: Int?

        /// RFC 3339 in the event's own local time: `2019-03-31T03:00:00+02:00` for zoned values,
        /// `…Z` for UTC, no offset for floating ones, `YYYY-MM-DD` for dates.
        public var rfc3339: String {
            switch value.form {
            case .date: value.local.date.description
            case .utc: value.local.description + "Z"
            case .floating: value.local.description
            case .zoned: RFC3339.string(local: value.local, utcOffset: utcOffset ?? 0)
            }
        }
    }

    public enum Kind: String, Sendable {
        case event = "VEVENT"
        case freeBusy = "VFREEBUSY"
    }

    public var kind: Kind
    public var uid: String?
    public var summary: String?
    /// STATUS (`CONFIRMED`, `TENTATIVE`, `CANCELLED`), or FBTYPE for free/busy periods.
    public var status: String?
    public var isTransparent: Bool
    /// The instance's original start, for instances of recurring series; nil for single events.
    public var recurrenceID: Time?
    /// True when the feed has its own VEVENT for this instance (RECURRENCE-ID).
    public var isOverride: Bool
    public var start: Time
    public var end: Time
    /// The TZID the start was written with (after X-WR-TIMEZONE was applied).
    public var tzid: String?
    /// The IANA zone that TZID resolved to, when it resolved to one.
    public var ianaTimeZone: String?
    public var sequence: Int
    /// Line of the component it came from.
    public var line: Int
    /// SEQUENCE/LAST-MODIFIED of the component it came from.
    public var remoteVersion: String?

    /// Whether this occurrence makes the person busy: not cancelled, not transparent, not FREE.
    public var isBusy: Bool {
        status != "CANCELLED" && !isTransparent && status != "FREE"
    }

    public var isAllDay: Bool { start.value.isDate }

    /// `[start, end)` in UTC.
    public var range: TimeRange {
        TimeRange(
            start: .init(timeIntervalSince1970: Double(start.instant)),
            end: .init(timeIntervalSince1970: Double(end.instant)))
    }

    /// A stable id for the instance: the UID, plus the original start for recurring instances.
    public var instanceID: String {
        let base = uid ?? "line-\(line)"
        guard let recurrenceID else {
            return kind == .freeBusy ? "\(base)/freebusy/\(start.instant)" : base
        }
        return base + "/" + recurrenceID.value.description
    }
}
