import FieldSyncCore
import FieldSyncICalendar
import Testing

/// Series across DST changes, spelled out: a time in a spring-forward gap moves forward by the
/// gap (RFC 5545 §3.3.5), a time in a fall-back overlap is its first (daylight) instant, other
/// instances keep their wall-clock time. Northern and southern hemispheres, half-hour and
/// quarter-hour offsets, a 30-minute DST shift, and a change of standard offset.
@Suite("DST transitions, case by case")
struct DSTTransitionTests {
    typealias K = RecurrenceKit

    /// Starts and ends of a daily or weekly series, as the CLI prints them.
    static func series(
        _ tzid: String, _ start: String, _ rule: String, end: String? = nil, from: String, to: String
    ) -> [Occurrence] {
        var lines = ["BEGIN:VEVENT", "UID:dst", "DTSTART;TZID=\(tzid):\(start)", "RRULE:\(rule)"]
        if let end { lines.append(end) }
        lines.append("END:VEVENT")
        return K.occurrences(lines.joined(separator: "\r\n"), from: from, to: to)
    }

    /// Elapsed seconds from start to end of each occurrence.
    static func lengths(_ found: [Occurrence]) -> [Int64] {
        found.map { $0.end.instant - $0.start.instant }
    }

    @Test("New York, spring forward: a daily 02:30 becomes 03:30 EDT on March 8, 2026, and 02:30 again after")
    func newYorkGap() {
        let found = Self.series("America/New_York", "20260306T023000", "FREQ=DAILY;COUNT=4", from: "2026-03-01", to: "2026-04-01")
        #expect(found.map(\.start.rfc3339) == [
            "2026-03-06T02:30:00-05:00", "2026-03-07T02:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00",
        ])
        #expect(found[2].start.instant == K.instant("2026-03-08T07:30:00Z"))
    }

    @Test("Berlin, spring forward: 02:00 on March 31, 2019 is printed 03:00+02:00")
    func berlinGapPrinted() {
        let found = Self.series("Europe/Berlin", "20190330T020000", "FREQ=DAILY;COUNT=3", from: "2019-03-01", to: "2019-04-10")
        #expect(found.map(\.start.rfc3339) == ["2019-03-30T02:00:00+01:00", "2019-03-31T03:00:00+02:00", "2019-04-01T02:00:00+02:00"])
    }

    @Test("New York, fall back: a daily 01:30 on November 1, 2026 is the first 01:30 (EDT)")
    func newYorkOverlap() {
        let found = Self.series("America/New_York", "20261031T013000", "FREQ=DAILY;COUNT=3", from: "2026-10-01", to: "2026-12-01")
        #expect(found.map(\.start.rfc3339) == ["2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"])
        #expect(found[1].start.instant == K.instant("2026-11-01T05:30:00Z"))
    }

    @Test("Berlin, fall back: 02:30 on October 25, 2026 is the first one, +02:00")
    func berlinOverlap() {
        let found = Self.series("Europe/Berlin", "20261024T023000", "FREQ=DAILY;COUNT=3", from: "2026-10-01", to: "2026-11-01")
        #expect(found.map(\.start.rfc3339) == ["2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"])
    }

    @Test("Sydney (southern hemisphere): spring forward on October 4, fall back on April 5, 2026")
    func sydney() {
        let spring = Self.series("Australia/Sydney", "20261003T023000", "FREQ=DAILY;COUNT=3", from: "2026-09-01", to: "2026-11-01")
        #expect(spring.map(\.start.rfc3339) == ["2026-10-03T02:30:00+10:00", "2026-10-04T03:30:00+11:00", "2026-10-05T02:30:00+11:00"])
        let autumn = Self.series("Australia/Sydney", "20260404T023000", "FREQ=DAILY;COUNT=3", from: "2026-03-01", to: "2026-05-01")
        #expect(autumn.map(\.start.rfc3339) == ["2026-04-04T02:30:00+11:00", "2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00"])
    }

    @Test("Lord Howe's 30-minute shift: 02:15 moves to 02:45 in October; 01:45 in April is the +11:00 one")
    func lordHowe() {
        let spring = Self.series("Australia/Lord_Howe", "20261003T021500", "FREQ=DAILY;COUNT=3", from: "2026-09-01", to: "2026-11-01")
        #expect(spring.map(\.start.rfc3339) == ["2026-10-03T02:15:00+10:30", "2026-10-04T02:45:00+11:00", "2026-10-05T02:15:00+11:00"])
        let autumn = Self.series("Australia/Lord_Howe", "20260404T014500", "FREQ=DAILY;COUNT=3", from: "2026-03-01", to: "2026-05-01")
        #expect(autumn.map(\.start.rfc3339) == ["2026-04-04T01:45:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"])
        #expect(autumn[2].start.instant - autumn[1].start.instant == 86_400 + 1_800)
    }

    @Test("St. John's (-03:30 with DST) and Adelaide (+09:30 with DST) move gap times by the hour they lose")
    func halfHourZones() {
        let stJohns = Self.series("America/St_Johns", "20260307T023000", "FREQ=DAILY;COUNT=3", from: "2026-03-01", to: "2026-04-01")
        #expect(stJohns.map(\.start.rfc3339) == ["2026-03-07T02:30:00-03:30", "2026-03-08T03:30:00-02:30", "2026-03-09T02:30:00-02:30"])
        let adelaide = Self.series("Australia/Adelaide", "20261003T021000", "FREQ=DAILY;COUNT=3", from: "2026-09-01", to: "2026-11-01")
        #expect(adelaide.map(\.start.rfc3339) == ["2026-10-03T02:10:00+09:30", "2026-10-04T03:10:00+10:30", "2026-10-05T02:10:00+10:30"])
    }

    @Test("Kathmandu moved from +05:30 to +05:45 at midnight on January 1, 1986: 00:10 that day is 00:25")
    func kathmanduOffsetChange() {
        let found = Self.series("Asia/Kathmandu", "19851231T001000", "FREQ=DAILY;COUNT=3", from: "1985-12-01", to: "1986-02-01")
        #expect(found.map(\.start.rfc3339) == ["1985-12-31T00:10:00+05:30", "1986-01-01T00:25:00+05:45", "1986-01-02T00:10:00+05:45"])
    }

    @Test("Kolkata has no DST: a weekly 09:00 stays 09:00+05:30 all year")
    func kolkata() {
        let found = Self.series("Asia/Kolkata", "20260105T090000", "FREQ=WEEKLY;COUNT=52", from: "2026-01-01", to: "2027-01-01")
        #expect(found.count == 52)
        #expect(found.allSatisfy { $0.start.rfc3339.hasSuffix("T09:00:00+05:30") })
        #expect(zip(found, found.dropFirst()).allSatisfy { $1.start.instant - $0.start.instant == 7 * 86_400 })
    }

    @Test("an instance whose DTSTART is itself in the gap is still the first instance, moved forward")
    func dtstartInGap() {
        let found = Self.series("America/New_York", "20260308T021500", "FREQ=WEEKLY;COUNT=2", from: "2026-03-01", to: "2026-04-01")
        #expect(found.map(\.start.rfc3339) == ["2026-03-08T03:15:00-04:00", "2026-03-15T02:15:00-04:00"])
    }

    @Test(
        "an EXDATE or RECURRENCE-ID naming a gap instance matches it, as written (02:30) or as the instant (07:30Z)",
        arguments: [";TZID=America/New_York:20260308T023000", ":20260308T073000Z"])
    func exceptionsOnGapInstance(value: String) {
        let master = ["BEGIN:VEVENT", "UID:g", "DTSTART;TZID=America/New_York:20260307T023000", "RRULE:FREQ=DAILY;COUNT=3"]
        let excluded = K.occurrences((master + ["EXDATE" + value, "END:VEVENT"]).joined(separator: "\r\n"), from: "2026-03-01", to: "2026-04-01")
        #expect(excluded.map(\.start.rfc3339) == ["2026-03-07T02:30:00-05:00", "2026-03-09T02:30:00-04:00"])
        let override = ["BEGIN:VEVENT", "UID:g", "RECURRENCE-ID" + value, "DTSTART;TZID=America/New_York:20260308T050000", "END:VEVENT"]
        let overridden = K.occurrences((master + ["END:VEVENT"] + override).joined(separator: "\r\n"), from: "2026-03-01", to: "2026-04-01")
        #expect(overridden.map(\.start.rfc3339) == [
            "2026-03-07T02:30:00-05:00", "2026-03-08T05:00:00-04:00", "2026-03-09T02:30:00-04:00",
        ])
        #expect(overridden[1].recurrenceID?.rfc3339 == "2026-03-08T03:30:00-04:00")
    }

    /// Sub-daily rules step in wall-clock time, like every other rule (RFC 5545 §3.3.10): on a
    /// spring-forward night 02:30 resolves onto 03:30, which the rule also gives, and counts
    /// once; on a fall-back night the repeated 01:30 happens once, so two instances are two
    /// hours apart.
    @Test("hourly series step in wall-clock time: no instant twice in spring, the repeated hour once in autumn")
    func hourlyAcrossChanges() {
        let spring = Self.series("America/New_York", "20260308T003000", "FREQ=HOURLY;COUNT=6", from: "2026-03-01", to: "2026-04-01")
        #expect(spring.map(\.start.rfc3339) == [
            "2026-03-08T00:30:00-05:00", "2026-03-08T01:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-08T04:30:00-04:00",
            "2026-03-08T05:30:00-04:00",
        ])
        let autumn = Self.series("America/New_York", "20261101T003000", "FREQ=HOURLY;COUNT=4", from: "2026-10-01", to: "2026-12-01")
        #expect(autumn.map(\.start.rfc3339) == [
            "2026-11-01T00:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T02:30:00-05:00", "2026-11-01T03:30:00-05:00",
        ])
    }

    @Test("a series in an Exchange custom zone (VTIMEZONE rules only) moves gap times forward too")
    func customVTimezone() {
        let calendar = """
            BEGIN:VTIMEZONE
            TZID:Customized Time Zone
            BEGIN:STANDARD
            DTSTART:16010101T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:custom
            DTSTART;TZID=Customized Time Zone:20240330T023000
            DURATION:PT1H
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:custom-autumn
            DTSTART;TZID=Customized Time Zone:20241026T023000
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            """
        let found = K.occurrences(calendar, from: "2024-03-01", to: "2024-11-01")
        #expect(found.map(\.start.rfc3339) == [
            "2024-03-30T02:30:00+01:00", "2024-03-31T03:30:00+02:00", "2024-04-01T02:30:00+02:00",
            "2024-10-26T02:30:00+02:00", "2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00",
        ])
    }

    @Test("X-WR-TIMEZONE never moves a UTC time: 06:30Z on fall-back night (the second 01:30 in New York) stays 06:30Z")
    func xwrTimezoneKeepsRepeatedHour() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:night-shift
            DTSTART:20261101T063000Z
            DTEND:20261101T073000Z
            END:VEVENT
            BEGIN:VEVENT
            UID:first
            DTSTART:20261101T053000Z
            END:VEVENT
            """, from: "2026-11-01", to: "2026-11-02", calendarProperties: ["X-WR-TIMEZONE:America/New_York"])
        #expect(found.map { RFC3339.string(utc: $0.start.instant) } == ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"])
        #expect(found.map { RFC3339.string(utc: $0.end.instant) } == ["2026-11-01T05:30:00Z", "2026-11-01T07:30:00Z"])
        #expect(found.map(\.start.rfc3339) == ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"])
    }

    // MARK: Lengths across a change

    @Test("DURATION:P1D across spring forward ends at the same wall time (23 hours later)")
    func nominalDay() {
        let found = Self.series(
            "America/New_York", "20260307T090000", "FREQ=DAILY;COUNT=1", end: "DURATION:P1D", from: "2026-03-01", to: "2026-04-01")
        #expect(found.first?.end.rfc3339 == "2026-03-08T09:00:00-04:00")
        #expect(Self.lengths(found) == [82_800])
    }

    @Test("DURATION:PT24H across spring forward lasts exactly 24 hours (ends 10:00 EDT)")
    func exactHours() {
        let found = Self.series(
            "America/New_York", "20260307T090000", "FREQ=DAILY;COUNT=1", end: "DURATION:PT24H", from: "2026-03-01", to: "2026-04-01")
        #expect(found.first?.end.rfc3339 == "2026-03-08T10:00:00-04:00")
        #expect(Self.lengths(found) == [86_400])
    }

    @Test("DURATION:P1DT2H is a nominal day then two exact hours, across fall back")
    func mixedDuration() {
        let found = Self.series(
            "America/New_York", "20261031T090000", "FREQ=DAILY;COUNT=1", end: "DURATION:P1DT2H", from: "2026-10-01", to: "2026-12-01")
        #expect(found.first?.end.rfc3339 == "2026-11-01T11:00:00-05:00")
        #expect(Self.lengths(found) == [97_200])
    }

    @Test("DURATION:P1D on each instance of a weekly series: 23 hours on the spring-forward weekend, 24 otherwise")
    func nominalDayPerInstance() {
        let found = Self.series(
            "America/New_York", "20260228T120000", "FREQ=WEEKLY;COUNT=3", end: "DURATION:P1D", from: "2026-02-01", to: "2026-04-01")
        #expect(found.map(\.end.rfc3339) == ["2026-03-01T12:00:00-05:00", "2026-03-08T12:00:00-04:00", "2026-03-15T12:00:00-04:00"])
        #expect(Self.lengths(found) == [86_400, 82_800, 86_400])
    }

    @Test("an overnight shift with DTEND in its own zone still ends at 06:00 on the night the clocks change (7 hours)")
    func wallClockEndFromDtend() {
        let found = Self.series(
            "America/New_York", "20260228T220000", "FREQ=WEEKLY;COUNT=3", end: "DTEND;TZID=America/New_York:20260301T060000",
            from: "2026-02-01", to: "2026-04-01")
        #expect(Self.lengths(found) == [28_800, 25_200, 28_800])
        #expect(found.map(\.end.rfc3339) == ["2026-03-01T06:00:00-05:00", "2026-03-08T06:00:00-04:00", "2026-03-15T06:00:00-04:00"])
    }

    @Test("an instance starting in the spring-forward gap keeps its length instead of ending where it starts")
    func gapStartKeepsLength() {
        let found = Self.series(
            "America/New_York", "20260301T023000", "FREQ=WEEKLY;COUNT=2", end: "DTEND;TZID=America/New_York:20260301T033000",
            from: "2026-02-01", to: "2026-04-01")
        #expect(found.map(\.start.rfc3339) == ["2026-03-01T02:30:00-05:00", "2026-03-08T03:30:00-04:00"])
        #expect(found.map(\.end.rfc3339) == ["2026-03-01T03:30:00-05:00", "2026-03-08T04:30:00-04:00"])
        #expect(Self.lengths(found) == [3600, 3600])
    }

    @Test("in the fall an overnight shift with DTEND in its own zone ends at 06:00 too (9 hours)")
    func wallClockEndInFall() {
        let found = Self.series(
            "America/New_York", "20261024T220000", "FREQ=WEEKLY;COUNT=2", end: "DTEND;TZID=America/New_York:20261025T060000",
            from: "2026-10-01", to: "2026-11-15")
        #expect(Self.lengths(found) == [28_800, 32_400])
        #expect(found.map(\.end.rfc3339) == ["2026-10-25T06:00:00-04:00", "2026-11-01T06:00:00-05:00"])
    }

    @Test("a DTEND written in UTC gives every instance the exact length of the first")
    func exactLengthFromUTCDtend() {
        let found = Self.series(
            "America/New_York", "20260228T220000", "FREQ=WEEKLY;COUNT=3", end: "DTEND:20260301T110000Z",
            from: "2026-02-01", to: "2026-04-01")
        #expect(Self.lengths(found) == [28_800, 28_800, 28_800])
        #expect(found.map(\.end.rfc3339) == ["2026-03-01T06:00:00-05:00", "2026-03-08T07:00:00-04:00", "2026-03-15T06:00:00-04:00"])
    }

    @Test("a DTEND in another zone keeps the exact length and is shown in DTEND's zone")
    func dtendInOtherZone() {
        let found = Self.series(
            "America/New_York", "20260305T090000", "FREQ=DAILY;COUNT=4", end: "DTEND;TZID=Europe/London:20260305T150000",
            from: "2026-03-01", to: "2026-04-01")
        #expect(Self.lengths(found) == [3600, 3600, 3600, 3600])
        #expect(found.map(\.end.rfc3339) == [
            "2026-03-05T15:00:00+00:00", "2026-03-06T15:00:00+00:00", "2026-03-07T15:00:00+00:00", "2026-03-08T14:00:00+00:00",
        ])
    }
}
