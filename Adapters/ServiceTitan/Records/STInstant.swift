import FieldSyncCore
import Foundation

/// A ServiceTitan timestamp with its full precision (ServiceTitan sends up to seven fractional
/// digits), so that `modifiedOn` values compare and round-trip exactly.
///
/// Accepts `2026-11-23T15:00:00Z`, `…15:00:00.1234567Z`, `…15:00:00+00:00`, and a time without
/// any offset, which is read as UTC (the API documents its times as UTC).
struct STInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    var seconds: Int64
    var nanoseconds: Int32

    init(seconds: Int64, nanoseconds: Int32 = 0) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ date: Date) {
        let floor = date.timeIntervalSince1970.rounded(.down)
        seconds = Int64(floor)
        nanoseconds = Int32(min(999_999_999, max(0, ((date.timeIntervalSince1970 - floor) * 1e9).rounded(.down))))
    }

    init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        var utf8 = Array(trimmed.utf8)
        guard utf8.count >= 19 else { return nil }
        var nanos: Int32 = 0
        if utf8.count > 19, utf8[19] == UInt8(ascii: ".") {
            var i = 20
            var digits = 0
            while i < utf8.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[i]) {
                if digits < 9 { nanos = nanos * 10 + Int32(utf8[i] - UInt8(ascii: "0")) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
            if i == utf8.count { utf8.append(UInt8(ascii: "Z")) }
        } else if utf8.count == 19 {
            utf8.append(UInt8(ascii: "Z"))
        }
        guard let seconds = RFC3339.parseInstant(String(decoding: utf8, as: UTF8.self)) else { return nil }
        self.seconds = seconds
        self.nanoseconds = nanos
    }

    var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9) }

    /// RFC 3339 in UTC, with the fraction only as long as it needs to be:
    /// `2026-11-23T15:00:00.1234567Z`.
    var description: String {
        let whole = RFC3339.string(utc: seconds)
        guard nanoseconds > 0 else { return whole }
        var fraction = String(nanoseconds)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return whole.dropLast() + "." + fraction + "Z"
    }

    static func < (lhs: STInstant, rhs: STInstant) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
