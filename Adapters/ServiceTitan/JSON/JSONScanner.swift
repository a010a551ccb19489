/// Finds where JSON values begin and end in a byte buffer, without building them.
///
/// Used to cut a response's `data` array into its elements exactly as the server sent them, so
/// that a record that cannot be read can be kept verbatim as a reject. It checks structure
/// (balanced brackets, terminated strings, separators), which is what a truncated body breaks;
/// each element is then decoded on its own, which checks the rest.
struct JSONScanner {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private(set) var index: Int
    private let end: Int
    /// Deeper nesting than this is refused rather than risking the stack.
    private static let maximumDepth = 512

    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.index = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    var isAtEnd: Bool { index >= end }

    mutating func skipWhitespace() {
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    /// Consumes `byte` (after whitespace) or throws.
    mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard index < end, bytes[index] == byte else { throw Malformed() }
        index += 1
    }

    /// Consumes `byte` (after whitespace) when it comes next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The first byte of the next value, after whitespace.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < end ? bytes[index] : nil
    }

    /// Skips one value and returns where it was.
    mutating func scanValue(depth: Int = 0) throws -> Range<Int> {
        skipWhitespace()
        guard index < end, depth < Self.maximumDepth else { throw Malformed() }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            if !consume(UInt8(ascii: "}")) {
                repeat {
                    skipWhitespace()
                    _ = try scanString()
                    try expect(UInt8(ascii: ":"))
                    _ = try scanValue(depth: depth + 1)
                } while consume(UInt8(ascii: ","))
                try expect(UInt8(ascii: "}"))
            }
        case UInt8(ascii: "["):
            index += 1
            if !consume(UInt8(ascii: "]")) {
                repeat { _ = try scanValue(depth: depth + 1) } while consume(UInt8(ascii: ","))
                try expect(UInt8(ascii: "]"))
            }
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "t"): try scanLiteral("true")
        case UInt8(ascii: "f"): try scanLiteral("false")
        case UInt8(ascii: "n"): try scanLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            index += 1
            while index < end, Self.isNumberByte(bytes[index]) { index += 1 }
        default:
            throw Malformed()
        }
        return start..<index
    }

    /// Skips one string (the index must be on its opening quote) and returns it with its quotes.
    mutating func scanString() throws -> Range<Int> {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw Malformed() }
        let start = index
        index += 1
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return start..<index
            case UInt8(ascii: "\\"):
                index += 2
            case 0x00..<0x20:
                throw Malformed()  // raw control characters are not allowed in JSON strings
            default:
                index += 1
            }
        }
        throw Malformed()
    }

    private mutating func scanLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { throw Malformed() }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] { throw Malformed() }
        index += count
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }
}
