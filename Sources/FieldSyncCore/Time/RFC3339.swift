import Foundation

/// Reading and writing RFC 3339 timestamps, the only time format fieldsync prints or accepts.
public enum RFC3339 {
    /// `2019-03-31T03:00:00+02:00`: a wall-clock time with the offset in force there.
    ///
    /// RFC 3339 offsets have no seconds; an offset with seconds (local mean time, before time
    /// zones were standardised) is rounded to the minute and the wall-clock time moved with it,
    /// so the string still names the right instant.
    public static func string(local: LocalDateTime, utcOffset: Int) -> String {
        guard utcOffset % 60 != 0 else {
            return local.description + UTCOffsetFormat.string(utcOffset)
        }
        let rounded = Int((Double(utcOffset) / 60).rounded()) * 60
        let shifted = local.adding(seconds: Int64(rounded - utcOffset))
        return shifted.description + UTCOffsetFormat.string(rounded)
    }

    /// `2026-11-22T15:00:00Z`.
    public static func string(utc instant: Int64) -> String {
        LocalDateTime(secondsSinceEpoch: instant).description + "Z"
    }

    /// `2026-11-22T15:00:00Z`.
    public static func string(_ date: Date) -> String {
        string(utc: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// Parses `2026-11-22T15:00:00Z`, `2026-11-22T10:00:00-05:00`, `2026-11-22 15:00:00.250Z`
    /// (fractions are dropped) and, as a convenience for operators, a bare `2026-11-22`
    /// (midnight UTC). Returns seconds since the epoch, or nil for anything else.
    public static func parseInstant(_ text: some StringProtocol) -> Int64? {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? { ASCIIDigits.value(b, at: start, count: count) }
        guard let year = digits(0, 4), b.count >= 10, b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        if b.count == 10 {
            return LocalDateTime(date: date).secondsSinceEpoch
        }
        guard b.count >= 20, b[10] == 84 || b[10] == 116 || b[10] == 32,
              let hour = digits(11, 2), b[13] == 58, let minute = digits(14, 2), b[16] == 58,
              let second = digits(17, 2),
              let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        var i = 19
        if b[i] == 46 {  // fraction
            i += 1
            let fractionStart = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > fractionStart else { return nil }
        }
        guard i < b.count else { return nil }
        if (b[i] == 90 || b[i] == 122), i == b.count - 1 {
            return local.secondsSinceEpoch
        }
        guard b[i] == 43 || b[i] == 45, b.count == i + 6, let oh = digits(i + 1, 2), b[i + 3] == 58,
              let om = digits(i + 4, 2), oh <= 23, om <= 59
        else { return nil }
        let offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
        return local.secondsSinceEpoch - Int64(offset)
    }

    /// As ``parseInstant(_:)``, as a `Date`.
    public static func parseDate(_ text: some StringProtocol) -> Date? {
        parseInstant(text).map { Date(timeIntervalSince1970: Double($0)) }
    }
}
