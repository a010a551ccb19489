import FieldSyncCore

/// An RRULE (RFC 5545 §3.3.10), with RFC 7529's SKIP for the Gregorian calendar.
///
/// ```swift
/// let rule = try RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6")
/// ```
public struct RecurrenceRule: Hashable, Sendable {
    public enum Frequency: Int, Hashable, Sendable, Comparable, CaseIterable {
        case secondly, minutely, hourly, daily, weekly, monthly, yearly

        public init?(name: some StringProtocol) {
            switch name.uppercased() {
            case "SECONDLY": self = .secondly
            case "MINUTELY": self = .minutely
            case "HOURLY": self = .hourly
            case "DAILY": self = .daily
            case "WEEKLY": self = .weekly
            case "MONTHLY": self = .monthly
            case "YEARLY": self = .yearly
            default: return nil
            }
        }

        public var name: String {
            switch self {
            case .secondly: "SECONDLY"
            case .minutely: "MINUTELY"
            case .hourly: "HOURLY"
            case .daily: "DAILY"
            case .weekly: "WEEKLY"
            case .monthly: "MONTHLY"
            case .yearly: "YEARLY"
            }
        }

        public static func < (lhs: Frequency, rhs: Frequency) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A BYDAY entry: a weekday, optionally the nth (`2MO`) or nth from last (`-1FR`).
    public struct WeekdayOccurrence: Hashable, Sendable {
        public var ordinal: Int?
        public var weekday: Weekday

        public init(ordinal: Int? = nil, weekday: Weekday) {
            self.ordinal = ordinal
            self.weekday = weekday
        }
    }

    /// RFC 7529: what to do with an instance on a day that does not exist (February 30).
    public enum Skip: String, Hashable, Sendable {
        case omit = "OMIT"
        case backward = "BACKWARD"
        case forward = "FORWARD"
    }

    public var frequency: Frequency
    public var interval: Int = 1
    public var count: Int?
    public var until: ICalDateTime?
    public var bySecond: [Int] = []
    public var byMinute: [Int] = []
    public var byHour: [Int] = []
    public var byDay: [WeekdayOccurrence] = []
    public var byMonthDay: [Int] = []
    public var byYearDay: [Int] = []
    public var byWeekNo: [Int] = []
    public var byMonth: [Int] = []
    public var bySetPos: [Int] = []
    public var weekStart: Weekday = .monday
    public var skip: Skip = .omit
    /// Things the parser tolerated and fixed, for the operator (`COUNT=-1 ignored`).
    public var warnings: [String] = []

    public init(frequency: Frequency) {
        self.frequency = frequency
    }
}

extension RecurrenceRule {
    /// Parses the value of an RRULE (or EXRULE) property.
    public static func parse(_ text: String, line: Int? = nil) throws(ICalendarError) -> RecurrenceRule {
        var parts: [(key: String, value: String)] = []
        // Split on bytes: RRULE syntax is ASCII, and Character-based splitting is costly on
        // feeds with thousands of rules.
        for piece in text.utf8.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: true) {
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")) else {
                throw ICalendarError(.invalidValue, "RRULE part \(Quoted(String(Substring(piece)))) has no '='", line: line)
            }
            let key = String(Substring(piece[..<equals]))
            let value = String(Substring(piece[piece.index(after: equals)...]))
            parts.append((ComponentName.uppercased(key.trimmingSpaces), value.trimmingSpaces))
        }
        guard let freqText = parts.last(where: { $0.key == "FREQ" })?.value else {
            throw ICalendarError(.invalidValue, "RRULE \(Quoted(text)) has no FREQ", line: line)
        }
        guard let frequency = Frequency(name: freqText) else {
            throw ICalendarError(
                .invalidValue,
                "RRULE FREQ=\(freqText) is not one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY",
                line: line)
        }
        var rule = RecurrenceRule(frequency: frequency)
        var rawCount: Int?
        var seen = Set<String>()
        for (key, value) in parts {
            if !seen.insert(key).inserted, key != "FREQ" {
                rule.warnings.append("RRULE repeats \(key); the last one is used")
            }
            func fail(_ why: String) -> ICalendarError {
                ICalendarError(.invalidValue, "RRULE \(key)=\(value): \(why)", line: line)
            }
            func integers(_ range: ClosedRange<Int>, allowNegative: Bool) throws(ICalendarError) -> [Int] {
                guard !value.isEmpty else { throw fail("empty list") }
                var out: [Int] = []
                for item in value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                    guard let n = Int(String(Substring(item)).trimmingSpaces), n != 0 || range.contains(0) else {
                        throw fail("\(Quoted(String(Substring(item)))) is not a number in \(range)")
                    }
                    let magnitude = abs(n)
                    guard range.contains(magnitude), allowNegative || n >= 0 else {
                        throw fail("\(n) is out of range")
                    }
                    out.append(n)
                }
                return out
            }
            switch key {
            case "FREQ":
                continue
            case "INTERVAL":
                guard let n = Int(value), n >= 1 else { throw fail("must be a whole number of 1 or more") }
                rule.interval = n
            case "COUNT":
                guard let n = Int(value) else { throw fail("must be a whole number") }
                rawCount = n
            case "UNTIL":
                rule.until = try ICalDateTime.parse(value, line: line)
            case "BYSECOND": rule.bySecond = try integers(0...60, allowNegative: false)
            case "BYMINUTE": rule.byMinute = try integers(0...59, allowNegative: false)
            case "BYHOUR": rule.byHour = try integers(0...23, allowNegative: false)
            case "BYMONTHDAY": rule.byMonthDay = try integers(1...31, allowNegative: true)
            case "BYYEARDAY": rule.byYearDay = try integers(1...366, allowNegative: true)
            case "BYWEEKNO": rule.byWeekNo = try integers(1...53, allowNegative: true)
            case "BYSETPOS": rule.bySetPos = try integers(1...366, allowNegative: true)
            case "BYMONTH":
                if value.uppercased().contains("L") {
                    throw ICalendarError(.unsupported, "RRULE BYMONTH=\(value) names a leap month, which only non-Gregorian calendars have", line: line)
                }
                rule.byMonth = try integers(1...12, allowNegative: false)
            case "BYDAY":
                guard !value.isEmpty else { throw fail("empty list") }
                rule.byDay = try value.split(separator: ",").map { (item) throws(ICalendarError) -> WeekdayOccurrence in
                    let trimmed = item.trimmingSpaces
                    guard trimmed.count >= 2, let weekday = Weekday(icalCode: trimmed.suffix(2)) else {
                        throw fail("\(Quoted(String(item))) is not a weekday (MO, TU, WE, TH, FR, SA, SU)")
                    }
                    let prefix = trimmed.dropLast(2)
                    guard !prefix.isEmpty else { return WeekdayOccurrence(weekday: weekday) }
                    guard let n = Int(prefix), n != 0, abs(n) <= 53 else {
                        throw fail("\(Quoted(String(item))) has an invalid position")
                    }
                    return WeekdayOccurrence(ordinal: n, weekday: weekday)
                }
            case "WKST":
                guard let weekday = Weekday(icalCode: value) else { throw fail("not a weekday") }
                rule.weekStart = weekday
            case "RSCALE":
                guard value.uppercased() == "GREGORIAN" else {
                    throw ICalendarError(
                        .unsupported, "RRULE RSCALE=\(value): only the Gregorian calendar is supported", line: line)
                }
            case "SKIP":
                guard let skip = Skip(rawValue: value.uppercased()) else { throw fail("must be OMIT, BACKWARD or FORWARD") }
                rule.skip = skip
            default:
                if !key.hasPrefix("X-") {
                    rule.warnings.append("RRULE part \(key) is not known and was ignored")
                }
            }
        }
        if let n = rawCount {
            if n >= 1 {
                rule.count = n
            } else if rule.until != nil {
                // Confluence writes COUNT=-1 next to UNTIL; UNTIL says what was meant.
                rule.warnings.append("RRULE COUNT=\(n) is invalid and was ignored; UNTIL is used")
            } else {
                throw ICalendarError(.invalidValue, "RRULE COUNT=\(n): must be 1 or more", line: line)
            }
        }
        return rule
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let whole = String(self)
        guard let first = whole.utf8.first, let last = whole.utf8.last,
              first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return whole }
        var s = Substring(whole)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
