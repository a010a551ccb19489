/// A day on the proleptic Gregorian calendar, with no time of day and no zone: what an
/// iCalendar `DATE` value, a birthday or an all-day event names.
///
/// Arithmetic is done on a day count (days since 1970-01-01), so it is exact and fast; recurrence
/// expansion runs millions of these operations and never touches `Foundation.Calendar`.
///
/// ```swift
/// let d = LocalDate(year: 2024, month: 2, day: 28)!
/// d.adding(days: 1)      // 2024-02-29
/// d.weekday              // .wednesday
/// ```
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist (2023-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the date `days` days after 1970-01-01 (negative before it).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days, valid for the whole Int range we use.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let w = (daysSinceEpoch % 7 + 7 + 3) % 7  // 0 = Monday
        return Weekday(isoNumber: w + 1)!
    }

    /// 1 for January 1st.
    public var dayOfYear: Int {
        daysSinceEpoch - LocalDate(unchecked: year, 1, 1).daysSinceEpoch + 1
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Adds calendar months; returns nil when the day does not exist in the target month
    /// (January 31 + 1 month), which is what RFC 5545 recurrence wants: such instances are skipped.
    public func adding(months: Int) -> LocalDate? {
        let total = year * 12 + (month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        return LocalDate(year: y, month: m, day: day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func daysInYear(_ year: Int) -> Int {
        isLeapYear(year) ? 366 : 365
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO 8601 basic format, `YYYYMMDD`, as iCalendar writes dates.
    public var basicFormat: String {
        Padding.fourDigits(year) + Padding.twoDigits(month) + Padding.twoDigits(day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Padding.fourDigits(year) + "-" + Padding.twoDigits(month) + "-" + Padding.twoDigits(day)
    }
}

/// Zero-padding helpers shared by the formatters in this module.
enum Padding {
    static func twoDigits(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : String(value)
    }

    static func fourDigits(_ value: Int) -> String {
        guard value >= 0 else { return String(value) }
        let s = String(value)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
