import FieldSyncCore
import Synchronization

/// Zone rules by IANA name, built once per process (building one reads the zone's transitions
/// from the system, far too slow to do per search).
enum ZoneCache {
    private static let zones = Mutex<[String: IANAZoneRules]>([:])

    /// The rules of `identifier`, or UTC when the system does not know it (or it is nil).
    static func rules(_ identifier: String?) -> IANAZoneRules {
        let name = identifier ?? "UTC"
        if let known = zones.withLock({ $0[name] }) { return known }
        let built = IANAZoneRules(identifier: name) ?? IANAZoneRules(identifier: "UTC")!
        zones.withLock { $0[name] = built }
        return built
    }
}

/// Local days and wall-clock times in one zone, on whole seconds.
struct LocalClock: Sendable {
    let rules: IANAZoneRules

    /// Days since 1970-01-01 of the local date `t` falls on.
    func day(_ t: Int64) -> Int64 {
        let local = t + Int64(rules.utcOffset(atInstant: t))
        return local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    }

    /// The instant of `minutes` after local midnight on `day` (a skipped time reads an hour later).
    func instant(day: Int64, minutes: Int) -> Int64 {
        rules.instant(for: LocalDateTime(date: LocalDate(daysSinceEpoch: Int(day)), hour: minutes / 60, minute: minutes % 60))
    }

    /// Local midnight starting `day`.
    func midnight(_ day: Int64) -> Int64 { instant(day: day, minutes: 0) }

    func weekday(_ day: Int64) -> Weekday { LocalDate(daysSinceEpoch: Int(day)).weekday }

    /// Minutes after local midnight at `t`.
    func minuteOfDay(_ t: Int64) -> Int {
        let local = t + Int64(rules.utcOffset(atInstant: t))
        let r = local % 86_400
        return Int((r < 0 ? r + 86_400 : r) / 60)
    }

    /// The first instant at or after `t` whose local wall-clock time is a multiple of `step` seconds.
    func alignUp(_ t: Int64, step: Int64) -> Int64 {
        guard step > 1 else { return t }
        let offset = Int64(rules.utcOffset(atInstant: t))
        let local = t + offset
        let r = local % step
        var aligned = r == 0 ? t : t + (step - (r < 0 ? r + step : r))
        let after = Int64(rules.utcOffset(atInstant: aligned))
        if after != offset {
            // A zone change between: align on the new offset's wall clock.
            let l2 = aligned + after
            let r2 = l2 % step
            if r2 != 0 { aligned += step - (r2 < 0 ? r2 + step : r2) }
        }
        return aligned
    }
}
