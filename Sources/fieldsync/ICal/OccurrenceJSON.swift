import FieldSyncCore
import FieldSyncICalendar

/// One element of `fieldsync ical occurrences --json`.
///
/// `uid`, `summary`, `status`, `recurrence_id` (or null), `start`, `end` and `tzid` (when the
/// start has one) are the documented contract; the other fields are additions.
struct OccurrenceJSON: Encodable {
    var occurrence: Occurrence

    enum CodingKeys: String, CodingKey {
        case uid, summary, status, start, end, tzid
        case recurrenceID = "recurrence_id"
        case startUTC = "start_utc"
        case endUTC = "end_utc"
        case timeZone = "time_zone"
        case allDay = "all_day"
        case busy, transparent, override, component, sequence, line
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(occurrence.uid, forKey: .uid)
        try c.encode(occurrence.summary, forKey: .summary)
        try c.encode(occurrence.status, forKey: .status)
        try c.encode(occurrence.recurrenceID?.rfc3339, forKey: .recurrenceID)
        try c.encode(occurrence.start.rfc3339, forKey: .start)
        try c.encode(occurrence.end.rfc3339, forKey: .end)
        try c.encodeIfPresent(occurrence.tzid, forKey: .tzid)
        try c.encode(RFC3339.string(utc: occurrence.start.instant), forKey: .startUTC)
        try c.encode(RFC3339.string(utc: occurrence.end.instant), forKey: .endUTC)
        try c.encodeIfPresent(occurrence.ianaTimeZone, forKey: .timeZone)
        try c.encode(occurrence.isAllDay, forKey: .allDay)
        try c.encode(occurrence.isBusy, forKey: .busy)
        try c.encode(occurrence.isTransparent, forKey: .transparent)
        try c.encode(occurrence.isOverride, forKey: .override)
        try c.encode(occurrence.kind.rawValue, forKey: .component)
        try c.encode(occurrence.sequence, forKey: .sequence)
        try c.encode(occurrence.line, forKey: .line)
    }
}
