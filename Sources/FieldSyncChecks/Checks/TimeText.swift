import FieldSyncCore
import Foundation

/// Times written the way a dispatcher reads them: `Tue Nov 24 08:30–10:30 CST`, in the zone the
/// technician works in.
enum TimeText {
    /// `names`, when given, are the zone's ``ZoneNames`` looked up once (the checks describe
    /// tens of thousands of spans in a few zones); without, they are looked up now.
    static func span(_ start: Date, _ end: Date, in zone: TimeZone, names: ZoneNames? = nil) -> String {
        let a = wallClock(start, in: zone)
        let b = wallClock(end, in: zone)
        let abbreviation = names?.abbreviation(at: start) ?? abbreviation(zone, at: start)
        let sameDay = a.year == b.year && a.month == b.month && a.day == b.day
        if sameDay {
            return "\(day(a)) \(clock(a))–\(clock(b)) \(abbreviation)"
        }
        return "\(day(a)) \(clock(a)) – \(day(b)) \(clock(b)) \(abbreviation)"
    }

    /// Year, month, day, weekday, hour and minute of `date` on the wall clock of `zone`, as the
    /// Gregorian calendar gives them: the zone's offset at that instant, then ``LocalDate``'s day
    /// arithmetic (a `Calendar` per call was most of the cost of a finding's message).
    static func wallClock(_ date: Date, in zone: TimeZone) -> DateComponents {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - days * 86_400
        let day = LocalDate(daysSinceEpoch: days)
        // `Calendar` counts weekdays from Sunday = 1; ISO from Monday = 1.
        return DateComponents(
            year: day.year, month: day.month, day: day.day, hour: second / 3_600, minute: second % 3_600 / 60,
            weekday: day.weekday.rawValue % 7 + 1)
    }

    /// `CST` or `CDT` as the date falls. The US names come from the zone's localized names, since
    /// `abbreviation(for:)` answers `GMT-6` on Linux; zones without such a name read `GMT+1`.
    static func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        ZoneNames(zone).abbreviation(at: date)
    }

    static func day(_ c: DateComponents) -> String {
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let w = weekdays[((c.weekday ?? 1) - 1) % 7]
        let m = months[((c.month ?? 1) - 1) % 12]
        return "\(w) \(m) \(c.day ?? 0)"
    }

    static func clock(_ c: DateComponents) -> String {
        let h = c.hour ?? 0, m = c.minute ?? 0
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// `3 h 15 min`, `2 min`, `30 h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes) min" }
        let h = minutes / 60, m = minutes % 60
        return m == 0 ? "\(h) h" : "\(h) h \(m) min"
    }
}

/// A zone's short names for standard and daylight time, looked up once: `CST` and `CDT`.
struct ZoneNames: Sendable {
    let zone: TimeZone
    private let standard: String?
    private let daylight: String?

    init(_ zone: TimeZone) {
        self.zone = zone
        if zone.identifier == "UTC" || zone.identifier == "GMT" {
            (standard, daylight) = ("UTC", "UTC")
        } else {
            let english = Locale(identifier: "en_US")
            standard = zone.localizedName(for: .shortStandard, locale: english)
            daylight = zone.localizedName(for: .shortDaylightSaving, locale: english)
        }
    }

    /// `CST` or `CDT` as `date` falls, from the names looked up once.
    func abbreviation(at date: Date) -> String {
        (zone.isDaylightSavingTime(for: date) ? daylight : standard) ?? zone.abbreviation(for: date) ?? zone.identifier
    }
}
