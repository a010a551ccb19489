import FieldSyncCore
import FieldSyncICalendar
import PropertyBased
import Testing

/// Which occurrences a window `[from, to)` returns: overlap is `s < to && from < e`, a zero-length
/// occurrence counts when `from <= s < to`; all-day events keep their date whatever the zone;
/// floating, UTC and X-WR-TIMEZONE times; long events and infinite rules far from DTSTART.
@Suite("Window semantics")
struct WindowSemanticsTests {
    typealias K = RecurrenceKit

    static let meeting = """
        BEGIN:VEVENT
        UID:m
        DTSTART:20260310T140000Z
        DTEND:20260310T150000Z
        END:VEVENT
        """

    static let reminder = """
        BEGIN:VEVENT
        UID:z
        DTSTART:20260310T140000Z
        END:VEVENT
        """

    @Test(
        "a one-hour event [14:00, 15:00) meets a window when it starts before the window ends and ends after it starts",
        arguments: [
            ("2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z", false),  // ends where the event starts
            ("2026-03-10T13:00:00Z", "2026-03-10T14:00:01Z", true),
            ("2026-03-10T14:30:00Z", "2026-03-10T14:31:00Z", true),  // inside
            ("2026-03-10T14:59:59Z", "2026-03-10T16:00:00Z", true),
            ("2026-03-10T15:00:00Z", "2026-03-10T16:00:00Z", false),  // starts where the event ends
            ("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z", true),  // contains it
        ])
    func overlap(from: String, to: String, expected: Bool) {
        #expect(K.occurrences(Self.meeting, from: from, to: to).isEmpty == !expected)
    }

    @Test(
        "a zero-length event at 14:00 counts when from <= 14:00 < to",
        arguments: [
            ("2026-03-10T14:00:00Z", "2026-03-10T15:00:00Z", true),  // at the window's start
            ("2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z", false),  // at the window's end
            ("2026-03-10T13:00:00Z", "2026-03-10T14:00:01Z", true),
            ("2026-03-10T14:00:01Z", "2026-03-10T15:00:00Z", false),
        ])
    func zeroLength(from: String, to: String, expected: Bool) {
        let found = K.occurrences(Self.reminder, from: from, to: to)
        #expect(found.count == (expected ? 1 : 0))
        #expect(found.allSatisfy { $0.start.instant == $0.end.instant })
    }

    @Test("a DTEND before DTSTART is read as a zero-length event at DTSTART")
    func swappedEnd() {
        let event = """
            BEGIN:VEVENT
            UID:swapped
            DTSTART:20260310T140000Z
            DTEND:20260310T120000Z
            END:VEVENT
            """
        #expect(K.occurrences(event, from: "2026-03-10T14:00:00Z", to: "2026-03-10T14:00:01Z").count == 1)
        #expect(K.occurrences(event, from: "2026-03-10T12:00:00Z", to: "2026-03-10T14:00:00Z").isEmpty)
    }

    @Test("a zero-length series at the window's edges: the instance at `from` is in, the one at `to` is out")
    func zeroLengthSeriesAtEdges() {
        let found = K.starts(dtstart: ":20260301T120000Z", ["RRULE:FREQ=DAILY"], from: "2026-03-05T12:00:00Z", to: "2026-03-08T12:00:00Z")
        #expect(found == ["2026-03-05T12:00:00Z", "2026-03-06T12:00:00Z", "2026-03-07T12:00:00Z"])
    }

    // MARK: All-day events

    @Test("an all-day event in a UTC+13 feed is still its own date, and spans that zone's day")
    func allDayInTonga() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:holiday
            DTSTART;VALUE=DATE:20260310
            END:VEVENT
            """, from: "2026-03-01", to: "2026-04-01", calendarProperties: ["X-WR-TIMEZONE:Pacific/Tongatapu"])
        #expect(found.map(\.start.rfc3339) == ["2026-03-10"])
        #expect(found.map(\.end.rfc3339) == ["2026-03-11"])
        #expect(found.first?.start.instant == K.instant("2026-03-09T11:00:00Z"))
        #expect(found.first?.isAllDay == true)
    }

    @Test("an all-day event read for a technician in Honolulu (UTC-10) keeps its date and multi-day length")
    func allDayInHonolulu() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:trip
            DTSTART;VALUE=DATE:20261231
            DTEND;VALUE=DATE:20270102
            END:VEVENT
            """, from: "2026-12-01", to: "2027-02-01", defaultZone: K.zone("Pacific/Honolulu"))
        #expect(found.map(\.start.rfc3339) == ["2026-12-31"])
        #expect(found.map(\.end.rfc3339) == ["2027-01-02"])
        #expect(found.map { $0.end.instant - $0.start.instant } == [172_800])
        #expect(found.first?.start.instant == K.instant("2026-12-31T10:00:00Z"))
    }

    @Test("an all-day event is in a window only where that zone's day overlaps it")
    func allDayWindowEdges() {
        let event = """
            BEGIN:VEVENT
            UID:holiday
            DTSTART;VALUE=DATE:20260310
            END:VEVENT
            """
        let berlin = ["X-WR-TIMEZONE:Europe/Berlin"]
        // March 10 in Berlin is [09T23:00Z, 10T23:00Z).
        #expect(K.occurrences(event, from: "2026-03-09T22:00:00Z", to: "2026-03-09T23:00:00Z", calendarProperties: berlin).isEmpty)
        #expect(K.occurrences(event, from: "2026-03-09T22:00:00Z", to: "2026-03-09T23:00:01Z", calendarProperties: berlin).count == 1)
        #expect(K.occurrences(event, from: "2026-03-10T23:00:00Z", to: "2026-03-11T00:00:00Z", calendarProperties: berlin).isEmpty)
    }

    @Test("an all-day event without DTEND lasts one day, across a DST change only 23 hours of it")
    func allDayNoEndAcrossDST() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:sunday
            DTSTART;VALUE=DATE:20260308
            END:VEVENT
            """, from: "2026-03-01", to: "2026-04-01", defaultZone: K.zone("America/New_York"))
        #expect(found.map(\.end.rfc3339) == ["2026-03-09"])
        #expect(found.map { $0.end.instant - $0.start.instant } == [82_800])
    }

    // MARK: Floating, UTC, X-WR-TIMEZONE

    static let threeForms = """
        BEGIN:VEVENT
        UID:floating
        DTSTART:20260310T090000
        END:VEVENT
        BEGIN:VEVENT
        UID:utc
        DTSTART:20260310T090000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:zoned
        DTSTART;TZID=Asia/Kolkata:20260310T090000
        END:VEVENT
        """

    static func byUID(_ found: [Occurrence]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: found.map { ($0.uid ?? "", $0.start.rfc3339 + " " + RFC3339.string(utc: $0.start.instant)) })
    }

    @Test("floating times are read in the technician's zone and printed without an offset; UTC and TZID times are not moved")
    func floatingInDefaultZone() {
        let found = K.occurrences(Self.threeForms, from: "2026-03-09", to: "2026-03-12", defaultZone: K.zone("America/Chicago"))
        #expect(Self.byUID(found) == [
            "floating": "2026-03-10T09:00:00 2026-03-10T14:00:00Z",
            "utc": "2026-03-10T09:00:00Z 2026-03-10T09:00:00Z",
            "zoned": "2026-03-10T09:00:00+05:30 2026-03-10T03:30:00Z",
        ])
    }

    @Test("with no zone given at all, floating times are read as UTC")
    func floatingWithoutZone() {
        let found = K.occurrences(Self.threeForms, from: "2026-03-09", to: "2026-03-12")
        #expect(Self.byUID(found)["floating"] == "2026-03-10T09:00:00 2026-03-10T09:00:00Z")
    }

    @Test("X-WR-TIMEZONE: floating times happen there and UTC times are shown there; TZID times are untouched")
    func xwrTimezone() {
        let found = K.occurrences(
            Self.threeForms, from: "2026-03-09", to: "2026-03-12", calendarProperties: ["X-WR-TIMEZONE:Europe/Berlin"],
            defaultZone: K.zone("America/Chicago"))
        #expect(Self.byUID(found) == [
            "floating": "2026-03-10T09:00:00+01:00 2026-03-10T08:00:00Z",
            "utc": "2026-03-10T10:00:00+01:00 2026-03-10T09:00:00Z",
            "zoned": "2026-03-10T09:00:00+05:30 2026-03-10T03:30:00Z",
        ])
    }

    @Test("X-WR-TIMEZONE makes a UTC weekly series keep its Berlin wall time across DST (what Google means)")
    func xwrTimezoneSeries() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:google
            DTSTART:20260323T080000Z
            RRULE:FREQ=WEEKLY;COUNT=3
            END:VEVENT
            """, from: "2026-03-01", to: "2026-05-01", calendarProperties: ["X-WR-TIMEZONE:Europe/Berlin"])
        #expect(found.map(\.start.rfc3339) == ["2026-03-23T09:00:00+01:00", "2026-03-30T09:00:00+02:00", "2026-04-06T09:00:00+02:00"])
    }

    @Test("a floating daily series keeps its wall time in the technician's zone across DST")
    func floatingSeriesAcrossDST() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:f
            DTSTART:20260307T083000
            RRULE:FREQ=DAILY;COUNT=3
            END:VEVENT
            """, from: "2026-03-01", to: "2026-04-01", defaultZone: K.zone("America/Denver"))
        #expect(found.map(\.start.rfc3339) == ["2026-03-07T08:30:00", "2026-03-08T08:30:00", "2026-03-09T08:30:00"])
        #expect(found.map { RFC3339.string(utc: $0.start.instant) } == [
            "2026-03-07T15:30:00Z", "2026-03-08T14:30:00Z", "2026-03-09T14:30:00Z",
        ])
    }

    // MARK: Long events and far windows

    @Test("an event that started before the window and is still going is returned")
    func longEventStartedBefore() {
        let found = K.occurrences(
            """
            BEGIN:VEVENT
            UID:job
            DTSTART;TZID=America/Chicago:20260301T080000
            DTEND;TZID=America/Chicago:20260305T170000
            END:VEVENT
            """, from: "2026-03-04", to: "2026-03-05")
        #expect(found.count == 1)
    }

    @Test("an instance of a series with a 10-day DURATION, started 9 days before the window, is returned")
    func longSeriesInstanceStartedBefore() {
        let found = K.starts(
            dtstart: ";TZID=Europe/Berlin:20260105T080000", ["DURATION:P10D", "RRULE:FREQ=MONTHLY;BYDAY=1MO"], from: "2026-03-11",
            to: "2026-03-12")
        #expect(found == ["2026-03-02T08:00:00+01:00"])
    }

    @Test("a daily rule from 1990 expanded for a week in 2030 returns 7 instances, quickly")
    func infiniteRuleFarAhead() {
        let clock = ContinuousClock()
        var found: [String] = []
        let elapsed = clock.measure {
            found = K.starts(
                dtstart: ";TZID=America/New_York:19900101T090000", ["RRULE:FREQ=DAILY"], from: "2030-06-03", to: "2030-06-10")
        }
        #expect(found == K.days(2030, 6, 3...9, K.edt))
        #expect(elapsed < .seconds(1))
    }

    @Test("sub-daily infinite rules skip ahead too: every 15 minutes from 1990, one hour in 2030")
    func minutelyRuleFarAhead() {
        let clock = ContinuousClock()
        var found: [String] = []
        let elapsed = clock.measure {
            found = K.starts(
                dtstart: ":19900101T000000Z", ["RRULE:FREQ=MINUTELY;INTERVAL=15"], from: "2030-06-03T10:00:00Z",
                to: "2030-06-03T11:00:00Z")
        }
        #expect(found == ["10:00", "10:15", "10:30", "10:45"].map { "2030-06-03T\($0):00Z" })
        #expect(elapsed < .seconds(1))
    }

    @Test("a rule that can never match (BYMONTH=2;BYMONTHDAY=30) returns nothing after DTSTART and terminates")
    func neverMatching() {
        let clock = ContinuousClock()
        var later: [String] = []
        var all: [String] = []
        let elapsed = clock.measure {
            later = K.starts(dtstart: ":20260115T100000Z", ["RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"], from: "2027-01-01", to: "2099-01-01")
            all = K.starts(dtstart: ":20260115T100000Z", ["RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30,31"], from: "2026-01-01", to: "2099-01-01")
        }
        #expect(later.isEmpty)
        #expect(all == ["2026-01-15T10:00:00Z"])
        #expect(elapsed < .seconds(1))
    }

    @Test("for any window, an infinite weekly series returns exactly the instances whose start lies in it")
    func windowMatchesBruteForce() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...5_000), Gen.int(in: 1...60)) { offsetDays, lengthDays in
            let from = K.instant("2026-01-01") + Int64(offsetDays) * 86_400 + 3_600 * 7
            let to = from + Int64(lengthDays) * 86_400
            let found = K.occurrences(
                """
                BEGIN:VEVENT
                UID:w
                DTSTART;TZID=America/New_York:20260105T090000
                RRULE:FREQ=WEEKLY;BYDAY=MO,TH
                END:VEVENT
                """, from: RFC3339.string(utc: from), to: RFC3339.string(utc: to))
            let zone = K.zone("America/New_York")
            var expected: [Int64] = []
            var day = LocalDate(year: 2026, month: 1, day: 5)!
            while true {
                let s = zone.instant(for: LocalDateTime(date: day, hour: 9))
                if s >= to { break }
                if s >= from && (day.weekday == .monday || day.weekday == .thursday) { expected.append(s) }
                day = day.adding(days: 1)
            }
            #expect(found.map(\.start.instant) == expected)
        }
    }
}
