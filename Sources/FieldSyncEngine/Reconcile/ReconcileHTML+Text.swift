import FieldSyncChecks
import FieldSyncCore
import Foundation

/// Text made safe for the reconciliation page, and the page's way of writing times.
enum ReconcileHTMLText {
    /// Escapes the five characters that mean something in HTML text and quoted attribute values.
    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// A value usable as an element id: letters, digits, `-`, `_` and `.` kept, anything else `_`.
    static func identifier(_ text: String) -> String { HTMLText.identifier(text) }

    /// `1 difference`, `3 differences`, `1,204 appointments`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(n)) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }

    /// `1,204`.
    static func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `4 min 12 s`, `0.8 s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        let h = whole / 3600, m = (whole % 3600) / 60, s = whole % 60
        if h > 0 { return m == 0 ? "\(h) h" : "\(h) h \(m) min" }
        return s == 0 ? "\(m) min" : "\(m) min \(s) s"
    }
}

/// Writes the page's instants in one zone (the shop's), with UTC beside the run's own times:
/// `Tue Nov 24 2026 03:00 CST`.
struct ReconcileClock {
    let zone: TimeZone
    private let calendar: Calendar
    private let utcCalendar: Calendar

    init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        utcCalendar = utc
    }

    var isUTC: Bool { zone.secondsFromGMT() == 0 && ["UTC", "GMT", "Etc/UTC", "Etc/GMT"].contains(zone.identifier) }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private func parts(_ date: Date, utc: Bool = false) -> DateComponents {
        (utc ? utcCalendar : calendar).dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
    }

    private static func day(_ c: DateComponents) -> String {
        "\(weekdays[((c.weekday ?? 1) - 1) % 7]) \(months[((c.month ?? 1) - 1) % 12]) \(c.day ?? 0)"
    }

    private static func clock(_ c: DateComponents) -> String {
        let h = c.hour ?? 0, m = c.minute ?? 0
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// `CST` or `CDT` as the date falls; `UTC` for UTC.
    func abbreviation(_ date: Date) -> String {
        if isUTC { return "UTC" }
        let style: TimeZone.NameStyle = zone.isDaylightSavingTime(for: date) ? .shortDaylightSaving : .shortStandard
        return zone.localizedName(for: style, locale: Locale(identifier: "en_US")) ?? zone.abbreviation(for: date) ?? zone.identifier
    }

    /// `Tue Nov 24 2026 03:00 CST`.
    func stamp(_ date: Date) -> String {
        let c = parts(date)
        return "\(Self.day(c)) \(c.year ?? 0) \(Self.clock(c)) \(abbreviation(date))"
    }

    /// `Tue Nov 24 09:00 CST`: a time in the schedule.
    func time(_ date: Date) -> String {
        let c = parts(date)
        return "\(Self.day(c)) \(Self.clock(c)) \(abbreviation(date))"
    }

    /// `Tue Nov 24 09:00–11:00 CST`, or across days `Tue Nov 24 22:00 – Wed Nov 25 02:00 CST`.
    func span(_ start: Date, _ end: Date, utc: Bool = false) -> String {
        let a = parts(start, utc: utc), b = parts(end, utc: utc)
        let zone = utc ? "UTC" : abbreviation(start)
        if a.year == b.year, a.month == b.month, a.day == b.day {
            return "\(Self.day(a)) \(Self.clock(a))–\(Self.clock(b)) \(zone)"
        }
        return "\(Self.day(a)) \(Self.clock(a)) – \(Self.day(b)) \(Self.clock(b)) \(zone)"
    }

    /// `Tue Nov 24`.
    func day(_ date: Date) -> String { Self.day(parts(date)) }

    /// `Nov 24, 2026`.
    func date(_ date: Date) -> String {
        let c = parts(date)
        return "\(Self.months[((c.month ?? 1) - 1) % 12]) \(c.day ?? 0), \(c.year ?? 0)"
    }

    /// `03:00`.
    func hourMinute(_ date: Date) -> String { Self.clock(parts(date)) }

    /// A field's value as the report shows it: an RFC 3339 instant in the shop's zone, a flag as
    /// yes/no, anything else as it is.
    func value(_ text: String, field: String) -> String {
        if field.hasSuffix("_at") || field == "start" || field == "end", let date = RFC3339.parseDate(text) {
            return time(date)
        }
        switch text {
        case "true": return "yes"
        case "false": return "no"
        default: return text
        }
    }
}
