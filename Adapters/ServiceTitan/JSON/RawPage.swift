import Foundation

/// A ServiceTitan response body cut into its top-level members, with the elements of `data`
/// kept as raw records.
///
/// Building one validates the body's structure: a truncated or otherwise broken body throws
/// ``JSONScanner/Malformed``, and the client asks again.
struct RawPage: Sendable {
    /// `data[]`, one raw record per element.
    let records: [RawRecord]
    private let bytes: [UInt8]
    private let members: [String: Range<Int>]

    init(body: [UInt8]) throws {
        var scanner = JSONScanner(body)
        try scanner.expect(UInt8(ascii: "{"))
        var members: [String: Range<Int>] = [:]
        if !scanner.consume(UInt8(ascii: "}")) {
            repeat {
                scanner.skipWhitespace()
                let key = try scanner.scanString()
                try scanner.expect(UInt8(ascii: ":"))
                let value = try scanner.scanValue()
                members[try Self.decodeKey(body, key)] = value
            } while scanner.consume(UInt8(ascii: ","))
            try scanner.expect(UInt8(ascii: "}"))
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd, let data = members["data"] else { throw JSONScanner.Malformed() }

        var elements = JSONScanner(body, range: data)
        try elements.expect(UInt8(ascii: "["))
        var records: [RawRecord] = []
        if !elements.consume(UInt8(ascii: "]")) {
            repeat {
                let element = try elements.scanValue()
                records.append(RawRecord(bytes: Data(body[element])))
            } while elements.consume(UInt8(ascii: ","))
            try elements.expect(UInt8(ascii: "]"))
        }
        self.records = records
        self.bytes = body
        self.members = members
    }

    /// A top-level boolean member; nil when missing or not a boolean.
    func bool(_ key: String) -> Bool? {
        switch text(key) {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// A top-level integer member; nil when missing, null or not an integer.
    func int(_ key: String) -> Int? { text(key).flatMap { Int($0) } }

    /// A top-level string member; nil when missing, null or not a string.
    func string(_ key: String) -> String? {
        guard let range = members[key], bytes[range.lowerBound] == UInt8(ascii: "\"") else { return nil }
        return try? JSONDecoder().decode(String.self, from: Data(bytes[range]))
    }

    private func text(_ key: String) -> String? {
        members[key].map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    private static func decodeKey(_ body: [UInt8], _ range: Range<Int>) throws -> String {
        let inner = body[(range.lowerBound + 1)..<(range.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return try JSONDecoder().decode(String.self, from: Data(body[range]))
    }
}
