import FieldSyncCore

/// Wall-clock times of one shop's zone turned into the UTC text the vendors send.
struct ShopClock: Sendable {
    let zone: any ZoneRules

    init(zone identifier: String) {
        zone = IANAZoneRules(identifier: identifier) ?? FixedOffsetZoneRules.utc
    }

    /// Seconds since the epoch of `hour:minute` on `date` in the shop's zone.
    func instant(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) -> Int64 {
        let extraDays = hour / 24
        return zone.instant(for: LocalDateTime(date: date.adding(days: extraDays), hour: hour % 24, minute: minute))
    }

    /// `2026-11-23T14:00:00Z`.
    func utc(_ instant: Int64) -> String { RFC3339.string(utc: instant) }

    /// The shop-local calendar date of an instant.
    func localDate(_ instant: Int64) -> LocalDate { zone.local(atInstant: instant).local.date }
}
