import Foundation

/// Times written the way a dispatcher reads them: `Tue Nov 24 08:30–10:30 CST`, in the zone the
/// technician works in.
enum TimeText {
    static func span(_ start: Date, _ end: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let a = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: start)
        let b = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: end)
        let abbreviation = abbreviation(zone, at: start)
        let sameDay = a.year == b.year && a.month == b.month && a.day == b.day
        if sameDay {
            return "\(day(a)) \(clock(a))–\(clock(b)) \(abbreviation)"
        }
        return "\(day(a)) \(clock(a)) – \(day(b)) \(clock(b)) \(abbreviation)"
    }

    /// `CST` or `CDT` as the date falls. The US names come from the zone's localized names, since
    /// `abbreviation(for:)` answers `GMT-6` on Linux; zones without such a name read `GMT+1`.
    static func abbreviation(_ zone: TimeZone, at date: Date) -> String {
        if zone.identifier == "UTC" || zone.identifier == "GMT" { return "UTC" }
        let style: TimeZone.NameStyle = zone.isDaylightSavingTime(for: date) ? .shortDaylightSaving : .shortStandard
        return zone.localizedName(for: style, locale: Locale(identifier: "en_US")) ?? zone.abbreviation(for: date) ?? zone.identifier
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
