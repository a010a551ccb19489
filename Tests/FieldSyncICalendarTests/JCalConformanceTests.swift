import FieldSyncICalendar
import Foundation
import Testing

/// ical.js ships the jCal (RFC 7265) it expects for each of its parser fixtures; ours must be the
/// same JSON. Compared as decoded values, never as strings: key order is not stable on Linux.
@Suite("jCal output matches ical.js's expected parses")
struct JCalConformanceTests {
    /// Every `test/parser/*.ics` that has a `.json` twin.
    static let pairs: [String] = Fixtures.files(under: Corpus.icaljs("test/parser"), withExtension: "json")
        .map { String($0.dropLast(".json".count)) }

    @Test("the corpus holds all 21 ical.js parser fixtures with expected jCal")
    func allPairsPresent() throws {
        #expect(Self.pairs.count == 21)
        for base in Self.pairs {
            _ = try Fixtures.bytes(base + ".ics")
        }
    }

    @Test("JCalEncoder output equals ical.js's expected jCal", arguments: pairs)
    func matchesExpected(_ base: String) throws {
        let document = ICalParser().parse(try Fixtures.bytes(base + ".ics"))
        #expect(document.allProblems.filter { $0.severity == .error }.isEmpty, "\(document.allProblems)")
        let ours = try JSONTree(encoding: JCalEncoder().encode(document))
        let expected = try JSONTree(json: Data(try Fixtures.bytes(base + ".json")))
        if ours != expected {
            Issue.record(
                """
                \(base).ics differs from the expected jCal at \(ours.firstDifference(from: expected) ?? "?")
                ours:     \(ours)
                expected: \(expected)
                """)
        }
    }

    @Test("a parameter is an array in jCal only when it holds several values")
    func parameterArrays() throws {
        let document = ICalParser().parse(
            ICS.calendar([
                #"ATTENDEE;CN=Doe, Jane;MEMBER="mailto:a@x.org","mailto:b@x.org":mailto:jane@example.com"#,
                #"ATTENDEE;DELEGATED-TO="mailto:c@x.org":mailto:d@x.org"#,
            ]))
        let ours = try JSONTree(encoding: JCalEncoder().encode(document))
        let expected = try JSONTree(
            json: Data(
                #"""
                ["vcalendar", [
                  ["version", {}, "text", "2.0"],
                  ["attendee", {"cn": "Doe, Jane", "member": ["mailto:a@x.org", "mailto:b@x.org"]}, "cal-address", "mailto:jane@example.com"],
                  ["attendee", {"delegated-to": "mailto:c@x.org"}, "cal-address", "mailto:d@x.org"]
                ], []]
                """#.utf8))
        #expect(ours == expected, "\(ours)")
    }

    @Test("a date-like value without a time part is a date, Google's stray Z included")
    func dateDetection() throws {
        let document = ICalParser().parse(ICS.calendar(["RDATE:20131210Z", "EXDATE:20131210T100000Z", "DTSTART:20131210"]))
        let ours = try JSONTree(encoding: JCalEncoder().encode(document))
        let expected = try JSONTree(
            json: Data(
                #"""
                ["vcalendar", [
                  ["version", {}, "text", "2.0"],
                  ["rdate", {}, "date", "2013-12-10"],
                  ["exdate", {}, "date-time", "2013-12-10T10:00:00Z"],
                  ["dtstart", {}, "date", "2013-12-10"]
                ], []]
                """#.utf8))
        #expect(ours == expected, "\(ours)")
    }

    @Test("the comparison itself tells numbers, booleans and key order apart correctly")
    func treeComparison() throws {
        let a = try JSONTree(json: Data(#"{"a": [1, 10.10, true], "b": "x"}"#.utf8))
        let b = try JSONTree(json: Data(#"{"b": "x", "a": [1.0, 10.1, true]}"#.utf8))
        let c = try JSONTree(json: Data(#"{"b": "x", "a": [1, 10.1, 1]}"#.utf8))
        #expect(a == b)
        #expect(a != c)
        #expect(a.firstDifference(from: c) == "$.a[2]")
    }
}

/// A decoded JSON value that compares numbers numerically and objects regardless of key order.
enum JSONTree: Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONTree])
    case object([String: JSONTree])

    init(json data: Data) throws {
        self.init(any: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    init(encoding value: some Encodable) throws {
        try self.init(json: try JSONEncoder().encode(value))
    }

    private init(any: Any) {
        switch any {
        case let n as NSNumber:
            // Foundation decodes `true`/`false` as NSNumber too; their type code is `c`.
            if String(cString: n.objCType) == "c" {
                self = .bool(n.boolValue)
            } else {
                self = .number(n.doubleValue)
            }
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONTree.init(any:)))
        case let o as [String: Any]: self = .object(o.mapValues(JSONTree.init(any:)))
        default: self = .null
        }
    }

    /// A JSONPath-like location of the first difference, or nil when equal.
    func firstDifference(from other: JSONTree, at path: String = "$") -> String? {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            for (i, (x, y)) in zip(a, b).enumerated() {
                if let d = x.firstDifference(from: y, at: "\(path)[\(i)]") { return d }
            }
            return a.count == b.count ? nil : "\(path) (length \(a.count) vs \(b.count))"
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                guard let x = a[key], let y = b[key] else { return "\(path).\(key) (present on one side only)" }
                if let d = x.firstDifference(from: y, at: "\(path).\(key)") { return d }
            }
            return nil
        default:
            return self == other ? nil : path
        }
    }

    var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): String(b)
        case .null: "null"
        case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o):
            "{" + o.keys.sorted().map { "\"\($0)\": \(o[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }
}
