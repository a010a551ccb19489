/// A DURATION value (RFC 5545 §3.3.6): `P15DT5H0M20S`, `-PT15M`, `P7W`.
///
/// Weeks and days are *nominal*: added in wall-clock time, so `P1D` from 09:00 is 09:00 the
/// next day even across a DST change. Hours, minutes and seconds are *exact*.
public struct ICalDuration: Hashable, Sendable, CustomStringConvertible {
    /// Nominal days (weeks × 7 + days), signed.
    public var days: Int
    /// Exact seconds, signed.
    public var seconds: Int64

    public init(days: Int = 0, seconds: Int64 = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// A rough length in seconds, treating every day as 24 hours (for sizing windows only).
    public var approximateSeconds: Int64 { Int64(days) * 86_400 + seconds }

    public var isNegative: Bool { approximateSeconds < 0 }

    /// Parses the RFC 5545 form, leniently accepting lowercase letters and a missing `T`-part.
    /// Durations over 100 years are rejected as impractical (and overflow-prone).
    public static func parse(_ text: some StringProtocol, line: Int? = nil) throws(ICalendarError) -> ICalDuration {
        let upper = text.uppercased()
        var chars = Substring(upper)
        var sign = 1
        if chars.first == "+" {
            chars = chars.dropFirst()
        } else if chars.first == "-" {
            sign = -1
            chars = chars.dropFirst()
        }
        guard chars.first == "P" else {
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a duration (expected P…, e.g. PT1H30M)", line: line)
        }
        chars = chars.dropFirst()
        var days = 0
        var seconds: Int64 = 0
        var number = ""
        var inTime = false
        var sawComponent = false
        let limit = 36_600  // days in about 100 years
        for c in chars {
            if c.isASCII, c.isNumber {
                number.append(c)
                guard number.count <= 9 else {
                    throw ICalendarError(.invalidValue, "duration \(Quoted(String(text))) is too large", line: line)
                }
                continue
            }
            if c == "T" {
                guard number.isEmpty, !inTime else {
                    throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a duration: unexpected 'T'", line: line)
                }
                inTime = true
                continue
            }
            guard let value = Int(number) else {
                throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a duration: no number before '\(c)'", line: line)
            }
            number = ""
            sawComponent = true
            switch (c, inTime) {
            case ("W", false): days += value * 7
            case ("D", false): days += value
            case ("H", true), ("H", false): seconds += Int64(value) * 3600
            case ("M", true): seconds += Int64(value) * 60
            case ("S", true), ("S", false): seconds += Int64(value)
            default:
                throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a duration: unexpected '\(c)'", line: line)
            }
            if Int64(days) * 86_400 + seconds > Int64(limit) * 86_400 {
                throw ICalendarError(.invalidValue, "duration \(Quoted(String(text))) is too large (over 100 years)", line: line)
            }
        }
        guard number.isEmpty, sawComponent else {
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a complete duration", line: line)
        }
        return ICalDuration(days: sign * days, seconds: Int64(sign) * seconds)
    }

    /// RFC 5545 form, e.g. `P1DT2H`, `-PT15M`, `PT0S`.
    public var description: String {
        let negative = days < 0 || seconds < 0
        let d = abs(days)
        let s = abs(seconds)
        var out = negative ? "-P" : "P"
        if d > 0 {
            out += d % 7 == 0 && s == 0 ? "\(d / 7)W" : "\(d)D"
        }
        if s > 0 {
            out += "T"
            if s / 3600 > 0 { out += "\(s / 3600)H" }
            if (s / 60) % 60 > 0 { out += "\((s / 60) % 60)M" }
            if s % 60 > 0 { out += "\(s % 60)S" }
        }
        if d == 0 && s == 0 { out += "T0S" }
        return out
    }
}
