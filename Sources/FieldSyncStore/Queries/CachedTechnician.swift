import FieldSyncCore
import Foundation

/// A technician as cached, with when it was first and last seen at its source.
public struct CachedTechnician: Sendable, Hashable {
    public var technician: Technician
    public var firstSeenAt: Date
    public var lastSeenAt: Date
}

/// An availability window as cached, with its row id and when it was last seen.
public struct CachedWindow: Sendable, Hashable {
    public var id: Int64
    public var window: AvailabilityWindow
    public var lastSeenAt: Date
}

/// A record a source sent that could not be used, as cached.
public struct CachedReject: Sendable, Hashable {
    public var id: Int64
    public var record: RejectedRecord
    public var timesSeen: Int
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    public var resolvedAt: Date?
}

/// A span of a technician's schedule a sync read completely, from one source (or one part of it).
public struct CachedCoverage: Sendable, Hashable {
    public var source: String
    /// The part (feed) it covers, as an external-id prefix; nil for the whole source.
    public var scope: String?
    public var range: TimeRange
    public var syncedAt: Date
}
