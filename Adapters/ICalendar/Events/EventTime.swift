import FieldSyncCore

/// A DATE or DATE-TIME from an event, with its zone resolved.
public struct EventTime: Sendable {
    /// As written (after X-WR-TIMEZONE has been applied, see ``ICalendarReader``).
    public var value: ICalDateTime
    /// The zone of a TZID value; nil for UTC, floating and DATE values.
    public var zone: (any ZoneRules)?
    /// The IANA name the TZID resolved to, when it resolved to one.
    public var ianaIdentifier: String?

    public init(value: ICalDateTime, zone: (any ZoneRules)? = nil, ianaIdentifier: String? = nil) {
        self.value = value
        self.zone = zone
        self.ianaIdentifier = ianaIdentifier
    }

    public var isDate: Bool { value.isDate }
    public var local: LocalDateTime { value.local }

    /// The instant this names; floating times and dates are read in `floating`.
    public func instant(floating: any ZoneRules) -> Int64 {
        switch value.form {
        case .utc: value.local.secondsSinceEpoch
        case .zoned: (zone ?? floating).instant(for: value.local)
        case .floating, .date: floating.instant(for: value.local)
        }
    }
}
