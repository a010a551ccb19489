import Foundation

/// A finding with its history across check runs.
public struct TrackedFinding: Sendable, Hashable {
    public var finding: Finding
    /// The first check run that found it (since it last reopened, it keeps the first).
    public var firstSeen: Date
    /// The last check run that found it.
    public var lastSeen: Date
    /// When a check run first no longer found it; nil while it is open.
    public var resolvedAt: Date?

    public init(finding: Finding, firstSeen: Date, lastSeen: Date, resolvedAt: Date? = nil) {
        self.finding = finding
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.resolvedAt = resolvedAt
    }
}
