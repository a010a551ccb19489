import FieldSyncCore
import FieldSyncICalendar
import Foundation
import Testing

/// Every file of the shared corpus (Fixtures/corpus, see ATTRIBUTION.md there): real exports
/// and the deliberately broken cases other libraries collected.
@Suite("The real-world corpus")
struct CorpusTests {
    /// Files whose *syntax* is broken on purpose, with the first error the parser must report.
    static let syntaxBroken: [String: String] = [
        "calendars/big_bad_calendar.ics":
            "line 41: BEGIN:VCALENDAR (line 1) is never closed: the file ends first (truncated?)",
        "calendars/broken_ical.ics": #"line 4: empty parameter name in DTSTART (';' followed by ";")"#,
        "calendars/fuzz_testcase_0_char_in_component_name.ics": #"line 1: invalid component name "\u{0}" in BEGIN"#,
        "calendars/fuzz_testcase_invalid_month.ics":
            "line 2: BEGIN:V (line 1) is never closed: the file ends first (truncated?)",
        "calendars/fuzz_testcase_vtimezone_lone_cr.ics":
            #"line 3: "\u{c}\u{c}\u{c}\u{c}\u{b}" is not a content line: no ':' before the value"#,
        "calendars/issue_104_broken_calendar.ics": #"line 13: "X" is not a content line: no ':' before the value"#,
        "events/issue_104_mark_events_broken.ics": #"line 9: "X" is not a content line: no ':' before the value"#,
        "calendars/issue_168_input.ics":
            #"line 6: "X-APPLE-RADIUS=49.91307046514149" is not a content line: no ':' before the value"#,
        "calendars/issue_348_exception_parsing_value.ics":
            "line 8: ORGANIZER has no ':' before its value (the line ends after parameter CN)",
        // RFC 5545 allows no whitespace in names or around '=' (python-icalendar strips it; we
        // refuse rather than guess what `REFRESH - INTERVAL` names).
        "calendars/issue_351_whitespace_in_property_and_params.ics":
            #"line 4: invalid character " " in the property name of "REFRESH - INTERVAL; VALUE = DURATION:PT48H""#,
        "calendars/pr_480_summary_with_colon.ics":
            "line 7: BEGIN:VCALENDAR (line 1) is never closed: the file ends first (truncated?)",
        "calendars/small_bad_calendar.ics":
            "line 3: BEGIN:VCALENDAR (line 1) is never closed: the file ends first (truncated?)",
        "calendars/timezone_rdate.ics": #"line 53: "SUMMARY=testevent" is not a content line: no ':' before the value"#,
        "calendars/timezone_same_start_and_offset.ics": "line 23: END:VCALENDARD has no matching BEGIN:VCALENDARD",
    ]

    /// Files that parse but hold values that cannot be used, with what the reader must say
    /// (a quarantine reason or a problem; each names its line).
    static let contentBroken: [String: String] = [
        "calendars/broken_dtstart.ics": #"line 6: "INVALID-DATE" is not a date (expected YYYYMMDD)"#,
        "calendars/issue_1081_invalid_start_and_end.ics": #"line 6: "INVALID-DATE" is not a date (expected YYYYMMDD)"#,
        "calendars/issue_1081_invalid_start_valid_end.ics": #"line 6: "INVALID-DATE" is not a date (expected YYYYMMDD)"#,
        "calendars/invalid_duration.ics": #"line 8: duration "P999999999999999999W" is too large"#,
        "calendars/issue_1081_invalid_rrule_freq.ics":
            "line 7: RRULE FREQ=INVALID_TYPE_CAUSES_ERROR is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY",
        "calendars/issue_1081_empty_rdate.ics": "line 7: RDATE has no value; the line is ignored",
        "calendars/parsing_error.ics": "line 19: EXDATE has no value; the line is ignored",
        "events/issue_464_invalid_rdate.ics": #"line 6: "199709T180000Z" is not a date (expected YYYYMMDD)"#,
    ]

    /// Broken on purpose, but only in a VTIMEZONE no event uses (`TZOFFSETFROM:+5744`); see
    /// ``unusedBrokenVTimeZoneIsReported()``.
    static let brokenUnusedVTimeZone = "calendars/parsing_error_in_UTC_offset.ics"

    static let allFiles = Fixtures.files(under: "corpus", withExtension: "ics")

    static func isBroken(_ path: String) -> Bool {
        let all = Set(syntaxBroken.keys).union(contentBroken.keys).union([brokenUnusedVTimeZone])
        return all.contains { path == Corpus.icalendar($0) }
    }

    static let wellFormedFiles = allFiles.filter { !isBroken($0) }
    static let brokenFiles = allFiles.filter(isBroken)

    private static func read(_ path: String, defaultTimeZone: (any ZoneRules)? = nil) throws -> (ICalDocument, ICalCalendar) {
        let document = ICalParser().parse(try Fixtures.bytes(path))
        return (document, ICalendarReader(defaultTimeZone: defaultTimeZone).read(document))
    }

    // MARK: The whole corpus

    @Test("the corpus is all there: 209 iCalendar files, and every file named broken here exists")
    func inventory() {
        #expect(Self.allFiles.count == 209)
        #expect(Self.brokenFiles.count == Self.syntaxBroken.count + Self.contentBroken.count + 1)
        #expect(Self.wellFormedFiles.count == 209 - Self.brokenFiles.count)
    }

    @Test("every file not broken on purpose parses with no errors, and reads and encodes without crashing",
          arguments: wellFormedFiles)
    func wellFormedFileParses(_ path: String) throws {
        let bytes = try Fixtures.bytes(path)
        let document = ICalParser().parse(bytes)
        let errors = document.allProblems.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        #expect(document.isComplete)
        #expect(!document.components.isEmpty)
        _ = try ICalParser().parseStrict(bytes)
        let calendar = ICalendarReader().read(document)
        let zoned = ICalendarReader(defaultTimeZone: IANAZoneRules(identifier: "America/Chicago")).read(document)
        #expect(calendar.isComplete)
        #expect(zoned.events.count >= calendar.events.count)
        _ = try JSONEncoder().encode(JCalEncoder().encode(document))
    }

    @Test("every broken file gives at least one problem or quarantine that names its line, and nothing crashes",
          arguments: brokenFiles)
    func brokenFileIsExplained(_ path: String) throws {
        let (document, calendar) = try Self.read(path)
        let texts = document.allProblems.map(\.description) + calendar.problems.map(\.description)
            + calendar.quarantined.map(\.reason)
        #expect(texts.contains { $0.range(of: #"^line [0-9]+: "#, options: .regularExpression) != nil }, "\(texts)")
        _ = try JSONEncoder().encode(JCalEncoder().encode(document))
    }

    @Test("each file with broken syntax reports its first error where it is", arguments: syntaxBroken.keys.sorted())
    func syntaxErrorIsReported(_ name: String) throws {
        let bytes = try Fixtures.bytes(Corpus.icalendar(name))
        let first = ICalParser().parse(bytes).allProblems.first { $0.severity == .error }
        #expect(first?.description == Self.syntaxBroken[name])
        #expect(throws: ICalendarError.self) { _ = try ICalParser().parseStrict(bytes) }
    }

    @Test("each file with unusable values parses, and the reader says what is wrong", arguments: contentBroken.keys.sorted())
    func contentErrorIsReported(_ name: String) throws {
        let (document, calendar) = try Self.read(Corpus.icalendar(name))
        #expect(document.allProblems.filter { $0.severity == .error }.isEmpty)
        let said = calendar.quarantined.map(\.reason) + calendar.problems.filter { $0.severity == .error }.map(\.description)
        #expect(said.contains(Self.contentBroken[name]!), "\(said)")
    }

    @Test("a VTIMEZONE with an out-of-range offset is reported by the reader, even when no event uses it")
    func unusedBrokenVTimeZoneIsReported() throws {
        let (document, calendar) = try Self.read(Corpus.icalendar(Self.brokenUnusedVTimeZone))
        // The offset itself is refused where it is read (see TimeZoneRulesTests)...
        let vtimezone = try #require(document.components.first?.components.first)
        #expect(throws: ICalendarError(.invalidValue, #"UTC offset "+5744" is out of range"#, line: 8)) {
            _ = try VTimeZoneRules(vtimezone)
        }
        // ...but `fieldsync ical check` must say so too: today the reader never looks at a
        // VTIMEZONE no event names, and reports nothing for this file.
        #expect(calendar.problems.contains { $0.line != nil && $0.message.contains("+5744") }, "\(calendar.problems)")
    }

    @Test("a broken event is quarantined alone: the good events beside it are still read")
    func quarantineIsPerEvent() throws {
        let (_, calendar) = try Self.read(Corpus.icalendar("calendars/parsing_error.ics"))
        #expect(calendar.series.count == 2)
        #expect(calendar.problems.contains { $0.severity == .error && $0.line == 19 })
        let (_, bad) = try Self.read(Corpus.icalendar("calendars/broken_ical.ics"))
        #expect(bad.quarantined.map(\.line) == [2])
        #expect(bad.quarantined.first?.component == "VEVENT")
        #expect(bad.quarantined.first?.uid == "abc")
    }

    // MARK: Specific files

    /// The instant a `…Z` date-time names.
    private func utc(_ text: String) throws -> Int64 {
        try ICalDateTime.parse(text).local.secondsSinceEpoch
    }

    private func firstEvent(_ name: String) throws -> ICalEvent {
        let (_, calendar) = try Self.read(Corpus.icalendar(name))
        #expect(calendar.quarantined.isEmpty, "\(calendar.quarantined)")
        return try #require(calendar.events.first)
    }

    @Test("bom_calendar.ics: the byte-order mark is skipped and the calendar starts at line 1")
    func bomCalendar() throws {
        let bytes = try Fixtures.bytes(Corpus.icalendar("calendars/bom_calendar.ics"))
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let document = ICalParser().parse(bytes)
        #expect(document.allProblems.isEmpty)
        #expect(document.components.map(\.name) == ["VCALENDAR"])
        #expect(document.components.first?.line == 1)
        #expect(document.components.first?.endLine == 2)
    }

    @Test("Windows zone names as TZID resolve through CLDR to the right IANA zone", arguments: [
        ("calendars/issue_836_do_not_quote_tzid.ics", "Eastern Standard Time", "America/New_York", "20241028T210000Z"),
        ("calendars/timezone_same_start.ics", "Pacific Standard Time", "America/Los_Angeles", "20170224T200000Z"),
        ("calendars/timezone_same_start_and_offset.ics", "Tokyo Standard Time", "Asia/Tokyo", "20170224T030000Z"),
    ])
    func windowsZones(_ name: String, _ tzid: String, _ iana: String, _ start: String) throws {
        let (document, calendar) = try Self.read(Corpus.icalendar(name))
        let vtimezones = Dictionary(
            uniqueKeysWithValues: document.calendars[0].components(named: "VTIMEZONE").map { ($0.property("TZID")!.rawValue, $0) })
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: vtimezones)
        let resolution = try resolver.resolve(tzid).get()
        #expect(resolution.method == .windows)
        #expect(resolution.ianaIdentifier == iana)
        let event = try #require(calendar.events.first)
        #expect(event.start.value.tzid == tzid)
        #expect(event.start.ianaIdentifier == iana)
        #expect(event.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc(start)))
    }

    @Test("a Windows name in an RDATE period's TZID resolves too (khal, issue 156)")
    func windowsZoneInRDate() throws {
        let event = try firstEvent("calendars/issue_156_RDATE_with_PERIOD_TZID_khal.ics")
        #expect(event.extraDates.count == 19)
        guard case .period(let start, .end(let end)) = try #require(event.extraDates.first) else {
            Issue.record("RDATE;VALUE=PERIOD was not read as a period")
            return
        }
        #expect(start.ianaIdentifier == "America/Chicago")
        #expect(start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20180327T130000Z")))
        #expect(end.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20180327T140000Z")))
    }

    @Test("issue_237: a non-ASCII Exchange TZID resolves through its own VTIMEZONE")
    func nonASCIITZID() throws {
        let (document, calendar) = try Self.read(Corpus.icalendar("calendars/issue_237_fail_to_parse_timezone_with_non_ascii_tzid.ics"))
        let vtimezone = try #require(document.calendars[0].components(named: "VTIMEZONE").first)
        #expect(vtimezone.property("TZID")?.rawValue == "(UTC-03:00) Brasília")
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: ["(UTC-03:00) Brasília": vtimezone])
        #expect(try resolver.resolve("(UTC-03:00) Brasília").get().method == .vtimezone)
        let event = try #require(calendar.events.first)
        #expect(event.start.value.tzid == "(UTC-03:00) Brasília")
        #expect(event.start.ianaIdentifier == nil)
        // May is standard time (-03:00) in these rules.
        #expect(event.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20170511T163000Z")))
        #expect(!calendar.problems.contains { $0.message.contains("fixed offset") })
    }

    @Test("issue_55: offsets with seconds (-075258) are read to the second")
    func offsetsWithSeconds() throws {
        let document = ICalParser().parse(try Fixtures.bytes(Corpus.icalendar("timezones/issue_55_parse_error_on_utc_offset_with_seconds.ics")))
        #expect(document.allProblems.isEmpty)
        let rules = try VTimeZoneRules(try #require(document.components.first))
        #expect(rules.identifier == "America/Los Angeles")
        let transition = try ICalDateTime.parse("18831118T120702").local.secondsSinceEpoch + 28_378
        #expect(rules.utcOffset(atInstant: transition - 1) == -(7 * 3600 + 52 * 60 + 58))
        #expect(rules.utcOffset(atInstant: transition) == -8 * 3600)
    }

    @Test("pacific_fiji: a custom_ TZID uses its VTIMEZONE, whose RRULEs and RDATEs give Fiji's offsets")
    func pacificFiji() throws {
        let (document, calendar) = try Self.read(Corpus.icalendar("calendars/pacific_fiji.ics"))
        let vtimezone = try #require(document.calendars[0].components(named: "VTIMEZONE").first)
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: ["custom_Pacific/Fiji": vtimezone])
        let resolution = try resolver.resolve("custom_Pacific/Fiji").get()
        #expect(resolution.method == .vtimezone)
        let rules = resolution.rules
        #expect(rules.utcOffset(atInstant: try utc("19100101T000000Z")) == 11 * 3600 + 55 * 60 + 44)
        #expect(rules.utcOffset(atInstant: try utc("20140801T000000Z")) == 12 * 3600)
        // 2014-10-26 (the Sunday of the 21st–27th) 02:00 +12:00 starts daylight time.
        #expect(rules.utcOffset(atInstant: try utc("20141025T135959Z")) == 12 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20141025T140000Z")) == 13 * 3600)
        #expect(rules.utcOffset(atInstant: try utc("20141215T000000Z")) == 13 * 3600)
        // The event (written with DTSTART twice; the first is used) is 08:00 in Fiji's winter.
        let event = try #require(calendar.events.first)
        #expect(event.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20140828T200000Z")))
    }

    @Test("backslash-escaped parameter values read as python-icalendar reads them, except that ':' ends the value",
          arguments: [
            ("event_with_escaped_character1.ics", "Society, 2014", "that"),
            ("event_with_escaped_character2.ics", #"Society\ 2014"#, "that"),
            ("event_with_escaped_character3.ics", "Society; 2014", "that"),
            // python-icalendar reads `\:` as an escaped colon ("Society: 2014"); RFC 5545 and
            // ical.js's own jCal fixture (`CN=X\:mailto:…`) end the value there.
            ("event_with_escaped_character4.ics", #"Society\"#, " 2014:that"),
            ("event_with_escaped_characters.ics", #"that, that; %th%%at%\ that\"#, #":это\, то\; that\ %th%%at%\:"#),
          ])
    func escapedParameters(_ name: String, _ cn: String, _ value: String) throws {
        let document = ICalParser().parse(try Fixtures.bytes(Corpus.icalendar("events/" + name)))
        #expect(document.allProblems.isEmpty)
        let organizer = try #require(document.components.first?.property("ORGANIZER"))
        #expect(organizer.parameterValues("CN") == [cn])
        #expect(organizer.rawValue == value)
    }

    @Test("issue_836: an unquoted TZID with spaces is read whole")
    func unquotedTZIDWithSpaces() throws {
        let document = ICalParser().parse(try Fixtures.bytes(Corpus.icalendar("calendars/issue_836_do_not_quote_tzid.ics")))
        let event = try #require(document.components.first?.components(named: "VEVENT").first)
        #expect(event.property("DTSTART")?.parameter("TZID") == "Eastern Standard Time")
        #expect(event.property("DTEND")?.rawValue == "20241028T180000")
    }

    @Test("tzid_with_gmt (ical.js): a quoted TZID \"(GMT +01:00)\" is read as a fixed offset")
    func tzidWithGMT() throws {
        let document = ICalParser().parse(try Fixtures.bytes(Corpus.icaljs("test/parser/tzid_with_gmt.ics")))
        let start = try #require(document.components.first?.property("DTSTART"))
        let tzid = try #require(start.parameter("TZID"))
        #expect(tzid == "(GMT +01:00)")
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: [:])
        let resolution = try resolver.resolve(tzid).get()
        #expect(resolution.method == .fixedOffset)
        #expect(resolution.rules.utcOffset(atInstant: 0) == 3600)
        #expect(try ICalDateTime.parse(start.rawValue, tzid: tzid).form == .zoned(tzid: "(GMT +01:00)"))
    }

    @Test("issue_466 and issue_313: vendor prefixes before an IANA name are stripped; a custom name uses its VTIMEZONE")
    func prefixedTZIDs() throws {
        let stockholm = try firstEvent("calendars/issue_466_convert_tzid_with_slash.ics")
        #expect(stockholm.start.ianaIdentifier == "Europe/Stockholm")
        #expect(stockholm.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20221021T180000Z")))
        let custom = try firstEvent("calendars/issue_466_respect_unique_timezone.ics")
        #expect(custom.start.value.tzid == "/Europe/CUSTOM")
        #expect(custom.start.ianaIdentifier == nil)
        #expect(custom.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20221021T180000Z")))

        let (_, calendar) = try Self.read(Corpus.icalendar("calendars/issue_313_globally_unique_tzid.ics"))
        #expect(calendar.events.map(\.start.ianaIdentifier) == ["Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires"])
        var resolver = TimeZoneResolver(catalog: ZoneCatalog(), vtimezones: [:])
        #expect(try resolver.resolve("/mozilla.org/20070129_1/America/New_York").get().method == .prefixed)
    }

    @Test("X-WR-TIMEZONE: UTC times are shown in the calendar's zone, and floating dates happen there")
    func calendarTimeZone() throws {
        let (_, google) = try Self.read(Corpus.icalendar("calendars/issue_350.ics"))
        #expect(google.calendarTimeZone == "Europe/Berlin")
        #expect(google.floatingZone.identifier == "Europe/Berlin")
        let event = try #require(google.events.first)
        #expect(event.start.value.form == .zoned(tzid: "Europe/Berlin"))
        #expect(event.start.local == LocalDateTime(year: 2022, month: 2, day: 22, hour: 19, minute: 30, second: 0))
        #expect(event.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20220222T183000Z")))

        let (_, allDay) = try Self.read(Corpus.icaljs("samples/forced_types.ics"))
        #expect(allDay.calendarTimeZone == "America/Los_Angeles")
        let day = try #require(allDay.events.first)
        #expect(day.start.isDate)
        #expect(day.start.instant(floating: allDay.floatingZone) == (try utc("20120904T070000Z")))

        // A TZID keeps its own zone in such a calendar.
        let (_, zurich) = try Self.read(Corpus.icalendar("calendars/x_location.ics"))
        #expect(zurich.calendarTimeZone == "Europe/Zurich")
        #expect(zurich.events.first?.start.value.tzid == "Europe/Zurich")
    }

    @Test("a TZID with no VTIMEZONE is never silently floating: quarantined, or read in the given zone with a warning")
    func missingVTimeZone() throws {
        let name = Corpus.icalendar("calendars/issue_526_calendar_with_events.ics")
        let (_, strict) = try Self.read(name)
        #expect(strict.events.isEmpty)
        #expect(strict.quarantined.map(\.reason) == [
            #"line 7: TZID "Western/Central Europe" is not a known time zone and the file has no VTIMEZONE for it"#,
            #"line 14: TZID "Western/Central Europe" is not a known time zone and the file has no VTIMEZONE for it"#,
        ])
        let (_, lenient) = try Self.read(name, defaultTimeZone: IANAZoneRules(identifier: "Europe/Berlin"))
        #expect(lenient.events.count == 2)
        #expect(lenient.problems.contains { $0.severity == .warning && $0.line == 7 && $0.message.hasSuffix("read in Europe/Berlin, the calendar's zone") })
        #expect(lenient.events.first?.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("20211101T150000Z")))
    }

    @Test("VFREEBUSY: one period per line or per comma, FBTYPE kept (BUSY when missing), durations added")
    func freeBusy() throws {
        let (_, example) = try Self.read(Corpus.icalendar("freebusy/example.ics"))
        #expect(example.freeBusy.count == 3)
        #expect(example.freeBusy.map(\.type) == ["BUSY", "BUSY", "BUSY"])
        #expect(example.freeBusy.map(\.line) == [7, 8, 9])
        #expect(example.freeBusy.allSatisfy { $0.uid == "19970901T115957Z-76A912@example.com" && $0.isBusy })
        let first = try #require(example.freeBusy.first)
        #expect(first.start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("19980314T233000Z")))
        #expect(first.end.instant(floating: FixedOffsetZoneRules.utc) == (try utc("19980315T003000Z")))

        let (_, oneLine) = try Self.read(Corpus.icalendar("calendars/issue_27_multiple_periods_in_freebusy_one_freebusy.ics"))
        let (_, manyLines) = try Self.read(Corpus.icalendar("calendars/issue_27_multiple_periods_in_freebusy_multiple_freebusies.ics"))
        #expect(oneLine.freeBusy.count == 8)
        #expect(oneLine.freeBusy.allSatisfy { $0.line == 12 && $0.type == "BUSY" })
        #expect(manyLines.freeBusy.map(\.line) == Array(12...19))
        #expect(
            oneLine.freeBusy.map { $0.start.instant(floating: FixedOffsetZoneRules.utc) }
                == manyLines.freeBusy.map { $0.start.instant(floating: FixedOffsetZoneRules.utc) })

        let (_, mixed) = try Self.read(Corpus.icalendar("calendars/issue_798_freebusy.ics"))
        #expect(mixed.freeBusy.map(\.type) == ["BUSY-UNAVAILABLE", "BUSY", "BUSY", "FREE", "FREE", "FREE"])
        #expect(mixed.freeBusy.map(\.isBusy) == [true, true, true, false, false, false])
        #expect(mixed.freeBusy[0].end.instant(floating: FixedOffsetZoneRules.utc) == (try utc("19970309T003000Z")))
        #expect(mixed.freeBusy[5].start.instant(floating: FixedOffsetZoneRules.utc) == (try utc("19970308T230000Z")))

        let (_, sixt) = try Self.read(Corpus.icalendar("calendars/issue_348_exception_parsing_value.ics"))
        #expect(sixt.freeBusy.map(\.type) == ["FREE"])
        #expect(sixt.events.count == 1)

        let (_, dates) = try Self.read(Corpus.icalendar("calendars/issue_1633_freebusy_with_dates.ics"))
        #expect(dates.freeBusy.count == 1)
        #expect(dates.freeBusy.first?.start.isDate == true)
    }
}
