import FieldSyncCore
import Synchronization

/// Shares the system's IANA zones between parses: building a zone's transition table takes
/// milliseconds, and a server reads the same few zones all day.
///
/// Create one and pass it to every ``ICalendarReader`` that should share it.
public final class ZoneCatalog: Sendable {
    private let zones = Mutex<[String: IANAZoneRules?]>([:])

    public init() {}

    /// The system zone with this IANA identifier, or nil when the system does not know it.
    public func iana(_ identifier: String) -> IANAZoneRules? {
        if let cached = zones.withLock({ $0[identifier] }) { return cached }
        let rules = IANAZoneRules(identifier: identifier)
        zones.withLock { $0[identifier] = .some(rules) }
        return rules
    }
}
