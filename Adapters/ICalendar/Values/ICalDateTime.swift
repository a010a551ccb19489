import FieldSyncCore

/// A DATE or DATE-TIME value as written, before any zone is applied (RFC 5545 §3.3.4, §3.3.5).
///
/// The three forms of DATE-TIME are kept apart: UTC (`…Z`), local with a TZID, and floating
/// (no zone: "9 a.m. wherever you are").
public struct ICalDateTime: Hashable, Sendable, CustomStringConvertible {
    public enum Form: Hashable, Sendable {
        /// A whole day (`VALUE=DATE`).
        case date
        /// `…Z`.
        case utc
        /// No `Z` and no TZID.
        case floating
        /// Wall-clock time in the named zone (the TZID as written).
        case zoned(tzid: String)
    }

    /// The date and wall-clock time; 00:00:00 for a DATE.
    public var local: LocalDateTime
    public var form: Form

    public init(local: LocalDateTime, form: Form) {
        self.local = local
        self.form = form
    }

    public var isDate: Bool { form == .date }

    public var tzid: String? {
        if case .zoned(let tzid) = form { return tzid }
        return nil
    }

    /// Parses `20260308`, `20260308T020000`, `20260308T020000Z`. `tzid` is applied to local
    /// date-times (it is ignored, as RFC 5545 requires, for UTC values and dates).
    public static func parse(_ text: some StringProtocol, tzid: String? = nil, line: Int? = nil) throws(ICalendarError)
        -> ICalDateTime
    {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? { ASCIIDigits.value(b, at: start, count: count) }
        guard b.count >= 8, let year = digits(0, 4), let month = digits(4, 2), let day = digits(6, 2) else {
            // People and scripts often write ISO 8601 with separators: say how iCalendar wants it.
            let iso = Array(text.utf8.prefix(10))
            if iso.count == 10, iso[4] == 0x2D, iso[7] == 0x2D,
               iso.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) }) {
                let compact = String(text.filter { $0 != "-" && $0 != ":" && $0 != " " })
                throw ICalendarError(
                    .invalidValue,
                    "\(Quoted(String(text))) is not an iCalendar date or date-time: write it without '-' or ':' (\(compact))",
                    line: line)
            }
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a date (expected YYYYMMDD)", line: line)
        }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a real date", line: line)
        }
        // Google's birthday feeds write dates with a stray `Z` (`RDATE:20131210Z`): still a date.
        if b.count == 8 || (b.count == 9 && (b[8] == 0x5A || b[8] == 0x7A)) {
            return ICalDateTime(local: LocalDateTime(date: date), form: .date)
        }
        guard b.count >= 15, b[8] == 0x54 || b[8] == 0x74, let hour = digits(9, 2), let minute = digits(11, 2),
              let second = digits(13, 2)
        else {
            throw ICalendarError(
                .invalidValue, "\(Quoted(String(text))) is not a date-time (expected YYYYMMDDTHHMMSS, with Z for UTC)",
                line: line)
        }
        guard let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else {
            throw ICalendarError(.invalidValue, "\(Quoted(String(text))) is not a real time of day", line: line)
        }
        if b.count == 16, b[15] == 0x5A || b[15] == 0x7A {
            return ICalDateTime(local: local, form: .utc)
        }
        guard b.count == 15 else {
            throw ICalendarError(.invalidValue, "unexpected \(Quoted(String(text.dropFirst(15)))) after the date-time \(Quoted(String(text)))", line: line)
        }
        if let tzid, !tzid.isEmpty { return ICalDateTime(local: local, form: .zoned(tzid: tzid)) }
        return ICalDateTime(local: local, form: .floating)
    }

    /// As written in iCalendar: `20260308`, `20260308T020000`, `20260308T020000Z`.
    public var description: String {
        switch form {
        case .date: local.date.basicFormat
        case .utc: local.basicFormat + "Z"
        case .floating, .zoned: local.basicFormat
        }
    }
}
