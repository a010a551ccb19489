/// Reads one unfolded content line: `name *(";" param) ":" value` (RFC 5545 §3.1).
enum ContentLineReader {
    struct Failure: Error {
        var message: String
        var line: Int
        /// The property name, when it was read before the problem.
        var property: String? = nil
        /// The line's first word, when the line is not a content line at all.
        var leadingWord: String? = nil
    }

    static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        isAlphanumeric(c) || c == 0x2D || c == 0x5F  // '-' and, leniently, '_'
    }

    static func read(_ b: UnsafeBufferPointer<UInt8>, line: Int) -> Result<ICalProperty, Failure> {
        let n = b.count
        var i = 0
        // Name, with an optional group prefix (`item1.X-ABLABEL`).
        var group: String?
        var nameStart = 0
        while i < n, isNameByte(b[i]) || b[i] == 0x2E {
            if b[i] == 0x2E {
                group = decode(b, nameStart..<i).text
                nameStart = i + 1
            }
            i += 1
        }
        let name = asciiUppercased(b, nameStart..<i)
        guard i < n, b[i] == 0x3A || b[i] == 0x3B else {
            // Name what the line seemed to be, so a reader can tell a broken DTSTART from a
            // broken X-APPLE-RADIUS.
            // Only a name followed by '=' or nothing is taken for a property name; `Jane Jones`
            // is stray text whose first word is kept apart (see ``ICalProblem/leadingWord``).
            let seeming = !name.isEmpty && (i == n || b[i] == 0x3D) ? name : nil
            let leadingWord = name.isEmpty ? nil : name
            // Enough of the line for `Quoted` to show 60 characters and mark the cut with "…",
            // without decoding a megabyte of base64, and without cutting a UTF-8 character in two.
            var previewEnd = min(n, 400)
            while previewEnd < n, previewEnd > 0, b[previewEnd] & 0xC0 == 0x80 { previewEnd -= 1 }
            let text = decode(b, 0..<previewEnd).text
            if !b.contains(0x3A) {
                return .failure(
                    Failure(
                        message: "\(Quoted(text)) is not a content line: no ':' before the value", line: line, property: seeming,
                        leadingWord: leadingWord))
            }
            // The whole character, when it is a multi-byte UTF-8 one (`SUMMÄRY`).
            var badEnd = i + 1
            if b[i] >= 0xC0 {
                while badEnd < n, badEnd < i + 4, b[badEnd] & 0xC0 == 0x80 { badEnd += 1 }
            }
            let bad = decode(b, i..<badEnd).text
            return .failure(
                Failure(
                    message: "invalid character \(Quoted(bad)) in the property name of \(Quoted(text))", line: line,
                    property: seeming, leadingWord: leadingWord))
        }
        guard !name.isEmpty else {
            return .failure(Failure(message: "content line has no property name", line: line))
        }
        var parameters: [ICalParameter] = []
        while i < n, b[i] == 0x3B {  // ';'
            i += 1
            let paramStart = i
            while i < n, isNameByte(b[i]) { i += 1 }
            let paramName = asciiUppercased(b, paramStart..<i)
            guard !paramName.isEmpty else {
                return .failure(Failure(message: "empty parameter name in \(name) (';' followed by \(nextDescription(b, i)))", line: line, property: name))
            }
            guard i < n, b[i] == 0x3D else {  // '='
                return .failure(
                    Failure(message: "parameter \(paramName) in \(name) has no '=' (found \(nextDescription(b, i)))", line: line, property: name))
            }
            i += 1
            var values: [String] = []
            while true {
                if i < n, b[i] == 0x22 {  // quoted
                    let start = i + 1
                    var end = start
                    while end < n, b[end] != 0x22 { end += 1 }
                    guard end < n else {
                        return .failure(Failure(message: "unterminated quoted value of parameter \(paramName) in \(name)", line: line, property: name))
                    }
                    values.append(caretDecoded(decode(b, start..<end).text))
                    i = end + 1
                } else {
                    let (text, end) = unquotedValue(
                        b, from: i, stop: paramName == "TZID" ? tzidEnd(b, from: i) : nil,
                        splitsOnComma: ICalParameter.listParameters.contains(paramName))
                    values.append(caretDecoded(text))
                    i = end
                }
                if i < n, b[i] == 0x2C {  // ',' another value
                    i += 1
                    continue
                }
                break
            }
            parameters.append(ICalParameter(name: paramName, values: values))
            guard i < n else {
                return .failure(
                    Failure(
                        message: "\(name) has no ':' before its value (the line ends after parameter \(paramName))", line: line,
                        property: name))
            }
            guard b[i] == 0x3B || b[i] == 0x3A else {
                return .failure(
                    Failure(message: "unexpected \(nextDescription(b, i)) after parameter \(paramName) in \(name)", line: line, property: name))
            }
        }
        guard i < n, b[i] == 0x3A else {
            return .failure(Failure(message: "\(name) has no ':' before its value", line: line, property: name))
        }
        let value = decode(b, (i + 1)..<n)
        return .success(ICalProperty(name: name, group: group, parameters: parameters, rawValue: value.text, line: line))
    }

    /// Reads an unquoted parameter value from `start`: up to the next ';' or ':' (or `stop`, for
    /// a TZID with colons in it), and for the list parameters up to the next ','. Returns the
    /// value and the index of the byte that ended it.
    ///
    /// Producers that escape parameter values like TEXT write `CN=Doe\, Jane` and
    /// `CN=Society\; 2014`: a backslash before ',' ';' or '\' is read as an escape, since RFC 5545
    /// gives those pairs no other sensible reading. `\:` is not: ':' always ends an unquoted
    /// value (RFC 5545 §3.1, and what ical.js does with `CN=X\:mailto:x@example.org`).
    private static func unquotedValue(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int, stop: Int?, splitsOnComma: Bool
    ) -> (text: String, end: Int) {
        let n = b.count
        var i = start
        var unescaped: [UInt8]?  // only built once an escape is met
        while i < n {
            let c = b[i]
            if let stop {
                if i == stop || c == 0x3B { break }
            } else if c == 0x3B || c == 0x3A || (splitsOnComma && c == 0x2C) {
                break
            }
            if c == 0x5C, i + 1 < n, i + 1 != stop, b[i + 1] == 0x3B || b[i + 1] == 0x2C || b[i + 1] == 0x5C {
                if unescaped == nil { unescaped = Array(b[start..<i]) }
                unescaped!.append(b[i + 1])
                i += 2
                continue
            }
            unescaped?.append(c)
            i += 1
        }
        guard let unescaped else { return (decode(b, start..<i).text, i) }
        let text = unescaped.withUnsafeBufferPointer { decode($0, 0..<$0.count).text }
        return (text, i)
    }

    /// Where an unquoted TZID value ends when producers put colons in it (`TZID=GMT+05:30:2012…`):
    /// at the last ':' of the line, provided what follows it looks like date-times, or at a ';'
    /// before it (`TZID=GMT+05:30;VALUE=DATE-TIME:2012…`). Nil when the usual rule (stop at the
    /// first ':') applies.
    private static func tzidEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var colons: [Int] = []
        var j = start
        while j < b.count {
            if b[j] == 0x3A { colons.append(j) }
            j += 1
        }
        guard colons.count > 1, let last = colons.last else { return nil }
        // After the last colon, a date-time (or list, or period): eight digits of a date first
        // (so `X-NOTE;TZID=Europe/Paris:meet at 10:30` keeps the usual rule), then only
        // date/time/period characters.
        guard last + 8 < b.count, (last + 1...last + 8).allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) else { return nil }
        for k in (last + 1)..<b.count {
            let c = b[k]
            let ok = (c >= 0x30 && c <= 0x39) || c == 0x54 || c == 0x5A || c == 0x74 || c == 0x7A || c == 0x2F
                || c == 0x2C || c == 0x50 || c == 0x57 || c == 0x44 || c == 0x48 || c == 0x4D || c == 0x53 || c == 0x2B
                || c == 0x2D
            if !ok { return nil }
        }
        return last
    }

    private static func nextDescription(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
        i < b.count ? "\(Quoted(decode(b, i..<(i + 1)).text))" : "the end of the line"
    }

    /// RFC 6868: `^n` newline, `^'` double quote, `^^` caret.
    private static func caretDecoded(_ s: String) -> String {
        guard s.contains("^") else { return s }
        var out = ""
        var pendingCaret = false
        for c in s {
            if pendingCaret {
                switch c {
                case "n", "N": out.append("\n")
                case "'": out.append("\"")
                case "^": out.append("^")
                default:
                    out.append("^")
                    out.append(c)
                }
                pendingCaret = false
            } else if c == "^" {
                pendingCaret = true
            } else {
                out.append(c)
            }
        }
        if pendingCaret { out.append("^") }
        return out
    }

    /// Names are ASCII letters, digits, '-' and '_' (the scanner stops at anything else), so
    /// they are uppercased byte by byte, without Unicode case mapping.
    static func asciiUppercased(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            for (k, i) in range.enumerated() {
                let c = b[i]
                out[k] = c >= 0x61 && c <= 0x7A ? c - 0x20 : c
            }
            return range.count
        }
    }

    /// UTF-8 when valid; otherwise each byte as a Latin-1 character, so nothing is lost.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (text: String, wasUTF8: Bool) {
        let slice = UnsafeBufferPointer(rebasing: b[range])
        if let s = String(validating: slice, as: UTF8.self) { return (s, true) }
        var scalars = String.UnicodeScalarView()
        for byte in slice { scalars.append(Unicode.Scalar(byte)) }
        return (String(scalars), false)
    }
}
