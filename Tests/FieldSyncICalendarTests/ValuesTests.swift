import FieldSyncCore
import FieldSyncICalendar
import Testing

/// Value types (RFC 5545 §3.3): DATE, DATE-TIME, DURATION, PERIOD, UTC-OFFSET, RECUR.
@Suite("Values are read strictly enough to trust and leniently enough for real feeds")
struct ValuesTests {
    private func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> LocalDateTime {
        LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
    }

    /// The error a throwing parse gives, or nil when it did not throw.
    private func failure<T>(_ body: () throws(ICalendarError) -> T) -> ICalendarError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: DATE and DATE-TIME

    @Test("UTC, floating and TZID date-times are three distinct forms of the same wall clock")
    func dateTimeForms() throws {
        let utc = try ICalDateTime.parse("20260308T020000Z")
        let floating = try ICalDateTime.parse("20260308T020000")
        let zoned = try ICalDateTime.parse("20260308T020000", tzid: "America/Chicago")
        #expect(utc.form == .utc)
        #expect(floating.form == .floating)
        #expect(zoned.form == .zoned(tzid: "America/Chicago"))
        #expect(zoned.tzid == "America/Chicago")
        #expect(utc.local == local(2026, 3, 8, 2) && floating.local == utc.local && zoned.local == utc.local)
        #expect(Set([utc, floating, zoned]).count == 3)
        #expect(utc.description == "20260308T020000Z")
        #expect(zoned.description == "20260308T020000")
    }

    @Test("a TZID is ignored on UTC date-times and on dates, as RFC 5545 requires")
    func tzidIgnored() throws {
        #expect(try ICalDateTime.parse("20260308T020000Z", tzid: "Europe/Paris").form == .utc)
        #expect(try ICalDateTime.parse("20260308", tzid: "Europe/Paris").form == .date)
        #expect(try ICalDateTime.parse("20260308T020000", tzid: "").form == .floating)
    }

    @Test("a DATE is a whole day at midnight; Google's stray Z on a date keeps it a date")
    func dates() throws {
        let date = try ICalDateTime.parse("20240229")
        #expect(date.isDate)
        #expect(date.local == local(2024, 2, 29))
        #expect(date.description == "20240229")
        #expect(try ICalDateTime.parse("20131210Z").form == .date)
    }

    @Test("lowercase t and z, and a leap second, are accepted")
    func lenientDateTimes() throws {
        #expect(try ICalDateTime.parse("20260308t020000z").form == .utc)
        #expect(try ICalDateTime.parse("20161231T235960Z").local == local(2016, 12, 31, 23, 59, 59))
    }

    @Test("impossible and malformed dates are refused with a message naming the value and the line", arguments: [
        ("20230229", #""20230229" is not a real date"#),
        ("20241301", #""20241301" is not a real date"#),
        ("20240100", #""20240100" is not a real date"#),
        ("20240101T240000", #""20240101T240000" is not a real time of day"#),
        ("20240101T126000", #""20240101T126000" is not a real time of day"#),
        ("INVALID-DATE", #""INVALID-DATE" is not a date (expected YYYYMMDD)"#),
        ("2024-01-01", #""2024-01-01" is not an iCalendar date or date-time: write it without '-' or ':' (20240101)"#),
        ("2026-12-02T09:00:00", #""2026-12-02T09:00:00" is not an iCalendar date or date-time: write it without '-' or ':' (20261202T090000)"#),
        ("083000", #""083000" is not a date (expected YYYYMMDD)"#),
        ("20240101T1200", #""20240101T1200" is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)"#),
        ("20240101 120000", #""20240101 120000" is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)"#),
        ("20240101T120000+0100", #"unexpected "+0100" after the date-time "20240101T120000+0100""#),
        ("20240101T120000X", #"unexpected "X" after the date-time "20240101T120000X""#),
    ])
    func invalidDates(_ text: String, _ message: String) {
        let error = failure { () throws(ICalendarError) in try ICalDateTime.parse(text, line: 12) }
        #expect(error == ICalendarError(.invalidValue, message, line: 12))
    }

    // MARK: DURATION

    @Test("days and weeks are nominal, hours, minutes and seconds exact")
    func durations() throws {
        #expect(try ICalDuration.parse("P15DT5H0M20S") == ICalDuration(days: 15, seconds: 5 * 3600 + 20))
        #expect(try ICalDuration.parse("P7W") == ICalDuration(days: 49))
        #expect(try ICalDuration.parse("PT36H") == ICalDuration(days: 0, seconds: 36 * 3600))
        #expect(try ICalDuration.parse("P1D") != ICalDuration.parse("PT24H"))
        #expect(try ICalDuration.parse("P1D").approximateSeconds == ICalDuration.parse("PT24H").approximateSeconds)
        #expect(try ICalDuration.parse("PT0S") == ICalDuration())
    }

    @Test("a duration may be signed; negative ones say so")
    func signedDurations() throws {
        let before = try ICalDuration.parse("-PT15M")
        #expect(before == ICalDuration(days: 0, seconds: -900))
        #expect(before.isNegative)
        #expect(try ICalDuration.parse("-P1DT2H") == ICalDuration(days: -1, seconds: -7200))
        #expect(try ICalDuration.parse("+P1D") == ICalDuration(days: 1))
        #expect(try !ICalDuration.parse("P1D").isNegative)
    }

    @Test("lowercase letters and hours without T are accepted")
    func lenientDurations() throws {
        #expect(try ICalDuration.parse("pt1h30m") == ICalDuration(seconds: 5400))
        #expect(try ICalDuration.parse("P1H") == ICalDuration(seconds: 3600))
    }

    @Test("durations print in RFC 5545 form", arguments: [
        ("P1DT2H", "P1DT2H"), ("-PT15M", "-PT15M"), ("P14D", "P2W"), ("PT0S", "PT0S"), ("PT90M", "PT1H30M"),
        ("P1DT1S", "P1DT1S"),
    ])
    func durationDescription(_ text: String, _ printed: String) throws {
        #expect(try ICalDuration.parse(text).description == printed)
    }

    @Test("malformed durations are refused with a message", arguments: [
        ("1H", #""1H" is not a duration (expected P…, e.g. PT1H30M)"#),
        ("", #""" is not a duration (expected P…, e.g. PT1H30M)"#),
        ("P", #""P" is not a complete duration"#),
        ("PT", #""PT" is not a complete duration"#),
        ("PT1H30", #""PT1H30" is not a complete duration"#),
        ("P1M", #""P1M" is not a duration: unexpected 'M'"#),
        ("P1Y", #""P1Y" is not a duration: unexpected 'Y'"#),
        ("PTH", #""PTH" is not a duration: no number before 'H'"#),
        ("PT1HT2M", #""PT1HT2M" is not a duration: unexpected 'T'"#),
        ("P1DT2HX", #""P1DT2HX" is not a duration: no number before 'X'"#),
    ])
    func invalidDurations(_ text: String, _ message: String) {
        let error = failure { () throws(ICalendarError) in try ICalDuration.parse(text, line: 3) }
        #expect(error == ICalendarError(.invalidValue, message, line: 3))
    }

    @Test("absurdly long durations are refused instead of overflowing", arguments: [
        "P999999999999999999W", "P99999999999999999999D", "PT9999999999999999999S", "P999999W", "P36601D",
        "PT3162240001S", "P36600DT24H",
    ])
    func hugeDurations(_ text: String) {
        let error = failure { () throws(ICalendarError) in try ICalDuration.parse(text) }
        #expect(error?.code == .invalidValue)
        #expect(error?.message.contains("too large") == true)
    }

    @Test("the longest allowed duration, about 100 years, is accepted")
    func longestDuration() throws {
        #expect(try ICalDuration.parse("P36600D").days == 36_600)
    }

    // MARK: PERIOD

    @Test("a PERIOD is start/end or start/duration")
    func periods() throws {
        let explicit = try ICalPeriod.parse("19970101T180000Z/19970102T070000Z")
        #expect(explicit.start == (try ICalDateTime.parse("19970101T180000Z")))
        #expect(explicit.end == .end(try ICalDateTime.parse("19970102T070000Z")))
        let timed = try ICalPeriod.parse("19970308T160000Z/PT8H30M")
        #expect(timed.end == .duration(ICalDuration(seconds: 8 * 3600 + 1800)))
        let zoned = try ICalPeriod.parse("20180327T080000/20180327T090000", tzid: "America/Chicago")
        #expect(zoned.start.form == .zoned(tzid: "America/Chicago"))
        #expect(zoned.end == .end(try ICalDateTime.parse("20180327T090000", tzid: "America/Chicago")))
        let days = try ICalPeriod.parse("19970101/19970102")
        #expect(days.start.isDate)
    }

    @Test("malformed periods are refused with the message of the part that is wrong")
    func invalidPeriods() {
        #expect(
            failure { () throws(ICalendarError) in try ICalPeriod.parse("19970101T180000Z", line: 2) }
                == ICalendarError(.invalidValue, #""19970101T180000Z" is not a period (expected start/end or start/duration)"#, line: 2))
        #expect(
            failure { () throws(ICalendarError) in try ICalPeriod.parse("199709T180000Z/PT5H30M", line: 6) }
                == ICalendarError(.invalidValue, #""199709T180000Z" is not a date (expected YYYYMMDD)"#, line: 6))
        #expect(
            failure { () throws(ICalendarError) in try ICalPeriod.parse("19970101T180000Z/PT5X", line: 6) }
                == ICalendarError(.invalidValue, #""PT5X" is not a duration: unexpected 'X'"#, line: 6))
    }

    // MARK: UTC-OFFSET

    @Test("UTC offsets, with and without seconds", arguments: [
        ("-0500", -18_000), ("+0530", 19_800), ("+0000", 0), ("-0000", 0), ("-075258", -28_378), ("+005328", 3208),
        ("+1400", 50_400), ("+2359", 86_340),
    ])
    func utcOffsets(_ text: String, _ seconds: Int) throws {
        #expect(try ICalUTCOffset.parse(text) == seconds)
    }

    @Test("UTC offsets out of range or misshapen are refused", arguments: [
        ("+5744", #"UTC offset "+5744" is out of range"#),
        ("+2400", #"UTC offset "+2400" is out of range"#),
        ("+0060", #"UTC offset "+0060" is out of range"#),
        ("+000060", #"UTC offset "+000060" is out of range"#),
        ("0500", #""0500" is not a UTC offset (expected ±HHMM or ±HHMMSS)"#),
        ("+05:00", #""+05:00" is not a UTC offset (expected ±HHMM or ±HHMMSS)"#),
        ("+050", #""+050" is not a UTC offset (expected ±HHMM or ±HHMMSS)"#),
        ("", #""" is not a UTC offset (expected ±HHMM or ±HHMMSS)"#),
    ])
    func invalidUTCOffsets(_ text: String, _ message: String) {
        let error = failure { () throws(ICalendarError) in try ICalUTCOffset.parse(text, line: 9) }
        #expect(error == ICalendarError(.invalidValue, message, line: 9))
    }

    // MARK: RECUR

    @Test("an RRULE's parts are read")
    func recurrenceRule() throws {
        let rule = try RecurrenceRule.parse("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,2MO;BYMONTH=1,3;COUNT=6;WKST=SU")
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 2)
        #expect(rule.count == 6)
        #expect(rule.byDay == [.init(ordinal: -1, weekday: .friday), .init(ordinal: 2, weekday: .monday)])
        #expect(rule.byMonth == [1, 3])
        #expect(rule.weekStart == .sunday)
        #expect(rule.warnings.isEmpty)
        let until = try RecurrenceRule.parse("freq=daily;until=20121011T121314Z")
        #expect(until.until == (try ICalDateTime.parse("20121011T121314Z")))
    }

    @Test("RRULE mistakes are refused with a message naming the part", arguments: [
        ("FREQ=INVALID_TYPE_CAUSES_ERROR", "RRULE FREQ=INVALID_TYPE_CAUSES_ERROR is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY"),
        ("COUNT=3", #"RRULE "COUNT=3" has no FREQ"#),
        ("FREQ=DAILY;COUNT", #"RRULE part "COUNT" has no '='"#),
        ("FREQ=DAILY;COUNT=-1", "RRULE COUNT=-1: must be 1 or more"),
        ("FREQ=DAILY;COUNT=x", "RRULE COUNT=x: must be a whole number"),
        ("FREQ=DAILY;INTERVAL=0", "RRULE INTERVAL=0: must be a whole number of 1 or more"),
        ("FREQ=DAILY;BYHOUR=24", "RRULE BYHOUR=24: 24 is out of range"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", #"RRULE BYMONTHDAY=0: "0" is not a number in 1...31"#),
        ("FREQ=WEEKLY;BYDAY=XX", #"RRULE BYDAY=XX: "XX" is not a weekday (MO, TU, WE, TH, FR, SA, SU)"#),
        ("FREQ=MONTHLY;BYDAY=0MO", #"RRULE BYDAY=0MO: "0MO" has an invalid position"#),
        ("FREQ=DAILY;UNTIL=2012", #""2012" is not a date (expected YYYYMMDD)"#),
        ("FREQ=YEARLY;SKIP=SOMETIMES", "RRULE SKIP=SOMETIMES: must be OMIT, BACKWARD or FORWARD"),
    ])
    func invalidRecurrenceRules(_ text: String, _ message: String) {
        let error = failure { () throws(ICalendarError) in try RecurrenceRule.parse(text, line: 7) }
        #expect(error == ICalendarError(.invalidValue, message, line: 7))
    }

    @Test("RRULEs fieldsync deliberately does not read are refused as unsupported")
    func unsupportedRecurrenceRules() {
        let hebrew = failure { () throws(ICalendarError) in try RecurrenceRule.parse("RSCALE=HEBREW;FREQ=YEARLY", line: 20) }
        #expect(hebrew == ICalendarError(.unsupported, "RRULE RSCALE=HEBREW: only the Gregorian calendar is supported", line: 20))
        let leap = failure { () throws(ICalendarError) in try RecurrenceRule.parse("RSCALE=GREGORIAN;FREQ=YEARLY;BYMONTH=5L") }
        #expect(leap?.code == .unsupported)
    }

    @Test("Confluence's COUNT=-1 beside UNTIL is tolerated with a warning")
    func confluenceCount() throws {
        let rule = try RecurrenceRule.parse("FREQ=WEEKLY;COUNT=-1;UNTIL=20200101T000000Z")
        #expect(rule.count == nil)
        #expect(rule.until != nil)
        #expect(rule.warnings == ["RRULE COUNT=-1 is invalid and was ignored; UNTIL is used"])
    }
}
