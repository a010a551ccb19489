import FieldSyncCore
import FieldSyncICalendar
import Testing

/// UNTIL as producers really write it (ICALENDAR-QUIRKS.md items 12 and 13): a DATE for a
/// date-time series, local time next to a TZID, UTC on an all-day series, not aligned with
/// DTSTART, next to `COUNT=-1`, before DTSTART; and an RRULE bad enough to quarantine its event.
@Suite("UNTIL and invalid rules")
struct RecurrenceUntilTests {
    typealias K = RecurrenceKit

    @Test("UNTIL as a DATE on a date-time series includes every instance on that day, even at 19:00 New York time")
    func untilDateOnDateTimeSeries() {
        // 19:00 EDT is already the next day in UTC: a DATE read as UTC midnight would lose two days.
        let found = K.starts(dtstart: ";TZID=America/New_York:20240601T190000", ["RRULE:FREQ=DAILY;UNTIL=20240605"])
        #expect(found == K.days(2024, 6, 1...5, K.edt, at: "19:00:00"))
    }

    @Test("a local UNTIL (no Z) next to a TZID DTSTART is read in the series' zone")
    func localUntilWithTZID() {
        let dtstart = ";TZID=Europe/Berlin:20240325T090000"
        let inclusive = K.starts(dtstart: dtstart, ["RRULE:FREQ=DAILY;UNTIL=20240402T090000"])
        #expect(inclusive.count == 9)
        #expect(inclusive.last == "2024-04-02T09:00:00+02:00")
        let justBefore = K.starts(dtstart: dtstart, ["RRULE:FREQ=DAILY;UNTIL=20240402T085959"])
        #expect(justBefore.last == "2024-04-01T09:00:00+02:00")
    }

    @Test("a UTC UNTIL is compared as an instant, with the offset in force after a DST change")
    func utcUntilAfterChange() {
        // 09:00 EDT on March 12, 2024 is 13:00Z; the series started in EST (14:00Z).
        let dtstart = ";TZID=America/New_York:20240308T090000"
        let exact = K.starts(dtstart: dtstart, ["RRULE:FREQ=DAILY;UNTIL=20240312T130000Z"])
        #expect(exact == K.days(2024, 3, 8...9, K.est) + K.days(2024, 3, 10...12, K.edt))
        let oneSecondShort = K.starts(dtstart: dtstart, ["RRULE:FREQ=DAILY;UNTIL=20240312T125959Z"])
        #expect(oneSecondShort.last == "2024-03-11T09:00:00-04:00")
    }

    @Test("an UNTIL not aligned with DTSTART's time ends the series at the last instance before it")
    func unalignedUntil() {
        let found = K.starts(dtstart: ";TZID=America/Chicago:20240603T170000", ["RRULE:FREQ=WEEKLY;UNTIL=20240624T120000Z"])
        #expect(found == K.days(2024, 6, [3, 10, 17], "-05:00", at: "17:00:00"))
    }

    @Test("a UTC UNTIL on an all-day series is read in the calendar's zone")
    func utcUntilOnAllDaySeries() {
        let event = """
            BEGIN:VEVENT
            UID:allday
            DTSTART;VALUE=DATE:20240101
            RRULE:FREQ=DAILY;UNTIL=20240104T230000Z
            END:VEVENT
            """
        // 23:00Z on January 4 is midnight, January 5, in Berlin: the 5th is included there…
        let berlin = K.occurrences(event, from: "2023-12-01", to: "2024-02-01", calendarProperties: ["X-WR-TIMEZONE:Europe/Berlin"])
        #expect(berlin.map(\.start.rfc3339) == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"])
        // …and still January 4 in UTC.
        let utc = K.occurrences(event, from: "2023-12-01", to: "2024-02-01")
        #expect(utc.map(\.start.rfc3339) == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"])
    }

    @Test("a UTC-midnight UNTIL on an all-day series is that date, even read in New York")
    func utcMidnightUntilOnAllDaySeries() {
        let found = K.starts(
            dtstart: ";VALUE=DATE:20240101", ["RRULE:FREQ=DAILY;UNTIL=20240104T000000Z"], defaultZone: K.zone("America/New_York"))
        #expect(found == ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"])
    }

    @Test("a DATE UNTIL on an all-day series includes that date")
    func dateUntilOnAllDaySeries() {
        let found = K.starts(dtstart: ";VALUE=DATE:20240101", ["RRULE:FREQ=WEEKLY;UNTIL=20240129"])
        #expect(found == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"])
    }

    @Test("COUNT=-1 next to UNTIL (Confluence) is ignored with a warning, and UNTIL ends the series")
    func negativeCountWithUntil() {
        let calendar = K.read("""
            BEGIN:VEVENT
            UID:confluence
            DTSTART;TZID=Europe/Berlin:20240101T100000
            RRULE:FREQ=WEEKLY;COUNT=-1;UNTIL=20240122T090000Z
            END:VEVENT
            """)
        #expect(calendar.quarantined.isEmpty)
        #expect(calendar.problems.contains { $0.message.contains("COUNT=-1") })
        let found = OccurrenceExpander(floatingZone: calendar.floatingZone)
            .occurrences(in: calendar, from: K.instant("2023-12-01"), to: K.instant("2024-03-01"))
        #expect(found.map(\.start.rfc3339) == K.days(2024, 1, [1, 8, 15, 22], "+01:00", at: "10:00:00"))
    }

    @Test("COUNT=-1 with no UNTIL says nothing usable: the event is quarantined with the reason")
    func negativeCountAlone() {
        let calendar = K.read("""
            BEGIN:VEVENT
            UID:bad-count
            DTSTART:20240101T100000Z
            RRULE:FREQ=WEEKLY;COUNT=-1
            END:VEVENT
            """)
        #expect(calendar.quarantined.map(\.uid) == ["bad-count"])
        #expect(calendar.quarantined.first?.reason.contains("COUNT") == true)
    }

    @Test("UNTIL before DTSTART (a deleted series, as Confluence writes it) has no instances, and says so")
    func untilBeforeStart() {
        let event = """
            BEGIN:VEVENT
            UID:deleted
            DTSTART;VALUE=DATE:20231002
            DTEND;VALUE=DATE:20231009
            RRULE:FREQ=WEEKLY;UNTIL=20231001;INTERVAL=2;BYDAY=MO
            END:VEVENT
            """
        let calendar = K.read(event)
        let found = OccurrenceExpander(floatingZone: calendar.floatingZone)
            .occurrences(in: calendar, from: K.instant("2023-01-01"), to: K.instant("2024-01-01"))
        #expect(found.isEmpty)
        #expect(calendar.problems.contains { $0.message.contains("before DTSTART") })
    }

    @Test("UNTIL before DTSTART on a date-time series, compared as instants")
    func untilBeforeStartDateTime() {
        let found = K.starts(dtstart: ";TZID=America/New_York:20240110T090000", ["RRULE:FREQ=DAILY;UNTIL=20240110T135959Z"])
        #expect(found.isEmpty)
        let sameInstant = K.starts(dtstart: ";TZID=America/New_York:20240110T090000", ["RRULE:FREQ=DAILY;UNTIL=20240110T140000Z"])
        #expect(sameInstant == ["2024-01-10T09:00:00-05:00"])
    }

    @Test("an invalid FREQ quarantines only its own event; the rest of the calendar is read")
    func invalidFrequencyQuarantinesOneEvent() {
        let calendar = K.read("""
            BEGIN:VEVENT
            UID:bad
            DTSTART:20240101T100000Z
            RRULE:FREQ=FORTNIGHTLY;COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:good
            DTSTART:20240101T100000Z
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            """)
        #expect(calendar.quarantined.map(\.uid) == ["bad"])
        #expect(calendar.quarantined.first?.reason.contains("FORTNIGHTLY") == true)
        let found = OccurrenceExpander(floatingZone: calendar.floatingZone)
            .occurrences(in: calendar, from: K.instant("2024-01-01"), to: K.instant("2024-02-01"))
        #expect(found.map(\.uid) == ["good", "good", "good"])
    }

    @Test("an RRULE with no FREQ, or a malformed part, quarantines its event with the line")
    func malformedRules() {
        let calendar = K.read("""
            BEGIN:VEVENT
            UID:no-freq
            DTSTART:20240101T100000Z
            RRULE:COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:bad-day
            DTSTART:20240101T100000Z
            RRULE:FREQ=WEEKLY;BYDAY=XX
            END:VEVENT
            """)
        #expect(calendar.quarantined.map(\.uid) == ["no-freq", "bad-day"])
        #expect(calendar.quarantined.allSatisfy { $0.reason.contains("line") })
    }
}
