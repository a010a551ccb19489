import FieldSyncCore
import Foundation

/// The local days of one time zone over a span of instants: each day's start in UTC and its
/// weekday, so per-day questions (jobs per day, business hours) cost a pointer walk per
/// technician instead of a calendar computation per appointment. Days are 23 or 25 hours long
/// across daylight-saving changes; the table knows.
struct LocalDays {
    let calendar: Calendar
    /// Local midnights, in UTC, ascending; one more than ``weekdays`` (the end of the last day).
    private(set) var starts: [Date] = []
    private(set) var weekdays: [Weekday] = []
    private(set) var labels: [String] = []

    init(timeZone: TimeZone, covering start: Date, _ end: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        var day = calendar.startOfDay(for: start)
        while true {
            starts.append(day)
            if day > end { break }
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            // Calendar weekdays: Sunday = 1 ... Saturday = 7.
            weekdays.append(Weekday(rawValue: ((parts.weekday ?? 1) + 5) % 7 + 1) ?? .monday)
            labels.append(Self.label(parts.year ?? 0, parts.month ?? 0, parts.day ?? 0))
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = calendar.startOfDay(for: next)
        }
    }

    var count: Int { weekdays.count }

    /// The day holding `instant`, searching forward from `hint`.
    func day(of instant: Date, from hint: Int = 0) -> Int {
        var i = max(0, min(hint, count - 1))
        while i > 0, starts[i] > instant { i -= 1 }
        while i + 1 < starts.count - 1, starts[i + 1] <= instant { i += 1 }
        return i
    }

    /// The instant `minutes` after local midnight of day `i`, as the wall clock reads it (a time the
    /// clocks skip comes out an hour later, as calendars agree).
    func instant(day i: Int, minutes: Int) -> Date {
        let parts = calendar.dateComponents([.year, .month, .day], from: starts[i])
        var wall = DateComponents()
        wall.year = parts.year
        wall.month = parts.month
        wall.day = parts.day
        wall.hour = minutes / 60
        wall.minute = minutes % 60
        return calendar.date(from: wall) ?? starts[i].addingTimeInterval(TimeInterval(minutes * 60))
    }

    private static func label(_ y: Int, _ m: Int, _ d: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
