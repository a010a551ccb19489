/// Reads iCalendar (RFC 5545) streams as they are found in the wild.
///
/// Parsing never fails as a whole: every line that can be read is kept, and every problem is
/// recorded with its line number, on the component it happened in (so one broken VEVENT can be
/// quarantined and the rest of the feed used) or on the document. ``parseStrict(_:)`` turns the
/// first error into a thrown ``ICalendarError`` for callers that want all or nothing.
///
/// ```swift
/// let document = ICalParser().parse(Array(data))
/// for problem in document.allProblems { print(problem) }   // "line 12: END:VTODO has no matching BEGIN"
/// ```
public struct ICalParser: Sendable {
    public init() {}

    /// Parses UTF-8 (or, line by line where UTF-8 fails, Latin-1) bytes.
    public func parse(_ bytes: [UInt8]) -> ICalDocument {
        var builder = TreeBuilder()
        let scanner = ContentLineScanner(bytes)
        scanner.buffer.withUnsafeBufferPointer { buffer in
            for line in scanner.lines {
                let slice = UnsafeBufferPointer(rebasing: buffer[line.range])
                switch ContentLineReader.read(slice, line: line.lineNumber) {
                case .success(let property):
                    builder.add(property)
                case .failure(let failure):
                    builder.addUnreadable(failure)
                }
            }
        }
        return builder.finish(lastLine: scanner.lines.last?.lineNumber ?? 0)
    }

    public func parse(_ text: String) -> ICalDocument {
        parse(Array(text.utf8))
    }

    /// Parses, throwing the first error anywhere in the stream instead of recovering from it.
    public func parseStrict(_ bytes: [UInt8]) throws(ICalendarError) -> ICalDocument {
        let document = parse(bytes)
        if let first = document.allProblems.first(where: { $0.severity == .error }) {
            throw ICalendarError(.syntax, first.message, line: first.line)
        }
        return document
    }
}

/// Builds the component tree from content lines, recovering from structural mistakes.
private struct TreeBuilder {
    private var stack: [ICalComponent] = []
    private var roots: [ICalComponent] = []
    private var problems: [ICalProblem] = []
    private var sawContent = false

    mutating func add(_ property: ICalProperty) {
        sawContent = true
        switch property.name {
        case "BEGIN":
            let name = property.rawValue.uppercased()
            var component = ICalComponent(name: name, line: property.line)
            if !ComponentName.isValid(name) {
                component.problems.append(
                    ICalProblem(.error, "invalid component name \(Quoted(property.rawValue)) in BEGIN", line: property.line)
                )
            }
            stack.append(component)
        case "END":
            end(property.rawValue.uppercased(), line: property.line)
        default:
            if stack.isEmpty {
                problems.append(
                    ICalProblem(
                        .warning, "\(property.name) is outside any component (no BEGIN before it); ignored",
                        line: property.line)
                )
            } else {
                stack[stack.count - 1].properties.append(property)
            }
        }
    }

    mutating func addUnreadable(_ failure: ContentLineReader.Failure) {
        sawContent = true
        var problem = ICalProblem(.error, failure.message, line: failure.line, property: failure.property)
        problem.leadingWord = failure.leadingWord
        if stack.isEmpty {
            problems.append(problem)
        } else {
            stack[stack.count - 1].problems.append(problem)
        }
    }

    private mutating func end(_ name: String, line: Int) {
        guard let index = stack.lastIndex(where: { $0.name == name }) else {
            let problem = ICalProblem(.error, "END:\(ComponentName.shown(name)) has no matching BEGIN:\(ComponentName.shown(name))", line: line)
            if stack.isEmpty { problems.append(problem) } else { stack[stack.count - 1].problems.append(problem) }
            return
        }
        // Components opened after the one being closed were never closed themselves.
        while stack.count - 1 > index {
            var unclosed = stack.removeLast()
            unclosed.problems.append(
                ICalProblem(
                    .error,
                    "BEGIN:\(ComponentName.shown(unclosed.name)) (line \(unclosed.line)) is never closed; END:\(ComponentName.shown(name)) closes its parent",
                    line: line)
            )
            attach(unclosed)
        }
        var closed = stack.removeLast()
        closed.endLine = line
        attach(closed)
    }

    private mutating func attach(_ component: ICalComponent) {
        if stack.isEmpty {
            roots.append(component)
        } else {
            stack[stack.count - 1].components.append(component)
        }
    }

    mutating func finish(lastLine: Int) -> ICalDocument {
        while var unclosed = stack.popLast() {
            unclosed.problems.append(
                ICalProblem(
                    .error,
                    "BEGIN:\(ComponentName.shown(unclosed.name)) (line \(unclosed.line)) is never closed: the file ends first (truncated?)",
                    line: lastLine)
            )
            attach(unclosed)
        }
        if !sawContent {
            problems.append(ICalProblem(.error, "the file is empty", line: nil))
        } else if roots.isEmpty, problems.isEmpty {
            problems.append(ICalProblem(.error, "no BEGIN:VCALENDAR or other component in the file", line: 1))
        }
        return ICalDocument(components: roots, problems: problems)
    }
}

/// Component and property names: IANA tokens and X-names (RFC 5545 §3.1).
enum ComponentName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 == 0x2D || ContentLineReader.isAlphanumeric($0) }
    }

    /// Names are matched uppercased; most callers already pass uppercase, which costs nothing.
    static func uppercased(_ name: String) -> String {
        name.utf8.contains { $0 >= 0x61 && $0 <= 0x7A } ? name.uppercased() : name
    }

    /// The name as it can be shown in a message: quoted, with control characters made visible,
    /// when it is not a valid name (`BEGIN:"\u{0}"`), so a NUL never reaches a log or terminal.
    static func shown(_ name: String) -> String {
        isValid(name) ? name : Quoted(name).description
    }
}

/// A string shown inside a message, with control characters made visible (`"\u{0}"`).
struct Quoted: CustomStringConvertible {
    let text: String
    init(_ text: String) { self.text = text }
    var description: String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        let limit = 60
        if out.count > limit + 1 { out = String(out.prefix(limit)) + "…" }
        return out + "\""
    }
}
