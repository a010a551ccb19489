import FieldSyncICalendar
import PropertyBased
import Testing

/// The component tree (RFC 5545 §3.4, §3.6) and recovery from structural mistakes.
@Suite("The parser builds components and recovers from broken structure")
struct ParserTests {
    @Test("components nest in file order with their BEGIN and END lines")
    func nesting() throws {
        let document = ICalParser().parse(
            ICS.bytes([
                "BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "TZID:X", "END:VTIMEZONE", "BEGIN:VEVENT", "UID:1",
                "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM", "END:VEVENT", "END:VCALENDAR",
            ]))
        #expect(document.problems.isEmpty)
        #expect(document.isComplete)
        let calendar = try #require(document.components.first)
        #expect(calendar.name == "VCALENDAR")
        #expect(calendar.line == 1)
        #expect(calendar.endLine == 11)
        #expect(calendar.components.map(\.name) == ["VTIMEZONE", "VEVENT"])
        let event = try #require(calendar.components(named: "vevent").first)
        #expect(event.line == 5)
        #expect(event.endLine == 10)
        #expect(event.components.map(\.name) == ["VALARM"])
        #expect(event.components[0].property("action")?.rawValue == "DISPLAY")
    }

    @Test("component names are case-insensitive")
    func caseInsensitiveNames() {
        let document = ICalParser().parse(ICS.bytes(["begin:vcalendar", "BeGiN:VEvent", "end:VEVENT", "END:vcalendar"]))
        #expect(document.allProblems.isEmpty)
        #expect(document.components.first?.components.first?.name == "VEVENT")
    }

    @Test("several calendars in one stream are all kept, in order")
    func severalCalendars() {
        let document = ICalParser().parse(
            ICS.bytes(["BEGIN:VCALENDAR", "X-N:1", "END:VCALENDAR", "BEGIN:VCALENDAR", "X-N:2", "END:VCALENDAR"]))
        #expect(document.components.map { $0.property("X-N")?.rawValue } == ["1", "2"])
        #expect(document.calendars.count == 2)
    }

    @Test("bare components with no VCALENDAR are gathered into a synthetic calendar")
    func bareComponents() throws {
        let document = ICalParser().parse(ICS.bytes(["BEGIN:VEVENT", "UID:a", "END:VEVENT", "BEGIN:VTODO", "END:VTODO"]))
        #expect(document.allProblems.isEmpty)
        #expect(document.components.map(\.name) == ["VEVENT", "VTODO"])
        let calendar = try #require(document.calendars.first)
        #expect(document.calendars.count == 1)
        #expect(calendar.name == "VCALENDAR")
        #expect(calendar.components.map(\.name) == ["VEVENT", "VTODO"])
        #expect(calendar.line == 1)
        #expect(calendar.endLine == 5)
    }

    @Test("END without BEGIN is an error on the line of the END, and the rest is read")
    func endWithoutBegin() throws {
        let document = ICalParser().parse(
            ICS.bytes(["BEGIN:VCALENDAR", "END:VTODO", "BEGIN:VEVENT", "UID:1", "END:VEVENT", "END:VCALENDAR"]))
        let problems = document.allProblems
        #expect(problems.count == 1)
        #expect(problems.first?.message == "END:VTODO has no matching BEGIN:VTODO")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.severity == .error)
        // It is recorded on the component it appeared in.
        #expect(document.components.first?.problems.count == 1)
        #expect(document.components.first?.components.first?.property("UID")?.rawValue == "1")
        #expect(document.isComplete)
    }

    @Test("END without BEGIN at the top level is a document problem")
    func topLevelEndWithoutBegin() {
        let document = ICalParser().parse(ICS.bytes(["END:VCALENDAR", "BEGIN:VCALENDAR", "END:VCALENDAR"]))
        #expect(document.problems.map(\.description) == ["line 1: END:VCALENDAR has no matching BEGIN:VCALENDAR"])
        #expect(document.components.count == 1)
    }

    @Test("a component the file never closes is an error at the last line, and the document is incomplete")
    func neverClosed() throws {
        let document = ICalParser().parse(ICS.bytes(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:1", "END:VEVENT"]))
        #expect(!document.isComplete)
        let calendar = try #require(document.components.first)
        #expect(calendar.endLine == nil)
        #expect(calendar.components.first?.endLine == 4)
        #expect(
            document.allProblems.map(\.description) == [
                "line 4: BEGIN:VCALENDAR (line 1) is never closed: the file ends first (truncated?)"
            ])
    }

    @Test("an END that skips an open component closes it with an error on the skipped one")
    func endSkipsComponent() throws {
        let document = ICalParser().parse(
            ICS.bytes(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:1", "END:VCALENDAR", "X-AFTER:1"]))
        let calendar = try #require(document.components.first)
        #expect(calendar.endLine == 4)
        let event = try #require(calendar.components.first)
        #expect(event.endLine == nil)
        #expect(event.problems.map(\.description) == [
            "line 4: BEGIN:VEVENT (line 2) is never closed; END:VCALENDAR closes its parent"
        ])
        #expect(!document.isComplete)
        // A property after the last END belongs to nothing.
        #expect(document.problems.map(\.description) == [
            "line 5: X-AFTER is outside any component (no BEGIN before it); ignored"
        ])
        #expect(document.problems.first?.severity == .warning)
    }

    @Test("a NUL in a component name is an error, shown escaped in every message")
    func nulInComponentName() throws {
        let document = ICalParser().parse(Array("BeGIN:\u{0}\n".utf8))
        let messages = document.allProblems.map(\.description)
        #expect(messages == [
            #"line 1: invalid component name "\u{0}" in BEGIN"#,
            #"line 1: BEGIN:"\u{0}" (line 1) is never closed: the file ends first (truncated?)"#,
        ])
        #expect(document.allProblems.allSatisfy { $0.severity == .error })
        #expect(!messages.joined().unicodeScalars.contains { $0.value == 0 })
    }

    @Test("an END naming an invalid component is shown escaped")
    func invalidEndName() {
        let document = ICalParser().parse(ICS.bytes(["BEGIN:VCALENDAR", "END:V\u{7}", "END:VCALENDAR"]))
        #expect(document.allProblems.map(\.message) == [#"END:"V\u{7}" has no matching BEGIN:"V\u{7}""#])
    }

    @Test("an empty file and a file of blank lines are errors with no line")
    func emptyFile() {
        for bytes in [[], Array("\r\n\r\n\n".utf8)] as [[UInt8]] {
            let document = ICalParser().parse(bytes)
            #expect(document.components.isEmpty)
            #expect(document.problems.map(\.description) == ["the file is empty"])
        }
    }

    @Test("a file of properties with no component at all says so")
    func noComponents() {
        let document = ICalParser().parse(ICS.bytes(["SUMMARY:x"]))
        #expect(document.problems.map(\.message) == [
            "SUMMARY is outside any component (no BEGIN before it); ignored"
        ])
        #expect(document.components.isEmpty)
        let text = ICalParser().parse(Array("hello world\n".utf8))
        #expect(text.problems.map(\.description) == [
            #"line 1: "hello world" is not a content line: no ':' before the value"#
        ])
    }

    @Test("allProblems gathers problems from every component, in line order")
    func allProblemsInLineOrder() {
        let document = ICalParser().parse(
            ICS.bytes([
                "BEGIN:VCALENDAR", "BEGIN:VEVENT", "BEGIN:VALARM", "BAD", "END:VALARM", "ALSO BAD", "END:VEVENT",
                "END:VTODO", "END:VCALENDAR", "X-OUT:1",
            ]))
        #expect(document.allProblems.map(\.line) == [4, 6, 8, 10])
    }

    @Test("parseStrict throws the first error with its line; warnings alone do not throw")
    func strict() throws {
        #expect(throws: ICalendarError(.syntax, "empty parameter name in DTSTART (';' followed by \";\")", line: 4)) {
            _ = try ICalParser().parseStrict(
                ICS.bytes(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "SUMMARY:ok", "DTSTART;;VALUE=DATE:20140409", "END:VEVENT", "END:VCALENDAR"]))
        }
        do {
            _ = try ICalParser().parseStrict(ICS.bytes(["BEGIN:VCALENDAR", "X-BAD", "END:VCALENDAR"]))
            Issue.record("parseStrict accepted a line with no colon")
        } catch {
            #expect(error.description == #"line 2: "X-BAD" is not a content line: no ':' before the value"#)
            #expect(error.code == .syntax)
        }
        let warned = try ICalParser().parseStrict(ICS.bytes(["BEGIN:VCALENDAR", "END:VCALENDAR", "X-AFTER:1"]))
        #expect(warned.problems.map(\.severity) == [.warning])
    }

    @Test("parse(String) reads the same as parse(bytes)")
    func stringInput() {
        let text = "BEGIN:VCALENDAR\r\nSUMMARY:Zürich\r\nEND:VCALENDAR\r\n"
        #expect(ICalParser().parse(text) == ICalParser().parse(Array(text.utf8)))
    }

    // MARK: Properties

    @Test("arbitrary bytes never crash the parser, and every problem names a line inside the input")
    func arbitraryBytes() async {
        // Bytes drawn mostly from the characters that matter to the grammar.
        let alphabet: [UInt8] = Array("BEGIN:VCALENDAREVT;=\",:\\^nTZID\r\n \t".utf8) + [0x00, 0xC3, 0xA9, 0xEF, 0xBB, 0xBF, 0xFF]
        let byte = Gen.int(in: 0...(alphabet.count - 1)).map { alphabet[$0] }
        await propertyCheck(count: 300, input: byte.array(of: 0...200)) { bytes in
            let document = ICalParser().parse(bytes)
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
            for problem in document.allProblems {
                if let line = problem.line {
                    #expect((1...lines).contains(line), "\(problem)")
                }
            }
            _ = JCalEncoder().encode(document)
        }
    }

    @Test("reading the same lines with any mix of line endings gives the same document")
    func lineEndingsProperty() async {
        let choices = [
            "BEGIN:VEVENT", "END:VEVENT", "SUMMARY:a;b,c", " folded", "\tfolded", "X-Y;P=\"q:r\":v", "BROKEN",
        ]
        let endings = ["\r\n", "\n", "\r"]
        let line = Gen.int(in: 0...(choices.count - 1)).map { choices[$0] }
        let ending = Gen.int(in: 0...2).map { endings[$0] }
        await propertyCheck(count: 200, input: line.array(of: 0...30), ending.array(of: 30...30)) { lines, endings in
            let reference = ICalParser().parse(ICS.bytes(["BEGIN:VCALENDAR"] + lines + ["END:VCALENDAR"]))
            var mixed = Array("BEGIN:VCALENDAR\r\n".utf8)
            for (index, text) in lines.enumerated() { mixed += Array((text + endings[index]).utf8) }
            mixed += Array("END:VCALENDAR\n".utf8)
            #expect(ICalParser().parse(mixed) == reference)
        }
    }
}
