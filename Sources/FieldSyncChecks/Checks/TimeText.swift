import FieldSyncCore
import Foundation

/// Times written the way a dispatcher reads them: `Tue Nov 24 08:30–10:30 CST`, in the zone the
/// technician works in.
enum TimeText {
    /// `clock`, when given, is the zone looked up once (the checks describe tens of thousands of
    /// spans in a few zones); without, the zone is asked now.
    static func span(_ start: Date, _ end: Date, in zone: TimeZone, clock zoneClock: ZoneClock? = nil) -> String {
        let a = wallClock(start, in: zone, clock: zoneClock)
        let b = wallClock(end, in: zone, clock: zoneClock)
        let abbreviation = zoneClock?.abbreviation(at: start) ?? abbreviation(zone, at: start)
        if a.year == b.year && a.month == b.month && a.day == b.day {
            return "\(day(a)) \(clock(a))–\(clock(b)) \(abbreviation)"
        }
        return "\(day(a)) \(clock(a)) – \(day(b)) \(clock(b)) \(abbreviation)"
    }

    /// A reading of a wall clock and calendar. `weekday` counts from Sunday = 1, as `Calendar` does.
    struct WallClock: Equatable {
        var year: Int
        var month: Int
        var day: Int
        var weekday: Int
        var hour: Int
        var minute: Int
    }

    /// The Gregorian date and time of `date` on the wall clock of `zone`: the zone's offset at that
    /// instant, then ``LocalDate``'s day arithmetic (a `Calendar` per call was most of the cost of
    /// a finding's message). `clock`, when it covers the date, gives the offset without asking
    /// the zone.
    static func wallClock(_ date: Date, in zone: TimeZone, clock: ZoneClock? = nil) -> WallClock {
        let offset = clock?.secondsFromGMT(at: date) ?? zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - days * 86_400
        let day = LocalDate(daysSinceEpoch: days)
        // ISO counts weekdays from Monday = 1.
        return WallClock(
            year: day.year, month: day.month, day: day.day, weekday: day.weekday.rawValue % 7 + 1, hour: second / 3_600,
            minute: second % 3_600 / 60)
    }

    /// `CST` or `CDT` as the date falls. The US names come from the zone's localized names, since
    /// `abbreviation(for:)` answers `GMT-6` on Linux; zones without such a name read `GMT+1`.
    static func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        ZoneClock(zone).abbreviation(at: date)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Tue Nov 24`.
    static func day(_ c: WallClock) -> String { day(weekday: c.weekday, month: c.month, day: c.day) }

    /// `08:30`.
    static func clock(_ c: WallClock) -> String { clock(hour: c.hour, minute: c.minute) }

    /// `Tue Nov 24`, from a `Calendar`'s components.
    static func day(_ c: DateComponents) -> String { day(weekday: c.weekday ?? 1, month: c.month ?? 1, day: c.day ?? 0) }

    /// `08:30`, from a `Calendar`'s components.
    static func clock(_ c: DateComponents) -> String { clock(hour: c.hour ?? 0, minute: c.minute ?? 0) }

    private static func day(weekday: Int, month: Int, day: Int) -> String {
        "\(weekdays[(weekday + 6) % 7]) \(months[(month + 11) % 12]) \(day)"
    }

    private static func clock(hour h: Int, minute m: Int) -> String {
        (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// `3 h 15 min`, `2 min`, `30 h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes) min" }
        let h = minutes / 60, m = minutes % 60
        return m == 0 ? "\(h) h" : "\(h) h \(m) min"
    }
}
