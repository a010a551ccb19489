import FieldSyncCore
@testable import FieldSyncICalendar
import Foundation
import PropertyBased
import Testing

/// The rule engine on its own, in wall-clock time: BYWEEKNO and WKST, BYSETPOS, COUNT counting
/// DTSTART, RFC 7529 SKIP, and the skip-ahead that makes infinite rules cheap.
@Suite("Recurrence iterator")
struct RecurrenceIteratorTests {
    /// Up to `limit` starts of `rule` from `start` (`YYYYMMDDTHHMMSS` or `YYYYMMDD`), as
    /// `YYYY-MM-DD` (dates) or `YYYY-MM-DDTHH:MM:SS`.
    static func expand(
        _ rule: String, from start: String, limit: Int = 50, notBefore: LocalDateTime? = nil,
        notAfter: LocalDateTime = LocalDateTime(date: LocalDate(year: 2100, month: 1, day: 1)!)
    ) throws -> [String] {
        let parsed = try RecurrenceRule.parse(rule)
        let dtstart = try ICalDateTime.parse(start)
        var iterator = RecurrenceIterator(
            rule: parsed, start: dtstart.local, isDate: dtstart.isDate, notBefore: notBefore, notAfter: notAfter,
            isPastUntil: { local in parsed.until.map { local > $0.local } ?? false })
        var out: [String] = []
        while out.count < limit, let next = iterator.next() {
            out.append(dtstart.isDate ? next.date.description : next.description)
        }
        return out
    }

    // MARK: BYWEEKNO and WKST

    @Test("BYWEEKNO=1;BYDAY=MO finds Mondays whose week 1 starts in the previous December (dateutil's cases)")
    func weekOneMondays() throws {
        let found = try Self.expand("FREQ=YEARLY;COUNT=4;BYWEEKNO=1;BYDAY=MO", from: "19970902T090000")
        #expect(found == ["1997-09-02T09:00:00", "1997-12-29T09:00:00", "1999-01-04T09:00:00", "2000-01-03T09:00:00"])
    }

    @Test("BYWEEKNO=52;BYDAY=SU follows the week-numbering year across New Year")
    func weekFiftyTwoSundays() throws {
        let found = try Self.expand("FREQ=YEARLY;COUNT=4;BYWEEKNO=52;BYDAY=SU", from: "19970902T090000")
        #expect(found == ["1997-09-02T09:00:00", "1997-12-28T09:00:00", "1998-12-27T09:00:00", "2000-01-02T09:00:00"])
    }

    @Test("BYWEEKNO=-1 is the last week of the week-numbering year, 53 in 1998")
    func lastWeekSundays() throws {
        let found = try Self.expand("FREQ=YEARLY;COUNT=4;BYWEEKNO=-1;BYDAY=SU", from: "19970902T090000")
        #expect(found == ["1997-09-02T09:00:00", "1997-12-28T09:00:00", "1999-01-03T09:00:00", "2000-01-02T09:00:00"])
    }

    @Test("BYWEEKNO=53 only matches years that have a week 53")
    func weekFiftyThree() throws {
        let found = try Self.expand("FREQ=YEARLY;COUNT=4;BYWEEKNO=53;BYDAY=MO", from: "19970902T090000")
        #expect(found == ["1997-09-02T09:00:00", "1998-12-28T09:00:00", "2004-12-27T09:00:00", "2009-12-28T09:00:00"])
    }

    @Test("WKST moves week 1: the Thursday of week 1 of 1998 is January 1 with WKST=MO, January 8 with WKST=SU")
    func weekStartMovesWeekOne() throws {
        let monday = try Self.expand("FREQ=YEARLY;COUNT=2;BYWEEKNO=1;BYDAY=TH;WKST=MO", from: "19970902T090000")
        let sunday = try Self.expand("FREQ=YEARLY;COUNT=2;BYWEEKNO=1;BYDAY=TH;WKST=SU", from: "19970902T090000")
        #expect(monday.last == "1998-01-01T09:00:00")
        #expect(sunday.last == "1998-01-08T09:00:00")
    }

    @Test("week numbers agree with Foundation's calendar (minimum 4 days in week 1) for every WKST")
    func weekNumberingMatchesFoundation() async {
        await propertyCheck(count: 300, input: Gen.int(in: -40_000...60_000), Gen.int(in: 1...7)) { day, weekStartNumber in
            let weekStart = Weekday(isoNumber: weekStartNumber)!
            let date = LocalDate(daysSinceEpoch: day)
            let ours = WeekNumbering(weekStart: weekStart).week(of: date)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            calendar.firstWeekday = weekStart == .sunday ? 1 : weekStart.rawValue + 1
            calendar.minimumDaysInFirstWeek = 4
            let foundationDate = Date(timeIntervalSince1970: Double(day) * 86_400)
            #expect(ours.number == calendar.component(.weekOfYear, from: foundationDate), "\(date) WKST=\(weekStart.icalCode)")
            #expect(ours.year == calendar.component(.yearForWeekOfYear, from: foundationDate), "\(date) WKST=\(weekStart.icalCode)")
        }
    }

    // MARK: COUNT, BYSETPOS, BYxxx

    @Test("COUNT counts DTSTART even when DTSTART does not match the rule")
    func countIncludesStart() throws {
        let found = try Self.expand("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=3", from: "19970902T090000")
        #expect(found == ["1997-09-02T09:00:00", "1998-02-13T09:00:00", "1998-03-13T09:00:00"])
    }

    @Test("BYSETPOS=1,-1 picks the first and last weekday of each month")
    func firstAndLastWeekday() throws {
        let found = try Self.expand("FREQ=MONTHLY;COUNT=6;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1", from: "20260102T080000")
        #expect(found == [
            "2026-01-02T08:00:00", "2026-01-30T08:00:00", "2026-02-02T08:00:00", "2026-02-27T08:00:00",
            "2026-03-02T08:00:00", "2026-03-31T08:00:00",
        ])
    }

    @Test("BYSETPOS counts times too: the last of BYHOUR=9,17 on the last weekday of the month")
    func bySetPosWithTimes() throws {
        let found = try Self.expand("FREQ=MONTHLY;COUNT=3;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYSETPOS=-1", from: "20260130T170000")
        #expect(found == ["2026-01-30T17:00:00", "2026-02-27T17:00:00", "2026-03-31T17:00:00"])
    }

    @Test("a monthly series from the 31st skips the months that have no 31st (RFC 5545)")
    func monthlyFromThirtyFirstSkipsShortMonths() throws {
        let found = try Self.expand("FREQ=MONTHLY;COUNT=5", from: "20260131")
        #expect(found == ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31"])
    }

    @Test("a yearly series from February 29 only happens in leap years")
    func leapDayYearly() throws {
        let found = try Self.expand("FREQ=YEARLY;COUNT=4", from: "20120229")
        #expect(found == ["2012-02-29", "2016-02-29", "2020-02-29", "2024-02-29"])
    }

    @Test("BYYEARDAY=-1 is December 31, also in leap years")
    func lastDayOfYear() throws {
        let found = try Self.expand("FREQ=YEARLY;COUNT=3;BYYEARDAY=-1", from: "20231231")
        #expect(found == ["2023-12-31", "2024-12-31", "2025-12-31"])
    }

    @Test("UNTIL is inclusive: an instance exactly at UNTIL is produced, the next is not")
    func untilInclusive() throws {
        let found = try Self.expand("FREQ=DAILY;UNTIL=20260305T090000", from: "20260301T090000")
        #expect(found == (1...5).map { "2026-03-0\($0)T09:00:00" })
    }

    // MARK: RFC 7529 SKIP

    @Test(
        "RSCALE=GREGORIAN: SKIP decides what a monthly series from December 31 does in February",
        arguments: [
            ("", ["2014-12-31", "2015-01-31", "2015-03-31", "2015-05-31"]),
            (";SKIP=OMIT", ["2014-12-31", "2015-01-31", "2015-03-31", "2015-05-31"]),
            (";SKIP=BACKWARD", ["2014-12-31", "2015-01-31", "2015-02-28", "2015-03-31"]),
            (";SKIP=FORWARD", ["2014-12-31", "2015-01-31", "2015-03-01", "2015-03-31"]),
        ])
    func monthlySkip(skip: String, expected: [String]) throws {
        #expect(try Self.expand("RSCALE=GREGORIAN;FREQ=MONTHLY;COUNT=4" + skip, from: "20141231") == expected)
    }

    @Test(
        "RSCALE=GREGORIAN: a yearly February 29 series moves to February 28 (BACKWARD) or March 1 (FORWARD)",
        arguments: [
            (";SKIP=BACKWARD", ["2012-02-29", "2013-02-28", "2014-02-28", "2015-02-28", "2016-02-29"]),
            (";SKIP=FORWARD", ["2012-02-29", "2013-03-01", "2014-03-01", "2015-03-01", "2016-02-29"]),
        ])
    func leapDaySkip(skip: String, expected: [String]) throws {
        #expect(try Self.expand("RSCALE=GREGORIAN;FREQ=YEARLY;COUNT=5" + skip, from: "20120229") == expected)
    }

    @Test("SKIP=FORWARD onto a day the rule also generates gives one instance, counted once")
    func skipForwardDuplicate() throws {
        // April 31 moves forward to May 1, which BYMONTHDAY=1 also gives in May.
        let found = try Self.expand("RSCALE=GREGORIAN;FREQ=MONTHLY;BYMONTHDAY=1,31;SKIP=FORWARD;COUNT=4", from: "20260401")
        #expect(found == ["2026-04-01", "2026-05-01", "2026-05-31", "2026-06-01"])
    }

    @Test("an RSCALE other than GREGORIAN, or a leap month, is refused as unsupported")
    func otherCalendarsRefused() {
        #expect(throws: ICalendarError.self) { try RecurrenceRule.parse("RSCALE=CHINESE;FREQ=YEARLY") }
        #expect(throws: ICalendarError.self) { try RecurrenceRule.parse("RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=5L") }
        #expect((try? RecurrenceRule.parse("RSCALE=CHINESE;FREQ=YEARLY")) == nil)
    }

    // MARK: Termination and skip-ahead

    @Test("a rule that can never match (February 30) ends with DTSTART alone, even with a far horizon")
    func neverMatchingRuleTerminates() throws {
        let horizon = LocalDateTime(date: LocalDate(year: 9000, month: 1, day: 1)!)
        let found = try Self.expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", from: "20260115T100000", notAfter: horizon)
        #expect(found == ["2026-01-15T10:00:00"])
        let daily = try Self.expand("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", from: "20260115T100000", notAfter: horizon)
        #expect(daily == ["2026-01-15T10:00:00"])
    }

    @Test("results are strictly increasing and skipping ahead to a window changes nothing inside it")
    func skipAheadIsInvisible() async {
        let rules = [
            "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;WKST=SU", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=31",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "FREQ=YEARLY;BYWEEKNO=1,-1;BYDAY=MO",
            "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "FREQ=HOURLY;INTERVAL=7",
            "FREQ=MINUTELY;INTERVAL=97;BYHOUR=9,10", "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=15,45",
        ]
        await propertyCheck(
            count: 150, input: Gen.int(in: 0..<rules.count), Gen.int(in: 7_000...20_000), Gen.int(in: 0...3_000),
            Gen.int(in: 0...86_399)
        ) { ruleIndex, startDay, windowDays, secondOfDay in
            let rule = try RecurrenceRule.parse(rules[ruleIndex])
            let start = LocalDateTime(date: LocalDate(daysSinceEpoch: startDay), hour: secondOfDay / 3600, minute: (secondOfDay / 60) % 60)
            let windowStart = start.adding(seconds: Int64(windowDays) * 86_400)
            let windowEnd = windowStart.adding(seconds: 40 * 86_400)
            func run(_ notBefore: LocalDateTime?) -> [LocalDateTime] {
                var iterator = RecurrenceIterator(
                    rule: rule, start: start, isDate: false, notBefore: notBefore, notAfter: windowEnd, isPastUntil: { _ in false })
                var out: [LocalDateTime] = []
                while let next = iterator.next() { out.append(next) }
                return out
            }
            let full = run(nil)
            let skipped = run(windowStart)
            #expect(zip(full, full.dropFirst()).allSatisfy { $0 < $1 }, "\(rules[ruleIndex]) from \(start)")
            #expect(full.filter { $0 >= windowStart } == skipped.filter { $0 >= windowStart }, "\(rules[ruleIndex]) from \(start)")
        }
    }
}
