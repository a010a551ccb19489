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
    /// Gregorian calendar gives them, from the zone's offset at that instant and day arithmetic
    /// (a `Calendar` per call was most of the cost of a finding's message).
    static func wallClock(_ date: Date, in zone: TimeZone) -> DateComponents {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm, proleptic Gregorian).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday: weekday 5 counting Sunday as 1.
        let weekday = ((days + 4) % 7 + 7) % 7 + 1
        return DateComponents(
            year: Int(year), month: Int(month), day: Int(day), hour: Int(seconds / 3_600), minute: Int(seconds % 3_600 / 60),
            weekday: Int(weekday))
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

    /// What ``TimeText/abbreviation(_:at:)`` answers, without looking the names up again.
    func abbreviation(at date: Date) -> String {
        (zone.isDaylightSavingTime(for: date) ? daylight : standard) ?? zone.abbreviation(for: date) ?? zone.identifier
    }
}
