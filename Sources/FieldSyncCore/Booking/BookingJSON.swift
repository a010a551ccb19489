import Foundation

/// A JSON value a booking writer sends, with its members in the order written, so that a planned
/// body reads the same every time (Foundation's encoder does not keep key order on Linux).
///
/// ```swift
/// let body: BookingJSON = .object([
///     ("customerId", .placeholder("customer id from step 1")), ("priority", "High"),
/// ])
/// body.text   // {"customerId":"<customer id from step 1>","priority":"High"}
/// ```
public indirect enum BookingJSON: Sendable, Hashable, ExpressibleByStringLiteral {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case array([BookingJSON])
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: BookingJSON
        public init(_ key: String, _ value: BookingJSON) {
            self.key = key
            self.value = value
        }
    }

    public init(stringLiteral value: String) { self = .string(value) }

    /// An object from `(key, value)` pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, BookingJSON>) -> BookingJSON {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// A string, or `null` when nil.
    public static func string(orNull value: String?) -> BookingJSON { value.map(BookingJSON.string) ?? .null }

    /// A value not known until an earlier request was sent, written `"<what>"`.
    public static func placeholder(_ what: String) -> BookingJSON { .string("<\(what)>") }

    /// An id: a number when it is one (ServiceTitan's ids), else text.
    public static func id(_ text: String) -> BookingJSON {
        Int64(text).map(BookingJSON.integer) ?? .string(text)
    }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    /// The UTF-8 bytes of ``text``.
    public var bytes: [UInt8] { Array(text.utf8) }

    private func write(into out: inout String) {
        switch self {
        case .string(let s): Self.writeString(s, into: &out)
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(member.key, into: &out)
                out += ":"
                member.value.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        JSONText.appendString(s, to: &out)
    }
}
