/// Finds where the members of a JSON object and the elements of a JSON array begin and end,
/// without building any values.
///
/// Housecall Pro answers a list as one object holding an array (`{"page":1,…,"jobs":[…]}`).
/// Splitting that array into the raw text of each element lets every record be decoded on its
/// own, so one bad record cannot sink its page, and a rejected record keeps its text exactly as
/// received. The scanner checks the structure a truncated body breaks (unterminated strings,
/// unclosed containers, a missing closing brace); the contents of each element are checked
/// when the element itself is decoded.
struct JSONListScanner {
    /// Why the bytes are not a complete JSON object.
    struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        var offset: Int
        var reason: String
        var description: String { "\(reason) at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The top-level object's members, each with the byte range of its value.
    static func members(of bytes: [UInt8]) throws(Failure) -> [(name: String, value: Range<Int>)] {
        var scanner = JSONListScanner(bytes)
        return try scanner.scanTopLevelObject()
    }

    /// The byte ranges of the elements of the array at `range` (which must hold an array).
    static func elements(of range: Range<Int>, in bytes: [UInt8]) throws(Failure) -> [Range<Int>] {
        var scanner = JSONListScanner(bytes)
        scanner.i = range.lowerBound
        return try scanner.scanArrayElements(endingBy: range.upperBound)
    }

    private mutating func scanTopLevelObject() throws(Failure) -> [(name: String, value: Range<Int>)] {
        skipBOMAndWhitespace()
        guard peek == UInt8(ascii: "{") else { throw fail("the answer is not a JSON object") }
        i += 1
        var members: [(name: String, value: Range<Int>)] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipWhitespace()
                guard peek == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let name = try scanString()
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after a member name") }
                i += 1
                skipWhitespace()
                let value = try scanValue()
                members.append((Self.text(ofString: name, in: bytes), value))
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    i += 1
                } else if peek == UInt8(ascii: "}") {
                    i += 1
                    break
                } else {
                    throw fail(i >= bytes.count ? "the answer ends before its closing brace (truncated?)" : "expected ',' or '}'")
                }
            }
        }
        skipWhitespace()
        guard i == bytes.count else { throw fail("unexpected text after the answer's closing brace") }
        return members
    }

    private mutating func scanArrayElements(endingBy end: Int) throws(Failure) -> [Range<Int>] {
        skipWhitespace()
        guard peek == UInt8(ascii: "[") else { throw fail("expected an array") }
        i += 1
        var elements: [Range<Int>] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { return elements }
        while i < end {
            skipWhitespace()
            elements.append(try scanValue())
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                i += 1
            } else if peek == UInt8(ascii: "]") {
                return elements
            } else {
                throw fail("expected ',' or ']' between elements")
            }
        }
        throw fail("the array ends early (truncated?)")
    }

    /// Skips one value of any kind and returns its range.
    private mutating func scanValue() throws(Failure) -> Range<Int> {
        let start = i
        guard let first = peek else { throw fail("the answer ends where a value should be (truncated?)") }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while let c = peek {
                switch c {
                case UInt8(ascii: "\""):
                    _ = try scanString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return start..<i
                    }
                default:
                    break
                }
                i += 1
            }
            throw fail("an object or array is not closed (truncated?)")
        case UInt8(ascii: "\""):
            return try scanString()
        default:
            while let c = peek, !Self.endsScalar(c) { i += 1 }
            guard i > start else { throw fail("expected a value") }
            return start..<i
        }
    }

    /// Skips a string (the opening quote at `i`) and returns its range, quotes included.
    private mutating func scanString() throws(Failure) -> Range<Int> {
        let start = i
        i += 1
        while let c = peek {
            if c == UInt8(ascii: "\\") {
                i += 2
            } else if c == UInt8(ascii: "\"") {
                i += 1
                return start..<i
            } else {
                i += 1
            }
        }
        i = min(i, bytes.count)
        throw fail("a string is not closed (truncated?)")
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipWhitespace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
    }

    private mutating func skipBOMAndWhitespace() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        skipWhitespace()
    }

    private func fail(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

    private static func endsScalar(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x09
            || c == 0x0A || c == 0x0D
    }

    /// A member name's text. Names with escapes are rare; they are unescaped simply (`\"`, `\\`,
    /// `\/`), which is enough to compare them with the plain names Housecall Pro uses.
    private static func text(ofString range: Range<Int>, in bytes: [UInt8]) -> String {
        let inner = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        var out: [UInt8] = []
        var escaped = false
        for c in inner {
            if escaped {
                out.append(c)
                escaped = false
            } else if c == UInt8(ascii: "\\") {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
