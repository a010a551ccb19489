import FieldSyncCore
import FieldSyncICalendar
import Testing

/// The recurrence examples of RFC 5545 §3.8.5.3, with the dates the RFC lists in its text.
///
/// All examples are in America/New_York, as the RFC's are; each expected start carries the offset
/// in force (EDT `-04:00`, EST `-05:00`), so the zone's 1990s DST history is checked as well.
/// "Forever" rules are cut by a window just after the last date the RFC lists.
@Suite("RFC 5545 §3.8.5.3 recurrence examples")
struct RecurrenceRFC5545ExamplesTests {
    typealias K = RecurrenceKit
    let ny = ";TZID=America/New_York:"

    @Test("daily for 10 occurrences: September 2-11")
    func dailyCount() {
        #expect(K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=DAILY;COUNT=10"]) == K.days(1997, 9, 2...11, K.edt))
    }

    @Test("daily until December 24, 1997 (UNTIL in UTC): EDT to October 25, EST from October 26 to December 23")
    func dailyUntil() {
        let expected = K.days(1997, 9, 2...30, K.edt) + K.days(1997, 10, 1...25, K.edt)
            + K.days(1997, 10, 26...31, K.est) + K.days(1997, 11, 1...30, K.est) + K.days(1997, 12, 1...23, K.est)
        #expect(K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=DAILY;UNTIL=19971224T000000Z"]) == expected)
    }

    @Test("every other day, forever")
    func everyOtherDay() {
        let expected = K.days(1997, 9, Array(stride(from: 2, through: 30, by: 2)), K.edt)
            + K.days(1997, 10, Array(stride(from: 2, through: 24, by: 2)), K.edt)
            + K.days(1997, 10, [26, 28, 30], K.est)
            + K.days(1997, 11, Array(stride(from: 1, through: 29, by: 2)), K.est)
            + K.days(1997, 12, Array(stride(from: 1, through: 31, by: 2)), K.est)
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=DAILY;INTERVAL=2"], to: "1998-01-01")
        #expect(found == expected)
    }

    @Test("every 10 days, 5 occurrences")
    func everyTenDays() {
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5"])
        #expect(found == K.days(1997, 9, [2, 12, 22], K.edt) + K.days(1997, 10, [2, 12], K.edt))
    }

    @Test(
        "every day in January, for 3 years (yearly with BYDAY and daily with BYMONTH agree)",
        arguments: [
            "RRULE:FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
            "RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
        ])
    func everyDayInJanuary(rule: String) {
        let expected = K.days(1998, 1, 1...31, K.est) + K.days(1999, 1, 1...31, K.est) + K.days(2000, 1, 1...31, K.est)
        #expect(K.starts(dtstart: ny + "19980101T090000", [rule]) == expected)
    }

    @Test("weekly for 10 occurrences")
    func weeklyCount() {
        let expected = K.days(1997, 9, [2, 9, 16, 23, 30], K.edt) + K.days(1997, 10, [7, 14, 21], K.edt)
            + K.days(1997, 10, [28], K.est) + K.days(1997, 11, [4], K.est)
        #expect(K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=WEEKLY;COUNT=10"]) == expected)
    }

    @Test("weekly until December 24, 1997")
    func weeklyUntil() {
        let expected = K.days(1997, 9, [2, 9, 16, 23, 30], K.edt) + K.days(1997, 10, [7, 14, 21], K.edt)
            + K.days(1997, 10, [28], K.est) + K.days(1997, 11, [4, 11, 18, 25], K.est)
            + K.days(1997, 12, [2, 9, 16, 23], K.est)
        #expect(K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z"]) == expected)
    }

    @Test("every other week, forever (WKST=SU)")
    func everyOtherWeek() {
        let expected = K.days(1997, 9, [2, 16, 30], K.edt) + K.days(1997, 10, [14], K.edt)
            + K.days(1997, 10, [28], K.est) + K.days(1997, 11, [11, 25], K.est) + K.days(1997, 12, [9, 23], K.est)
            + K.days(1998, 1, [6, 20], K.est) + K.days(1998, 2, [3, 17], K.est)
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU"], to: "1998-02-18")
        #expect(found == expected)
    }

    @Test(
        "weekly on Tuesday and Thursday for five weeks (UNTIL and COUNT agree)",
        arguments: [
            "RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
            "RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
        ])
    func tuesdayThursday(rule: String) {
        let expected = K.days(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30], K.edt) + K.days(1997, 10, [2], K.edt)
        #expect(K.starts(dtstart: ny + "19970902T090000", [rule]) == expected)
    }

    @Test("every other week on Monday, Wednesday and Friday until December 24, 1997")
    func everyOtherWeekMoWeFr() {
        let expected = K.days(1997, 9, [1, 3, 5, 15, 17, 19, 29], K.edt) + K.days(1997, 10, [1, 3, 13, 15, 17], K.edt)
            + K.days(1997, 10, [27, 29, 31], K.est) + K.days(1997, 11, [10, 12, 14, 24, 26, 28], K.est)
            + K.days(1997, 12, [8, 10, 12, 22], K.est)
        let found = K.starts(
            dtstart: ny + "19970901T090000", ["RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"])
        #expect(found == expected)
    }

    @Test("every other week on Tuesday and Thursday, for 8 occurrences")
    func everyOtherWeekTuTh() {
        let expected = K.days(1997, 9, [2, 4, 16, 18, 30], K.edt) + K.days(1997, 10, [2, 14, 16], K.edt)
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"])
        #expect(found == expected)
    }

    @Test("monthly on the first Friday for 10 occurrences")
    func firstFridayCount() {
        let expected = K.days(1997, 9, [5], K.edt) + K.days(1997, 10, [3], K.edt) + K.days(1997, 11, [7], K.est)
            + K.days(1997, 12, [5], K.est) + K.days(1998, 1, [2], K.est) + K.days(1998, 2, [6], K.est)
            + K.days(1998, 3, [6], K.est) + K.days(1998, 4, [3], K.est) + K.days(1998, 5, [1], K.edt)
            + K.days(1998, 6, [5], K.edt)
        #expect(K.starts(dtstart: ny + "19970905T090000", ["RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR"]) == expected)
    }

    @Test("monthly on the first Friday until December 24, 1997")
    func firstFridayUntil() {
        let expected = K.days(1997, 9, [5], K.edt) + K.days(1997, 10, [3], K.edt) + K.days(1997, 11, [7], K.est)
            + K.days(1997, 12, [5], K.est)
        #expect(K.starts(dtstart: ny + "19970905T090000", ["RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"]) == expected)
    }

    @Test("every other month on the first and last Sunday, for 10 occurrences")
    func firstAndLastSunday() {
        let expected = K.days(1997, 9, [7, 28], K.edt) + K.days(1997, 11, [2, 30], K.est)
            + K.days(1998, 1, [4, 25], K.est) + K.days(1998, 3, [1, 29], K.est) + K.days(1998, 5, [3, 31], K.edt)
        let found = K.starts(dtstart: ny + "19970907T090000", ["RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"])
        #expect(found == expected)
    }

    @Test("monthly on the second-to-last Monday, for 6 months")
    func secondToLastMonday() {
        let expected = K.days(1997, 9, [22], K.edt) + K.days(1997, 10, [20], K.edt) + K.days(1997, 11, [17], K.est)
            + K.days(1997, 12, [22], K.est) + K.days(1998, 1, [19], K.est) + K.days(1998, 2, [16], K.est)
        #expect(K.starts(dtstart: ny + "19970922T090000", ["RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"]) == expected)
    }

    @Test("monthly on the third-to-last day (BYMONTHDAY=-3), forever")
    func thirdToLastDay() {
        let expected = K.days(1997, 9, [28], K.edt) + K.days(1997, 10, [29], K.est) + K.days(1997, 11, [28], K.est)
            + K.days(1997, 12, [29], K.est) + K.days(1998, 1, [29], K.est) + K.days(1998, 2, [26], K.est)
        let found = K.starts(dtstart: ny + "19970928T090000", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=-3"], to: "1998-03-01")
        #expect(found == expected)
    }

    @Test("monthly on the 2nd and 15th, for 10 occurrences")
    func secondAndFifteenth() {
        let expected = K.days(1997, 9, [2, 15], K.edt) + K.days(1997, 10, [2, 15], K.edt)
            + K.days(1997, 11, [2, 15], K.est) + K.days(1997, 12, [2, 15], K.est) + K.days(1998, 1, [2, 15], K.est)
        #expect(K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"]) == expected)
    }

    @Test("monthly on the first and last day (BYMONTHDAY=1,-1), for 10 occurrences")
    func firstAndLastDay() {
        let expected = K.days(1997, 9, [30], K.edt) + K.days(1997, 10, [1], K.edt) + K.days(1997, 10, [31], K.est)
            + K.days(1997, 11, [1, 30], K.est) + K.days(1997, 12, [1, 31], K.est) + K.days(1998, 1, [1, 31], K.est)
            + K.days(1998, 2, [1], K.est)
        #expect(K.starts(dtstart: ny + "19970930T090000", ["RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"]) == expected)
    }

    @Test("every 18 months on the 10th through 15th, for 10 occurrences")
    func everyEighteenMonths() {
        let expected = K.days(1997, 9, 10...15, K.edt) + K.days(1999, 3, 10...13, K.est)
        let found = K.starts(
            dtstart: ny + "19970910T090000", ["RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"])
        #expect(found == expected)
    }

    @Test("every Tuesday, every other month")
    func everyTuesdayEveryOtherMonth() {
        let expected = K.days(1997, 9, [2, 9, 16, 23, 30], K.edt) + K.days(1997, 11, [4, 11, 18, 25], K.est)
            + K.days(1998, 1, [6, 13, 20, 27], K.est) + K.days(1998, 3, [3, 10, 17, 24, 31], K.est)
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"], to: "1998-04-01")
        #expect(found == expected)
    }

    @Test("yearly in June and July for 10 occurrences (the day comes from DTSTART)")
    func juneAndJuly() {
        let expected = (1997...2001).flatMap { K.days($0, 6, [10], K.edt) + K.days($0, 7, [10], K.edt) }
        #expect(K.starts(dtstart: ny + "19970610T090000", ["RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7"]) == expected)
    }

    @Test("every other year on January, February and March, for 10 occurrences")
    func everyOtherYearFirstQuarter() {
        let expected = K.days(1997, 3, [10], K.est)
            + [1999, 2001, 2003].flatMap { year in (1...3).flatMap { K.days(year, $0, [10], K.est) } }
        let found = K.starts(dtstart: ny + "19970310T090000", ["RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"])
        #expect(found == expected)
    }

    @Test("every third year on the 1st, 100th and 200th day (BYYEARDAY), for 10 occurrences")
    func byYearDay() {
        let expected = K.days(1997, 1, [1], K.est) + K.days(1997, 4, [10], K.edt) + K.days(1997, 7, [19], K.edt)
            + K.days(2000, 1, [1], K.est) + K.days(2000, 4, [9], K.edt) + K.days(2000, 7, [18], K.edt)
            + K.days(2003, 1, [1], K.est) + K.days(2003, 4, [10], K.edt) + K.days(2003, 7, [19], K.edt)
            + K.days(2006, 1, [1], K.est)
        let found = K.starts(dtstart: ny + "19970101T090000", ["RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"])
        #expect(found == expected)
    }

    @Test("every 20th Monday of the year (BYDAY=20MO), forever")
    func twentiethMonday() {
        let expected = K.days(1997, 5, [19], K.edt) + K.days(1998, 5, [18], K.edt) + K.days(1999, 5, [17], K.edt)
        #expect(K.starts(dtstart: ny + "19970519T090000", ["RRULE:FREQ=YEARLY;BYDAY=20MO"], to: "2000-01-01") == expected)
    }

    @Test("Monday of week number 20 (BYWEEKNO, weeks starting Monday), forever")
    func weekNumberTwenty() {
        let expected = K.days(1997, 5, [12], K.edt) + K.days(1998, 5, [11], K.edt) + K.days(1999, 5, [17], K.edt)
        let found = K.starts(dtstart: ny + "19970512T090000", ["RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"], to: "2000-01-01")
        #expect(found == expected)
    }

    @Test("every Thursday in March, forever")
    func thursdaysInMarch() {
        let expected = K.days(1997, 3, [13, 20, 27], K.est) + K.days(1998, 3, [5, 12, 19, 26], K.est)
            + K.days(1999, 3, [4, 11, 18, 25], K.est)
        let found = K.starts(dtstart: ny + "19970313T090000", ["RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH"], to: "2000-01-01")
        #expect(found == expected)
    }

    @Test("every Thursday, but only during June, July and August, forever")
    func summerThursdays() {
        let expected = K.days(1997, 6, [5, 12, 19, 26], K.edt) + K.days(1997, 7, [3, 10, 17, 24, 31], K.edt)
            + K.days(1997, 8, [7, 14, 21, 28], K.edt) + K.days(1998, 6, [4, 11, 18, 25], K.edt)
            + K.days(1998, 7, [2, 9, 16, 23, 30], K.edt) + K.days(1998, 8, [6, 13, 20, 27], K.edt)
            + K.days(1999, 6, [3, 10, 17, 24], K.edt) + K.days(1999, 7, [1, 8, 15, 22, 29], K.edt)
            + K.days(1999, 8, [5, 12, 19, 26], K.edt)
        let found = K.starts(dtstart: ny + "19970605T090000", ["RRULE:FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8"], to: "2000-01-01")
        #expect(found == expected)
    }

    @Test("every Friday the 13th, forever (DTSTART removed by EXDATE)")
    func fridayThe13th() {
        let expected = K.days(1998, 2, [13], K.est) + K.days(1998, 3, [13], K.est) + K.days(1998, 11, [13], K.est)
            + K.days(1999, 8, [13], K.edt) + K.days(2000, 10, [13], K.edt)
        let found = K.starts(
            dtstart: ny + "19970902T090000",
            ["EXDATE;TZID=America/New_York:19970902T090000", "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"], to: "2001-01-01")
        #expect(found == expected)
    }

    @Test("the first Saturday that follows the first Sunday of the month, forever")
    func saturdayAfterFirstSunday() {
        let expected = K.days(1997, 9, [13], K.edt) + K.days(1997, 10, [11], K.edt) + K.days(1997, 11, [8], K.est)
            + K.days(1997, 12, [13], K.est) + K.days(1998, 1, [10], K.est) + K.days(1998, 2, [7], K.est)
            + K.days(1998, 3, [7], K.est) + K.days(1998, 4, [11], K.edt) + K.days(1998, 5, [9], K.edt)
            + K.days(1998, 6, [13], K.edt)
        let found = K.starts(
            dtstart: ny + "19970913T090000", ["RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13"], to: "1998-07-01")
        #expect(found == expected)
    }

    @Test("every 4 years, the first Tuesday after a Monday in November (US presidential election day)")
    func electionDay() {
        let expected = K.days(1996, 11, [5], K.est) + K.days(2000, 11, [7], K.est) + K.days(2004, 11, [2], K.est)
        let found = K.starts(
            dtstart: ny + "19961105T090000", ["RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"],
            to: "2005-01-01")
        #expect(found == expected)
    }

    @Test("the third instance of a Tuesday, Wednesday or Thursday (BYSETPOS=3), for 3 months")
    func bySetPosThird() {
        let expected = K.days(1997, 9, [4], K.edt) + K.days(1997, 10, [7], K.edt) + K.days(1997, 11, [6], K.est)
        #expect(K.starts(dtstart: ny + "19970904T090000", ["RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"]) == expected)
    }

    @Test("the second-to-last weekday of the month (BYSETPOS=-2)")
    func secondToLastWeekday() {
        let expected = K.days(1997, 9, [29], K.edt) + K.days(1997, 10, [30], K.est) + K.days(1997, 11, [27], K.est)
            + K.days(1997, 12, [30], K.est) + K.days(1998, 1, [29], K.est) + K.days(1998, 2, [26], K.est)
            + K.days(1998, 3, [30], K.est)
        let found = K.starts(
            dtstart: ny + "19970929T090000", ["RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2"], to: "1998-04-01")
        #expect(found == expected)
    }

    /// The RFC lists 09:00, 12:00 and 15:00 here, but its own UNTIL, 17:00Z, is 13:00 EDT: 15:00
    /// EDT (19:00Z) is after it. UNTIL is inclusive and compared as an instant (§3.3.10), so the
    /// rule as written ends at 12:00; the listed 15:00 is a known slip in the RFC's text.
    @Test("every 3 hours from 9:00 until 17:00Z (13:00 EDT): 09:00 and 12:00")
    func everyThreeHours() {
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z"])
        #expect(found == ["1997-09-02T09:00:00-04:00", "1997-09-02T12:00:00-04:00"])
    }

    @Test("every 3 hours from 9:00 until 17:00 local time (UNTIL without Z): 09:00, 12:00 and 15:00")
    func everyThreeHoursLocalUntil() {
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000"])
        #expect(found == ["1997-09-02T09:00:00-04:00", "1997-09-02T12:00:00-04:00", "1997-09-02T15:00:00-04:00"])
    }

    @Test("every 15 minutes for 6 occurrences")
    func everyFifteenMinutes() {
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6"])
        let times = ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"]
        #expect(found == times.map { "1997-09-02T\($0):00-04:00" })
    }

    @Test("every hour and a half for 4 occurrences")
    func everyNinetyMinutes() {
        let found = K.starts(dtstart: ny + "19970902T090000", ["RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4"])
        #expect(found == ["09:00", "10:30", "12:00", "13:30"].map { "1997-09-02T\($0):00-04:00" })
    }

    @Test(
        "every 20 minutes from 9:00 to 16:40 every day (BYHOUR and BYMINUTE, daily or minutely)",
        arguments: [
            "RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
            "RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
        ])
    func everyTwentyMinutes(rule: String) {
        var expected: [String] = []
        for day in ["1997-09-02", "1997-09-03"] {
            for hour in ["09", "10", "11", "12", "13", "14", "15", "16"] {
                for minute in ["00", "20", "40"] { expected.append("\(day)T\(hour):\(minute):00-04:00") }
            }
        }
        let found = K.starts(dtstart: ny + "19970902T090000", [rule], to: "1997-09-04T00:00:00Z")
        #expect(found == expected)
    }

    @Test("WKST=MO: every other week on Tuesday and Sunday gives August 5, 10, 19, 24")
    func weekStartMonday() {
        let found = K.starts(dtstart: ny + "19970805T090000", ["RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"])
        #expect(found == K.days(1997, 8, [5, 10, 19, 24], K.edt))
    }

    @Test("WKST=SU: the same rule gives August 5, 17, 19, 31")
    func weekStartSunday() {
        let found = K.starts(dtstart: ny + "19970805T090000", ["RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"])
        #expect(found == K.days(1997, 8, [5, 17, 19, 31], K.edt))
    }

    @Test("an invalid date (February 30) is ignored, not counted")
    func februaryThirtiethIgnored() {
        let expected = K.days(2007, 1, [15, 30], K.est) + K.days(2007, 2, [15], K.est) + K.days(2007, 3, [15, 30], K.edt)
        #expect(K.starts(dtstart: ny + "20070115T090000", ["RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"]) == expected)
    }
}
