import FieldSyncCore

/// A DATE or DATE-TIME from an event, with its zone resolved.
public struct EventTime: Sendable {
    /// As written (after X-WR-TIMEZONE has been applied, see ``ICalendarReader``).
    public var value: ICalDateTime
    /// The zone of a TZID value; nil for UTC, floating and DATE values.
    public var zone: (any ZoneRules)?
    /// The IANA name the TZID resolved to, when it resolved to one.
    public var ianaIdentifier: String?
    /// The instant, when the wall-clock value alone would name another one: a UTC time moved into
    /// X-WR-TIMEZONE that falls in the second run of a fall-back night's repeated hour (06:30Z is
    /// the second 01:30 in New York on 2026-11-01; 01:30 alone is read as the first).
    public var exactInstant: Int64?

    public init(value: ICalDateTime, zone: (any ZoneRules)? = nil, ianaIdentifier: String? = nil, exactInstant: Int64? = nil) {
        self.value = value
        self.zone = zone
        self.ianaIdentifier = ianaIdentifier
        self.exactInstant = exactInstant
    }

    public var isDate: Bool { value.isDate }
    public var local: LocalDateTime { value.local }

    /// The instant this names; floating times and dates are read in `floating`.
    public func instant(floating: any ZoneRules) -> Int64 {
        if let exactInstant { return exactInstant }
        return switch value.form {
        case .utc: value.local.secondsSinceEpoch
        case .zoned: (zone ?? floating).instant(for: value.local)
        case .floating, .date: floating.instant(for: value.local)
        }
    }
}
