@testable import FieldSyncICalendar
import Testing

/// RFC 5545 §3.1 content lines, read from bytes: folding, line endings, parameters, values.
@Suite("Content lines are read from bytes")
struct ContentLineTests {
    /// The properties of the first component, by parsing `bytes`.
    private func properties(_ bytes: [UInt8]) -> [ICalProperty] {
        ICalParser().parse(bytes).components.first?.properties ?? []
    }

    private func property(_ line: String) -> ICalProperty? {
        properties(ICS.calendar([line])).first { $0.name != "VERSION" }
    }

    // MARK: Folding

    @Test("a fold that splits a two-byte UTF-8 character is unfolded before decoding")
    func foldInsideTwoByteCharacter() throws {
        // "café": é is C3 A9; the fold falls between the two bytes.
        var bytes = Array("BEGIN:VCALENDAR\r\nSUMMARY:caf".utf8)
        bytes += [0xC3, 0x0D, 0x0A, 0x20, 0xA9]
        bytes += Array("\r\nEND:VCALENDAR\r\n".utf8)
        let document = ICalParser().parse(bytes)
        #expect(document.allProblems.isEmpty)
        let summary = try #require(document.components.first?.property("SUMMARY"))
        #expect(summary.rawValue == "café")
        #expect(summary.line == 2)
    }

    @Test("a fold inside a four-byte UTF-8 character (an emoji) is unfolded before decoding")
    func foldInsideFourByteCharacter() throws {
        // U+1F527 🔧 is F0 9F 94 A7; folded after its second byte, with LF line ends.
        var bytes = Array("BEGIN:VCALENDAR\nSUMMARY:fix ".utf8)
        bytes += [0xF0, 0x9F, 0x0A, 0x09, 0x94, 0xA7]
        bytes += Array(" now\nEND:VCALENDAR\n".utf8)
        let summary = try #require(ICalParser().parse(bytes).components.first?.property("SUMMARY"))
        #expect(summary.rawValue == "fix 🔧 now")
    }

    @Test("a tab folds like a space, and only the one whitespace character is removed")
    func tabFolds() throws {
        let bytes = Array("BEGIN:VCALENDAR\r\nDESCRIPTION:one\r\n\ttwo\r\n  three\r\nEND:VCALENDAR\r\n".utf8)
        let description = try #require(ICalParser().parse(bytes).components.first?.property("DESCRIPTION"))
        #expect(description.rawValue == "onetwo three")
    }

    @Test("a fold may fall inside the name, a parameter or the separator")
    func foldAnywhere() throws {
        let bytes = Array("BEGIN:VCALENDAR\r\nDTST\r\n ART;TZ\r\n ID=Europe/Par\r\n is\r\n :20240102T0900\r\n 00\r\nEND:VCALENDAR\r\n".utf8)
        let document = ICalParser().parse(bytes)
        #expect(document.allProblems.isEmpty)
        let start = try #require(document.components.first?.property("DTSTART"))
        #expect(start.parameter("TZID") == "Europe/Paris")
        #expect(start.rawValue == "20240102T090000")
        #expect(start.line == 2)
    }

    @Test("line numbers count physical lines, folds included")
    func lineNumbersCountPhysicalLines() throws {
        let bytes = ICS.bytes([
            "BEGIN:VCALENDAR", "DESCRIPTION:a", " b", " c", "SUMMARY:x", "", "LOCATION:y", "END:VCALENDAR",
        ])
        let calendar = try #require(ICalParser().parse(bytes).components.first)
        #expect(calendar.property("DESCRIPTION")?.line == 2)
        #expect(calendar.property("SUMMARY")?.line == 5)
        #expect(calendar.property("LOCATION")?.line == 7)
        #expect(calendar.endLine == 8)
    }

    // MARK: Line endings, BOM, blank lines

    static let sample = [
        "BEGIN:VCALENDAR", "PRODID:-//fieldsync//test//EN", "BEGIN:VEVENT", "UID:1",
        "DTSTART;TZID=America/Chicago:20240102T090000", "DESCRIPTION:folded", " value", "END:VEVENT",
        "END:VCALENDAR",
    ]

    @Test("CRLF, LF, lone CR and a mix of them give identical trees, line numbers included")
    func lineEndingsGiveIdenticalTrees() {
        let crlf = ICalParser().parse(ICS.bytes(Self.sample, ending: "\r\n"))
        let lf = ICalParser().parse(ICS.bytes(Self.sample, ending: "\n"))
        let cr = ICalParser().parse(ICS.bytes(Self.sample, ending: "\r"))
        var mixed: [UInt8] = []
        for (index, line) in Self.sample.enumerated() {
            mixed += Array(line.utf8) + Array(["\r\n", "\n", "\r"][index % 3].utf8)
        }
        #expect(crlf.allProblems.isEmpty)
        #expect(crlf.components.first?.components.first?.property("DESCRIPTION")?.rawValue == "foldedvalue")
        #expect(lf == crlf)
        #expect(cr == crlf)
        #expect(ICalParser().parse(mixed) == crlf)
    }

    @Test("a UTF-8 byte-order mark before BEGIN:VCALENDAR is skipped")
    func byteOrderMark() {
        let plain = ICS.bytes(Self.sample)
        let document = ICalParser().parse([0xEF, 0xBB, 0xBF] + plain)
        #expect(document.allProblems.isEmpty)
        #expect(document.components.map(\.name) == ["VCALENDAR"])
        #expect(document == ICalParser().parse(plain))
    }

    @Test("a byte-order mark at the start of a later line (concatenated exports) is skipped too")
    func byteOrderMarkMidStream() {
        let one = ICS.bytes(["BEGIN:VCALENDAR", "X-N:1", "END:VCALENDAR"])
        let two = ICS.bytes(["BEGIN:VCALENDAR", "X-N:2", "END:VCALENDAR"])
        let document = ICalParser().parse([0xEF, 0xBB, 0xBF] + one + [0xEF, 0xBB, 0xBF] + two)
        #expect(document.allProblems.isEmpty)
        #expect(document.components.map { $0.property("X-N")?.rawValue } == ["1", "2"])
        #expect(document.components.map(\.line) == [1, 4])
    }

    @Test("blank lines, leading, trailing and between properties, are ignored")
    func blankLines() {
        var lines = Self.sample
        lines.insert("", at: 3)
        lines.insert("", at: 0)
        lines.append("")
        lines.append("")
        let document = ICalParser().parse(ICS.bytes(lines))
        #expect(document.allProblems.isEmpty)
        #expect(document.components.first?.components.first?.properties.map(\.name) == ["UID", "DTSTART", "DESCRIPTION"])
    }

    @Test("trailing spaces and tabs at the end of a content line are not part of the value")
    func trailingWhitespace() {
        #expect(property("SUMMARY:padded \t ")?.rawValue == "padded")
    }

    @Test("bytes that are not UTF-8 are read as Latin-1, line by line, so nothing is lost")
    func latin1Fallback() throws {
        var bytes = Array("BEGIN:VCALENDAR\r\nSUMMARY:Caf".utf8)
        bytes += [0xE9]  // é in Latin-1
        bytes += Array("\r\nLOCATION:Zürich\r\nEND:VCALENDAR\r\n".utf8)
        let calendar = try #require(ICalParser().parse(bytes).components.first)
        #expect(calendar.property("SUMMARY")?.rawValue == "Café")
        #expect(calendar.property("LOCATION")?.rawValue == "Zürich")
    }

    // MARK: Names and groups

    @Test("property names are uppercased; a group prefix is kept apart")
    func namesAndGroups() throws {
        let summary = try #require(property("summary:x"))
        #expect(summary.name == "SUMMARY")
        #expect(summary.group == nil)
        let grouped = try #require(property("item1.X-ABLabel;TYPE=pref:Work"))
        #expect(grouped.name == "X-ABLABEL")
        #expect(grouped.group == "item1")
        #expect(grouped.parameter("type") == "pref")
        #expect(grouped.rawValue == "Work")
    }

    @Test("the value is everything after the first ':' outside quotes, colons and semicolons included")
    func valueKeepsColons() {
        #expect(property("SUMMARY:Call: 10:30; bring keys")?.rawValue == "Call: 10:30; bring keys")
        #expect(property("URL:https://example.com/a;b?c=d")?.rawValue == "https://example.com/a;b?c=d")
        #expect(property("LOCATION:")?.rawValue == "")
    }

    // MARK: Parameters

    @Test("quoted parameter values keep ':' ';' and ',' and lose their quotes")
    func quotedParameters() throws {
        let p = try #require(property(#"ATTENDEE;CN="Doe, Jane; PhD";X-NOTE="at 10:30":mailto:jane@example.com"#))
        #expect(p.parameter("CN") == "Doe, Jane; PhD")
        #expect(p.parameter("X-NOTE") == "at 10:30")
        #expect(p.rawValue == "mailto:jane@example.com")
    }

    @Test("a list parameter holds several values, quoted or not")
    func multiValueParameters() throws {
        let quoted = try #require(property(#"ATTENDEE;DELEGATED-TO="mailto:a@x","mailto:b@x";ROLE=CHAIR:mailto:c@x"#))
        #expect(quoted.parameterValues("DELEGATED-TO") == ["mailto:a@x", "mailto:b@x"])
        #expect(quoted.parameter("ROLE") == "CHAIR")
        let unquoted = try #require(property("ATTENDEE;MEMBER=a,b;CN=C:mailto:c@x"))
        #expect(unquoted.parameterValues("MEMBER") == ["a", "b"])
        #expect(unquoted.parameters.first { $0.name == "MEMBER" }?.value == "a,b")
    }

    @Test("an unquoted comma is part of the value of a parameter that is not a list")
    func commaInSingleValueParameter() throws {
        let attendee = try #require(property("ATTENDEE;CN=Doe, Jane:mailto:jane@example.com"))
        #expect(attendee.parameterValues("CN") == ["Doe, Jane"])
        let start = try #require(property("DTSTART;TZID=Amsterdam, Berlin:20240102T090000"))
        #expect(start.parameter("TZID") == "Amsterdam, Berlin")
        #expect(start.rawValue == "20240102T090000")
    }

    @Test("a backslash escapes ',' ';' and '\\' in an unquoted parameter value, but ':' still ends it")
    func backslashInParameters() throws {
        #expect(property(#"ORGANIZER;CN=Society\, 2014:that"#)?.parameter("CN") == "Society, 2014")
        #expect(property(#"ORGANIZER;CN=Society\; 2014:that"#)?.parameter("CN") == "Society; 2014")
        #expect(property(#"ORGANIZER;CN=Society\\ 2014:that"#)?.parameter("CN") == #"Society\ 2014"#)
        let colon = try #require(property(#"ATTENDEE;CN=X\:mailto:x@example.org"#))
        #expect(colon.parameter("CN") == #"X\"#)
        #expect(colon.rawValue == "mailto:x@example.org")
        // Inside quotes a backslash is just a character.
        #expect(property(#"ATTENDEE;CN="Y\":mailto:y@example.org"#)?.parameter("CN") == #"Y\"#)
    }

    @Test("RFC 6868 caret escapes are decoded in parameter values; unknown ones are kept")
    func caretEscapes() throws {
        let p = try #require(property(#"X-PARAM;NEWLINE=^n;ALL=^^^'^n;QUOTED="^'Babe^' Ruth";UNKNOWN=^a^ ^asd:asd"#))
        #expect(p.parameter("NEWLINE") == "\n")
        #expect(p.parameter("ALL") == "^\"\n")
        #expect(p.parameter("QUOTED") == "\"Babe\" Ruth")
        #expect(p.parameter("UNKNOWN") == "^a^ ^asd")
        #expect(p.rawValue == "asd")
    }

    @Test("parameter names are case-insensitive; an empty value is kept as empty")
    func parameterNames() throws {
        let p = try #require(property(#"ORGANIZER;cn="":mailto:x@example.org"#))
        #expect(p.parameters.map(\.name) == ["CN"])
        #expect(p.parameter("Cn") == "")
        #expect(p.parameter("ROLE") == nil)
    }

    @Test("an unquoted TZID with colons is split at the last colon before the date-time (Google)")
    func tzidWithColons() throws {
        let start = try #require(property("DTSTART;TZID=GMT+05:30:20120904T020000"))
        #expect(start.parameter("TZID") == "GMT+05:30")
        #expect(start.rawValue == "20120904T020000")
        let list = try #require(property("EXDATE;TZID=GMT+05:30:20120904T020000,20120905T020000"))
        #expect(list.parameter("TZID") == "GMT+05:30")
        #expect(list.rawValue == "20120904T020000,20120905T020000")
        let followed = try #require(property("DTSTART;TZID=GMT+05:30;VALUE=DATE-TIME:20120904T020000"))
        #expect(followed.parameter("TZID") == "GMT+05:30")
        #expect(followed.parameter("VALUE") == "DATE-TIME")
        #expect(followed.rawValue == "20120904T020000")
        let quotedColonAfter = try #require(property(#"DTSTART;TZID=Europe/Paris;X-NOTE="at 10:30":20240102T090000"#))
        #expect(quotedColonAfter.parameter("TZID") == "Europe/Paris")
        #expect(quotedColonAfter.parameter("X-NOTE") == "at 10:30")
        #expect(quotedColonAfter.rawValue == "20240102T090000")
    }

    @Test("a TZID before a value that is not a date-time still ends at the first colon")
    func tzidBeforeTextValue() throws {
        let p = try #require(property("X-NOTE;TZID=Europe/Paris:meet at 10:30"))
        #expect(p.parameter("TZID") == "Europe/Paris")
        #expect(p.rawValue == "meet at 10:30")
        let quoted = try #require(property(#"DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin":20240102T090000"#))
        #expect(quoted.parameter("TZID") == "(UTC+01:00) Amsterdam, Berlin")
        #expect(quoted.rawValue == "20240102T090000")
    }

    // MARK: TEXT

    @Test("TEXT escapes are decoded by textValue and kept in rawValue")
    func textEscapes() throws {
        let p = try #require(property(#"DESCRIPTION:a\, b\; c\\d\nnew\Nline \x"#))
        #expect(p.rawValue == #"a\, b\; c\\d\nnew\Nline \x"#)
        #expect(p.textValue == "a, b; c\\d\nnew\nline \\x")
    }

    @Test("a multi-valued TEXT splits on unescaped commas only")
    func textList() throws {
        let p = try #require(property(#"CATEGORIES:plumbing,blue\, fish,HVAC"#))
        #expect(p.textValues == ["plumbing", "blue, fish", "HVAC"])
    }

    @Test("escaping and unescaping TEXT round-trips")
    func textRoundTrip() {
        let text = "Line 1\nLine 2; a, b \\ c"
        #expect(ICalText.escape(text) == #"Line 1\nLine 2\; a\, b \\ c"#)
        #expect(ICalText.unescape(ICalText.escape(text)) == text)
    }

    // MARK: Malformed lines

    /// The one problem a single bad line inside a VCALENDAR produces.
    private func problem(for line: String) throws -> ICalProblem {
        let document = ICalParser().parse(ICS.calendar([line]))
        #expect(document.allProblems.count == 1, "\(document.allProblems)")
        return try #require(document.allProblems.first)
    }

    @Test("a line with no colon is an error naming the line and what it looked like")
    func noColon() throws {
        let p = try problem(for: "X-APPLE-RADIUS=49.91307046514149")
        #expect(p.severity == .error)
        #expect(p.line == 3)
        #expect(p.message == #""X-APPLE-RADIUS=49.91307046514149" is not a content line: no ':' before the value"#)
        #expect(p.property == "X-APPLE-RADIUS")
        #expect(p.description.hasPrefix("line 3: "))
    }

    @Test("a parameter list cut off before the value is an error naming the property")
    func noColonAfterParameters() throws {
        let p = try problem(for: "ORGANIZER;CN=Sixt SE")
        #expect(p.message == "ORGANIZER has no ':' before its value (the line ends after parameter CN)")
        #expect(p.property == "ORGANIZER")
        #expect(p.line == 3)
    }

    @Test("an empty parameter name is an error")
    func emptyParameterName() throws {
        let p = try problem(for: "DTSTART;;VALUE=DATE-TIME:20140409T093000")
        #expect(p.message == #"empty parameter name in DTSTART (';' followed by ";")"#)
        #expect(p.property == "DTSTART")
        #expect(p.line == 3)
    }

    @Test("a parameter without '=' is an error")
    func parameterWithoutEquals() throws {
        let p = try problem(for: "DTSTART;VALUE:20140409")
        #expect(p.message == #"parameter VALUE in DTSTART has no '=' (found ":")"#)
    }

    @Test("an unterminated quoted parameter value is an error")
    func unterminatedQuote() throws {
        let p = try problem(for: #"ATTENDEE;CN="Doe, Jane:mailto:jane@example.com"#)
        #expect(p.message == "unterminated quoted value of parameter CN in ATTENDEE")
        #expect(p.property == "ATTENDEE")
        #expect(p.line == 3)
    }

    @Test("text after a closing quote is an error")
    func textAfterQuote() throws {
        let p = try problem(for: #"ATTENDEE;CN="Doe"x:mailto:jane@example.com"#)
        #expect(p.message == #"unexpected "x" after parameter CN in ATTENDEE"#)
    }

    @Test("stray text inside an event costs only its line; a broken DTSTART-like line quarantines the event")
    func strayTextVersusBrokenDTSTART() throws {
        let stray = ICalParser().parse(
            Array("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T090000Z\r\nDESCRIPTION:Call first\r\nJane Jones, gate code 4411\r\nEND:VEVENT\r\n".utf8))
        let kept = ICalendarReader().read(stray)
        #expect(kept.quarantined.isEmpty)
        #expect(kept.events.count == 1)
        #expect(kept.problems.contains { $0.line == 5 && $0.property == nil })

        let broken = ICalParser().parse(
            Array("BEGIN:VEVENT\r\nUID:b\r\nDTSTART 20260101T090000Z\r\nEND:VEVENT\r\n".utf8))
        let quarantined = ICalendarReader().read(broken)
        #expect(quarantined.events.isEmpty)
        #expect(quarantined.quarantined.first?.reason.hasPrefix("line 3: ") == true)
    }

    @Test("whitespace inside a property name is an error, not a guess")
    func whitespaceInName() throws {
        let p = try problem(for: "REFRESH - INTERVAL; VALUE = DURATION:PT48H")
        #expect(p.message == #"invalid character " " in the property name of "REFRESH - INTERVAL; VALUE = DURATION:PT48H""#)
        #expect(p.property == nil)
        #expect(p.leadingWord == "REFRESH")
    }

    @Test("a non-ASCII letter in a property name is named whole in the error")
    func nonASCIIName() throws {
        let p = try problem(for: "SUMMÄRY:x")
        #expect(p.message == #"invalid character "Ä" in the property name of "SUMMÄRY:x""#)
        #expect(p.property == nil)
        #expect(p.leadingWord == "SUMM")
    }

    @Test("a long bad line is shown shortened, never cut inside a character")
    func longBadLine() throws {
        let line = "X-NOTE=" + String(repeating: "é", count: 60)
        let p = try problem(for: line)
        #expect(p.message.hasPrefix(#""X-NOTE=éééé"#))
        #expect(p.message.hasSuffix(#"…" is not a content line: no ':' before the value"#))
        #expect(!p.message.contains("Ã"))
    }

    @Test("a line that starts with ':' has no property name")
    func noName() throws {
        let p = try problem(for: ":value")
        #expect(p.message == "content line has no property name")
        #expect(p.property == nil)
    }

    @Test("a bad line does not stop the lines after it from being read")
    func recoveryAfterBadLine() throws {
        let document = ICalParser().parse(ICS.calendar(["SUMMARY=broken", "LOCATION:kept"]))
        #expect(document.allProblems.map(\.line) == [3])
        #expect(document.components.first?.property("LOCATION")?.rawValue == "kept")
        #expect(document.components.first?.property("SUMMARY") == nil)
    }

    @Test("a lone CR inside a value breaks the line, and the orphan is reported")
    func loneCRInValue() throws {
        let bytes = Array("BEGIN:VTIMEZONE\nTZID:S\u{0C}\u{0C}\r\u{0C}\u{0C}\u{0B}\nEND:VTIMEZONE\n".utf8)
        let document = ICalParser().parse(bytes)
        let problems = document.allProblems
        #expect(problems.count == 1)
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message == #""\u{c}\u{c}\u{b}" is not a content line: no ':' before the value"#)
        #expect(document.components.first?.endLine == 4)
    }
}
