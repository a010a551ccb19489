/// A wall-clock date and time with no zone attached: "09:00 on 2026-03-08" as a person reads it
/// off a clock in some place. Turning it into an instant needs a ``ZoneRules``.
///
/// Comparison and arithmetic treat the value as if every day had 24 hours, which is exactly what
/// RFC 5545 recurrence wants: rules step in local wall-clock time and only the final instances
/// are resolved against the zone.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Validates every field; a leap second (`:60`) is read as `:59`, as RFC 5545 allows.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        guard let date = LocalDate(year: year, month: month, day: day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        self.init(date: date, hour: hour, minute: minute, second: min(second, 59))
    }

    /// Seconds since 1970-01-01T00:00:00 of the same wall clock, as if the zone were UTC.
    public var secondsSinceEpoch: Int64 {
        Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public init(secondsSinceEpoch s: Int64) {
        var days = s / 86_400
        var rest = s % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let r = Int(rest)
        self.init(date: LocalDate(daysSinceEpoch: Int(days)), hour: r / 3600, minute: (r / 60) % 60, second: r % 60)
    }

    public func adding(seconds: Int64) -> LocalDateTime {
        LocalDateTime(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// ISO 8601 basic format, `YYYYMMDDTHHMMSS`, as iCalendar writes date-times.
    public var basicFormat: String {
        date.basicFormat + "T" + Padding.twoDigits(hour) + Padding.twoDigits(minute) + Padding.twoDigits(second)
    }

    /// `YYYY-MM-DDTHH:MM:SS`, with no offset.
    public var description: String {
        date.description + "T" + Padding.twoDigits(hour) + ":" + Padding.twoDigits(minute) + ":"
            + Padding.twoDigits(second)
    }
}
