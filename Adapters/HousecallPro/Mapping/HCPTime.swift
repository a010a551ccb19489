import FieldSyncCore
import Foundation

/// Housecall Pro's timestamps.
///
/// The API writes ISO 8601 in UTC (`2026-11-23T15:00:00Z`, sometimes with fractions). The spec's
/// examples for schedules and appointments leave the offset out (`2021-01-10T10:45:00`); such a
/// time is read as UTC too, which is what the API means by it. Fractions of a second are
/// dropped, so comparisons are to the second.
enum HCPTime {
    /// Seconds since the epoch, or nil when `text` is not a timestamp.
    static func instant(_ text: String?) -> Int64? {
        guard let text = text?.trimmingSpaces, !text.isEmpty else { return nil }
        return RFC3339.parseInstant(text) ?? RFC3339.parseInstant(text + "Z")
    }

    static func date(_ text: String?) -> Date? {
        instant(text).map { Date(timeIntervalSince1970: Double($0)) }
    }
}
