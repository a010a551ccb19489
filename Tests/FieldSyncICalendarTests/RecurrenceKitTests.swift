import FieldSyncCore
import FieldSyncICalendar
import Foundation

/// Shared helpers for the recurrence, occurrence, DST and window suites: build a calendar from a
/// few inline lines, expand it over a window, and write expected times compactly.
///
/// ```swift
/// let found = RecurrenceKit.occurrences(
///     """
///     BEGIN:VEVENT
///     UID:a
///     DTSTART;TZID=America/New_York:20260306T090000
///     RRULE:FREQ=DAILY;COUNT=3
///     END:VEVENT
///     """, from: "2026-03-01", to: "2026-04-01")
/// found.map(\.start.rfc3339)   // ["2026-03-06T09:00:00-05:00", "2026-03-07T09:00:00-05:00", "2026-03-08T09:00:00-04:00"]
/// ```
///
/// Everything lives in one namespace so these names cannot collide with other suites' helpers.
enum RecurrenceKit {
    static let catalog = ZoneCatalog()

    /// An IANA zone the system must know.
    static func zone(_ identifier: String) -> IANAZoneRules {
        guard let zone = catalog.iana(identifier) else { fatalError("the system does not know \(identifier)") }
        return zone
    }

    /// Seconds since the epoch for `2026-03-08T07:30:00Z`, `…-05:00` or a bare `2026-03-08` (UTC).
    static func instant(_ text: String) -> Int64 {
        guard let instant = RFC3339.parseInstant(text) else { fatalError("not an RFC 3339 time: \(text)") }
        return instant
    }

    /// Wraps components (VEVENT, VFREEBUSY, VTIMEZONE) and calendar properties into a VCALENDAR
    /// and reads it. Lines may end in LF; the parser accepts that, as real feeds need.
    static func read(_ components: String, calendarProperties: [String] = [], defaultZone: (any ZoneRules)? = nil)
        -> ICalCalendar
    {
        let text = (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fieldsync//recurrence tests//EN"] + calendarProperties
            + [components, "END:VCALENDAR", ""]).joined(separator: "\r\n")
        let document = ICalParser().parse(text)
        return ICalendarReader(catalog: catalog, defaultTimeZone: defaultZone).read(document)
    }

    /// Every occurrence of the components overlapping `[from, to)`.
    static func occurrences(
        _ components: String, from: String, to: String, calendarProperties: [String] = [],
        defaultZone: (any ZoneRules)? = nil
    ) -> [Occurrence] {
        let calendar = read(components, calendarProperties: calendarProperties, defaultZone: defaultZone)
        return OccurrenceExpander(floatingZone: calendar.floatingZone)
            .occurrences(in: calendar, from: instant(from), to: instant(to))
    }

    /// The starts, as the CLI prints them, of one series given by its DTSTART and rule lines.
    static func starts(
        dtstart: String, _ lines: [String], from: String = "1900-01-01", to: String = "2100-01-01",
        defaultZone: (any ZoneRules)? = nil
    ) -> [String] {
        let event = (["BEGIN:VEVENT", "UID:series", "DTSTART" + dtstart] + lines + ["END:VEVENT"]).joined(separator: "\r\n")
        return occurrences(event, from: from, to: to, defaultZone: defaultZone).map(\.start.rfc3339)
    }

    /// `days(1997, 9, [2, 3], "-04:00")` → `["1997-09-02T09:00:00-04:00", "1997-09-03T09:00:00-04:00"]`.
    static func days(_ year: Int, _ month: Int, _ days: [Int], _ offset: String, at time: String = "09:00:00") -> [String] {
        days.map { day in
            LocalDate(year: year, month: month, day: day)!.description + "T" + time + offset
        }
    }

    /// `days(1997, 9, 2...11, "-04:00")`.
    static func days(_ year: Int, _ month: Int, _ range: ClosedRange<Int>, _ offset: String, at time: String = "09:00:00")
        -> [String]
    {
        days(year, month, Array(range), offset, at: time)
    }

    /// The UTC offsets the RFC examples name.
    static let edt = "-04:00"
    static let est = "-05:00"
}
