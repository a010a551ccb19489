import FieldSyncCore
import Foundation

/// Moves every date and time in a record by whole weeks of wall-clock time in the vendor's zone,
/// so that 08:00 on a Monday stays 08:00 on a Monday (across daylight-saving changes too).
///
/// Any string that is an RFC 3339 date-time (`2026-11-23T14:00:00Z`, `…00.5370000Z`,
/// `…00-06:00`, or the zone-less `2026-11-23T08:00:00` Housecall Pro uses for appointments) or a
/// bare date (`2026-11-23`) is moved; nothing else is touched.
struct WeekShift: Sendable {
    let weeks: Int
    let zone: any ZoneRules

    /// The number of weeks that makes the week of `anchor` the week of `now` (weeks start on
    /// Monday; dates are UTC calendar dates).
    static func weeks(anchor: LocalDate, now: Date) -> Int {
        let today = LocalDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        let thisMonday = today.daysSinceEpoch - (today.weekday.rawValue - 1)
        let anchorMonday = anchor.daysSinceEpoch - (anchor.weekday.rawValue - 1)
        return (thisMonday - anchorMonday) / 7
    }

    func apply(_ value: JSONValue) -> JSONValue {
        guard weeks != 0 else { return value }
        switch value {
        case .string(let s): return .string(shift(s) ?? s)
        case .array(let elements): return .array(elements.map(apply))
        case .object(let object): return .object(JSONObject(object.members.map { ($0.key, apply($0.value)) }))
        default: return value
        }
    }

    /// The shifted text, or nil when `text` is not a date or date-time.
    func shift(_ text: String) -> String? {
        let b = Array(text.utf8)
        guard b.count >= 10, isDigits(b, 0, 4), b[4] == 45, isDigits(b, 5, 2), b[7] == 45, isDigits(b, 8, 2),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(5).prefix(2)),
              let day = Int(text.dropFirst(8).prefix(2)), let date = LocalDate(year: year, month: month, day: day)
        else { return nil }
        let days = weeks * 7
        if b.count == 10 { return date.adding(days: days).description }
        guard b.count >= 19, b[10] == 84 || b[10] == 32, isDigits(b, 11, 2), b[13] == 58, isDigits(b, 14, 2),
              b[16] == 58, isDigits(b, 17, 2),
              let hour = Int(text.dropFirst(11).prefix(2)), let minute = Int(text.dropFirst(14).prefix(2)),
              let second = Int(text.dropFirst(17).prefix(2))
        else { return nil }
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
        }
        let fraction = String(decoding: b[19..<i], as: UTF8.self)
        let suffix = String(decoding: b[i...], as: UTF8.self)
        let local = LocalDateTime(date: date, hour: hour, minute: minute, second: second)
        let separator = String(UnicodeScalar(b[10]))
        func render(_ l: LocalDateTime) -> String {
            let d = l.date.description
            let t = [l.hour, l.minute, l.second].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
            return d + separator + t + fraction + suffix
        }
        if suffix.isEmpty {
            // A wall-clock time without a zone: move the wall clock.
            return render(LocalDateTime(date: date.adding(days: days), hour: hour, minute: minute, second: second))
        }
        let offset: Int
        if suffix == "Z" || suffix == "z" {
            offset = 0
        } else if suffix.utf8.count == 6, let h = Int(suffix.dropFirst().prefix(2)), let m = Int(suffix.suffix(2)) {
            offset = (h * 3600 + m * 60) * (suffix.hasPrefix("-") ? -1 : 1)
        } else {
            return nil
        }
        // The instant, seen on the vendor's wall clock, moved by whole weeks there.
        let instant = local.secondsSinceEpoch - Int64(offset)
        let (zoneLocal, _) = zone.local(atInstant: instant)
        let moved = LocalDateTime(
            date: zoneLocal.date.adding(days: days), hour: zoneLocal.hour, minute: zoneLocal.minute,
            second: zoneLocal.second)
        let newInstant = zone.instant(for: moved)
        return render(LocalDateTime(secondsSinceEpoch: newInstant + Int64(offset)))
    }

    private func isDigits(_ b: [UInt8], _ start: Int, _ count: Int) -> Bool {
        guard start + count <= b.count else { return false }
        return b[start..<(start + count)].allSatisfy { (48...57).contains($0) }
    }
}
