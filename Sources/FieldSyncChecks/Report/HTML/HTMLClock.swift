import Foundation

/// Writes the report's instants in one time zone (the timeline's), the way the checks' messages do:
/// `Tue Nov 24 2026 08:30 CST`.
struct HTMLClock {
    let zone: TimeZone
    private let calendar: Calendar
    private let names: ZoneClock

    init(zone: TimeZone) {
        self.zone = zone
        self.names = ZoneClock(zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// `Tue Nov 24 2026 08:30 CST`.
    func stamp(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
        return "\(TimeText.day(c)) \(c.year ?? 0) \(TimeText.clock(c)) \(abbreviation(date))"
    }

    /// `Tue Nov 24 08:30–10:30 CST`, or across days `Tue Nov 24 22:00 – Wed Nov 25 02:00 CST`.
    func span(_ start: Date, _ end: Date) -> String {
        let a = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: start)
        let b = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: end)
        if a.year == b.year, a.month == b.month, a.day == b.day {
            return "\(TimeText.day(a)) \(TimeText.clock(a))–\(TimeText.clock(b)) \(abbreviation(start))"
        }
        return "\(TimeText.day(a)) \(TimeText.clock(a)) – \(TimeText.day(b)) \(TimeText.clock(b)) \(abbreviation(start))"
    }

    /// `35 min`, `2 h 5 min`, `3 days`.
    func age(_ seconds: TimeInterval) -> String {
        let days = Int(seconds / 86_400)
        if days >= 2 { return "\(days) days" }
        return TimeText.duration(max(0, seconds))
    }

    /// `CST` or `CDT` as the date falls (see ``TimeText/abbreviation(_:at:)``).
    func abbreviation(_ date: Date) -> String { names.abbreviation(at: date) }
}
