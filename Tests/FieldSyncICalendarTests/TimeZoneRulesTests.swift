import FieldSyncCore
import FieldSyncICalendar
import Testing

/// Zone rules read from VTIMEZONE components (RFC 5545 §3.6.5), including the odd ones
/// producers write.
@Suite("VTIMEZONE rules give the offset on both sides of every transition")
struct TimeZoneRulesTests {
    private func vtimezone(_ body: [String], tzid: String = "Test/Zone") throws -> ICalComponent {
        let document = ICalParser().parse(ICS.bytes(["BEGIN:VTIMEZONE", "TZID:\(tzid)"] + body + ["END:VTIMEZONE"]))
        #expect(document.allProblems.isEmpty)
        return try #require(document.components.first)
    }

    private func utc(_ text: String) throws -> Int64 {
        try ICalDateTime.parse(text).local.secondsSinceEpoch
    }

    /// US Eastern since 2007, the way Thunderbird writes it.
    private var eastern: [String] {
        [
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:19700308T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:19701101T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD",
        ]
    }

    @Test("offsets change at the exact instant of each transition, read in the offset before it")
    func transitions() throws {
        let rules = try VTimeZoneRules(try vtimezone(eastern))
        #expect(rules.identifier == "Test/Zone")
        // 2026-03-08 02:00 EST = 07:00Z; 2026-11-01 02:00 EDT = 06:00Z.
        #expect(rules.utcOffset(atInstant: try utc("20260308T065959Z")) == -5 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20260308T070000Z")) == -4 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20261101T055959Z")) == -4 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20261101T060000Z")) == -5 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("21500715T000000Z")) == -4 * 3600)
    }

    @Test("the rules agree with the system's America/New_York for every hour of a year")
    func matchesSystemZone() throws {
        let rules = try VTimeZoneRules(try vtimezone(eastern))
        let system = try #require(IANAZoneRules(identifier: "America/New_York"))
        let start = try utc("20250101T000000Z")
        for hour in stride(from: Int64(0), to: 365 * 24, by: 1) {
            let instant = start + hour * 3600
            if rules.utcOffset(atInstant: instant) != system.utcOffset(atInstant: instant) {
                Issue.record("offsets differ at \(LocalDateTime(secondsSinceEpoch: instant))Z")
                break
            }
        }
    }

    @Test("before the first transition the offset is that transition's TZOFFSETFROM")
    func beforeFirstTransition() throws {
        let rules = try VTimeZoneRules(try vtimezone(eastern))
        #expect(rules.utcOffset(atInstant: try utc("19600101T000000Z")) == -5 * 3600)
    }

    @Test("wall-clock times resolve through the rules with RFC 5545's gap and overlap reading")
    func wallClock() throws {
        let rules = try VTimeZoneRules(try vtimezone(eastern))
        let gap = rules.resolve(LocalDateTime(year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0)!)
        #expect(gap.resolution == .skippedForward)
        #expect(gap.instant == (try utc("20260308T073000Z")))
        let overlap = rules.resolve(LocalDateTime(year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0)!)
        #expect(overlap.resolution == .firstOfTwo)
        #expect(overlap.instant == (try utc("20261101T053000Z")))
    }

    @Test("RDATE transitions and RRULE UNTIL are honoured (libical's rules starting in 1601 too)")
    func rdatesAndUntil() throws {
        let rules = try VTimeZoneRules(
            try vtimezone([
                "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:19800406T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=19820404T010000Z", "END:DAYLIGHT",
                "BEGIN:STANDARD", "DTSTART:19800928T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
                "RDATE:19800928T030000,19810927T030000", "RDATE:19820926T030000", "END:STANDARD",
            ]))
        #expect(rules.utcOffset(atInstant: try utc("19700101T000000Z")) == 3600)
        #expect(rules.utcOffset(atInstant: try utc("19800701T000000Z")) == 7200)
        #expect(rules.utcOffset(atInstant: try utc("19801201T000000Z")) == 3600)
        #expect(rules.utcOffset(atInstant: try utc("19820701T000000Z")) == 7200)
        #expect(rules.utcOffset(atInstant: try utc("19821201T000000Z")) == 3600)
        // UNTIL stopped daylight time after 1982.
        #expect(rules.utcOffset(atInstant: try utc("19830701T000000Z")) == 3600)
    }

    @Test("a VTIMEZONE with only DAYLIGHT still gives its offsets (ical4j 230)")
    func onlyDaylight() throws {
        let rules = try VTimeZoneRules(
            try vtimezone([
                "BEGIN:DAYLIGHT", "DTSTART:19700329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            ]))
        #expect(rules.utcOffset(atInstant: try utc("19600101T000000Z")) == 3600)
        #expect(rules.utcOffset(atInstant: try utc("20260329T005959Z")) == 7200)
        #expect(rules.utcOffset(atInstant: try utc("20260329T010000Z")) == 7200)
    }

    @Test("a missing TZOFFSETFROM (Outlook for Mac) is taken from the other observance's TZOFFSETTO")
    func missingOffsetFrom() throws {
        let rules = try VTimeZoneRules(
            try vtimezone([
                "BEGIN:STANDARD", "DTSTART:19701101T020000", "TZOFFSETTO:-0500",
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD",
                "BEGIN:DAYLIGHT", "DTSTART:19700308T020000", "TZOFFSETTO:-0400",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
            ]))
        // The same instants as with TZOFFSETFROM written: 02:00 EST = 07:00Z, 02:00 EDT = 06:00Z.
        #expect(rules.utcOffset(atInstant: try utc("20260308T065959Z")) == -5 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20260308T070000Z")) == -4 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20261101T055959Z")) == -4 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20261101T060000Z")) == -5 * 3600)
        let single = try VTimeZoneRules(
            try vtimezone(["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETTO:+0530", "END:STANDARD"]))
        #expect(single.utcOffset(atInstant: 0) == 19_800)
        #expect(single.utcOffset(atInstant: -86_400) == 19_800)
    }

    @Test("STANDARD and DAYLIGHT swapped (ical.js 380) give the same offsets: only the numbers count")
    func swappedObservances() throws {
        let swapped = eastern.map { line in
            switch line {
            case "BEGIN:DAYLIGHT": "BEGIN:STANDARD"
            case "END:DAYLIGHT": "END:STANDARD"
            case "BEGIN:STANDARD": "BEGIN:DAYLIGHT"
            case "END:STANDARD": "END:DAYLIGHT"
            default: line
            }
        }
        let a = try VTimeZoneRules(try vtimezone(eastern))
        let b = try VTimeZoneRules(try vtimezone(swapped))
        for instant in [try utc("20260101T000000Z"), try utc("20260308T070000Z"), try utc("20260701T000000Z")] {
            #expect(a.utcOffset(atInstant: instant) == b.utcOffset(atInstant: instant))
        }
    }

    @Test("a TZID property with TEXT escapes names the rules decoded")
    func escapedIdentifier() throws {
        let rules = try VTimeZoneRules(try vtimezone(eastern, tzid: #"(UTC-05:00) Eastern Time (US \& Canada)\, East"#))
        #expect(rules.identifier == #"(UTC-05:00) Eastern Time (US \& Canada), East"#)
    }

    @Test("what a VTIMEZONE lacks is an error naming what and where")
    func missingParts() throws {
        #expect(throws: ICalendarError(.missingProperty, "VTIMEZONE has no TZID", line: 1)) {
            _ = try VTimeZoneRules(
                ICalParser().parse(ICS.bytes(["BEGIN:VTIMEZONE", "BEGIN:STANDARD", "END:STANDARD", "END:VTIMEZONE"])).components[0])
        }
        #expect(throws: ICalendarError(.missingProperty, "VTIMEZONE Test/Zone has no STANDARD or DAYLIGHT rules", line: 1)) {
            _ = try VTimeZoneRules(try vtimezone([]))
        }
        #expect(throws: ICalendarError(.missingProperty, "STANDARD in VTIMEZONE Test/Zone has no TZOFFSETTO", line: 3)) {
            _ = try VTimeZoneRules(try vtimezone(["BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100", "END:STANDARD"]))
        }
        #expect(throws: ICalendarError(.missingProperty, "DAYLIGHT in VTIMEZONE Test/Zone has no DTSTART", line: 3)) {
            _ = try VTimeZoneRules(try vtimezone(["BEGIN:DAYLIGHT", "TZOFFSETTO:+0200", "END:DAYLIGHT"]))
        }
        #expect(throws: ICalendarError(.invalidValue, #"UTC offset "+5744" is out of range"#, line: 5)) {
            _ = try VTimeZoneRules(try vtimezone(["BEGIN:STANDARD", "DTSTART:18500101T000000", "TZOFFSETTO:+5744", "END:STANDARD"]))
        }
    }
}
