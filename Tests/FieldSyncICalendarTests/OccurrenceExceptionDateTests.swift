import FieldSyncCore
import FieldSyncICalendar
import Testing

/// EXDATE and RDATE as feeds write them (ICALENDAR-QUIRKS.md item 14): date-times compared by
/// instant whatever zone they were written in, DATE values by the whole day, Exchange's
/// date-times on all-day series by the date they name, and several lines and lists.
@Suite("EXDATE and RDATE")
struct OccurrenceExceptionDateTests {
    typealias K = RecurrenceKit

    /// A daily 10:00 Berlin series from Monday March 25, 2024 (DST starts March 31), for 10 days.
    static func berlinSeries(_ lines: [String], defaultZone: (any ZoneRules)? = nil) -> [String] {
        K.starts(dtstart: ";TZID=Europe/Berlin:20240325T100000", ["RRULE:FREQ=DAILY;COUNT=10"] + lines, defaultZone: defaultZone)
    }

    static let berlinDays = K.days(2024, 3, 25...30, "+01:00", at: "10:00:00") + K.days(2024, 3, [31], "+02:00", at: "10:00:00")
        + K.days(2024, 4, 1...3, "+02:00", at: "10:00:00")

    static func without(_ days: [String]) -> [String] {
        berlinDays.filter { day in !days.contains { day.hasPrefix($0) } }
    }

    @Test("a UTC EXDATE removes the instance at that instant, with the offset of its own date")
    func utcExdate() {
        // 09:00Z is 10:00 CET on the 26th; 08:00Z is 10:00 CEST on April 2.
        let found = Self.berlinSeries(["EXDATE:20240326T090000Z,20240402T080000Z"])
        #expect(found == Self.without(["2024-03-26", "2024-04-02"]))
    }

    @Test("an EXDATE in another zone naming the same instant removes it")
    func exdateInOtherZone() {
        // 10:00 CET on March 27 is 05:00 EDT in New York.
        #expect(Self.berlinSeries(["EXDATE;TZID=America/New_York:20240327T050000"]) == Self.without(["2024-03-27"]))
    }

    @Test("an EXDATE at a different time of day removes nothing")
    func exdateAtOtherTime() {
        #expect(Self.berlinSeries(["EXDATE;TZID=Europe/Berlin:20240327T110000", "EXDATE:20240328T100000Z"]) == Self.berlinDays)
    }

    @Test("a floating EXDATE is read in the series' own zone")
    func floatingExdate() {
        #expect(Self.berlinSeries(["EXDATE:20240328T100000"], defaultZone: K.zone("America/Chicago")) == Self.without(["2024-03-28"]))
    }

    @Test("EXDATE;VALUE=DATE on a date-time series removes that day's instance")
    func dateExdateOnDateTimeSeries() {
        #expect(Self.berlinSeries(["EXDATE;VALUE=DATE:20240331,20240401"]) == Self.without(["2024-03-31", "2024-04-01"]))
    }

    @Test("EXDATE spread over several lines, some with lists, all apply")
    func exdateOnSeveralLines() {
        let found = Self.berlinSeries([
            "EXDATE;TZID=Europe/Berlin:20240325T100000", "EXDATE;TZID=Europe/Berlin:20240329T100000,20240330T100000",
            "EXDATE:20240403T080000Z",
        ])
        #expect(found == Self.without(["2024-03-25", "2024-03-29", "2024-03-30", "2024-04-03"]))
    }

    @Test("an EXDATE on DTSTART itself removes the first instance")
    func exdateOnStart() {
        #expect(Self.berlinSeries(["EXDATE;TZID=Europe/Berlin:20240325T100000"]) == Self.without(["2024-03-25"]))
    }

    @Test("Exchange's EXDATE with a TZID and midnight on an all-day series removes that date, read anywhere")
    func exchangeExdateOnAllDaySeries() {
        let event = """
            BEGIN:VEVENT
            UID:allday
            DTSTART;VALUE=DATE:20240311
            DTEND;VALUE=DATE:20240312
            RRULE:FREQ=DAILY;COUNT=5
            EXDATE;TZID=W. Europe Standard Time:20240313T000000
            END:VEVENT
            """
        // Midnight in Berlin is still the 12th in New York: the date written is the one meant.
        for zone in ["Europe/Berlin", "America/New_York", "Pacific/Auckland"] {
            let found = K.occurrences(event, from: "2024-03-01", to: "2024-04-01", defaultZone: K.zone(zone))
            #expect(found.map(\.start.rfc3339) == ["2024-03-11", "2024-03-12", "2024-03-14", "2024-03-15"], "read in \(zone)")
        }
    }

    @Test("a UTC-midnight EXDATE on an all-day series names the date written; another UTC time is read in the calendar's zone")
    func utcExdateOnAllDaySeries() {
        let event = """
            BEGIN:VEVENT
            UID:allday
            DTSTART;VALUE=DATE:20240311
            RRULE:FREQ=DAILY;COUNT=5
            EXDATE:20240313T000000Z
            EXDATE:20240315T033000Z
            END:VEVENT
            """
        // 03:30Z on the 15th is still 23:30 on the 14th in New York (EDT).
        let found = K.occurrences(event, from: "2024-03-01", to: "2024-04-01", defaultZone: K.zone("America/New_York"))
        #expect(found.map(\.start.rfc3339) == ["2024-03-11", "2024-03-12", "2024-03-15"])
    }

    @Test("EXDATE;VALUE=DATE on an all-day series removes that date")
    func dateExdateOnAllDaySeries() {
        let found = K.starts(dtstart: ";VALUE=DATE:20240311", ["RRULE:FREQ=DAILY;COUNT=5", "EXDATE;VALUE=DATE:20240312,20240315"])
        #expect(found == ["2024-03-11", "2024-03-13", "2024-03-14"])
    }

    // MARK: RDATE

    @Test("RDATE adds instances; one equal to a rule instance, even written in UTC, is not doubled")
    func rdateAddsWithoutDuplicates() {
        let found = K.starts(
            dtstart: ";TZID=America/New_York:20240304T090000",
            ["RRULE:FREQ=WEEKLY;COUNT=3", "RDATE:20240311T130000Z", "RDATE;TZID=America/New_York:20240313T150000"])
        #expect(found == ["2024-03-04T09:00:00-05:00", "2024-03-11T09:00:00-04:00", "2024-03-13T15:00:00-04:00", "2024-03-18T09:00:00-04:00"])
    }

    @Test("an RDATE in UTC during the repeated hour keeps its instant: the second 01:30 on fall-back night")
    func rdateInRepeatedHour() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:r
            DTSTART;TZID=America/New_York:20261030T013000
            RDATE:20261101T063000Z
            END:VEVENT
            """, from: "2026-10-01", to: "2026-12-01")
        #expect(found.map(\.start.rfc3339) == ["2026-10-30T01:30:00-04:00", "2026-11-01T01:30:00-05:00"])
        #expect(found.last?.start.instant == K.instant("2026-11-01T06:30:00Z"))
    }

    @Test("RDATE;VALUE=PERIOD gives that instance its own length")
    func rdatePeriod() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:p
            DTSTART;TZID=Europe/Paris:20240610T090000
            DURATION:PT1H
            RDATE;VALUE=PERIOD:20240612T120000Z/PT3H,20240614T070000Z/20240614T073000Z
            END:VEVENT
            """, from: "2024-06-01", to: "2024-07-01")
        #expect(found.map(\.start.rfc3339) == ["2024-06-10T09:00:00+02:00", "2024-06-12T14:00:00+02:00", "2024-06-14T09:00:00+02:00"])
        #expect(found.map { $0.end.instant - $0.start.instant } == [3600, 10_800, 1_800])
    }

    @Test("several RRULEs make one series: their union, each with its own COUNT, shared instances once")
    func severalRules() {
        let found = K.starts(
            dtstart: ";VALUE=DATE:20240301",
            ["RRULE:FREQ=WEEKLY;COUNT=3", "RRULE:FREQ=DAILY;INTERVAL=7;COUNT=2", "RRULE:FREQ=MONTHLY;BYMONTHDAY=10;COUNT=2"])
        #expect(found == ["2024-03-01", "2024-03-08", "2024-03-10", "2024-03-15"])
    }

    @Test("an EXDATE also removes an RDATE at the same instant")
    func exdateBeatsRdate() {
        let found = K.starts(
            dtstart: ";TZID=America/New_York:20240304T090000",
            ["RDATE;TZID=America/New_York:20240305T090000,20240306T090000", "EXDATE:20240305T140000Z"])
        #expect(found == ["2024-03-04T09:00:00-05:00", "2024-03-06T09:00:00-05:00"])
    }

    @Test("EXRULE removes every instance it generates")
    func exrule() {
        let found = K.starts(dtstart: ";VALUE=DATE:20240301", ["RRULE:FREQ=DAILY;COUNT=10", "EXRULE:FREQ=WEEKLY;BYDAY=SA,SU"])
        #expect(found == ["2024-03-01", "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"])
    }
}
