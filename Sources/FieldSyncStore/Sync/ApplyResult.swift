/// What applying one batch did to the cache.
public struct ApplyResult: Sendable, Hashable, Codable {
    public var technicians = 0
    public var fetched = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var removed = 0
    public var rejected = 0
    /// Removals the mass-delete brake held back.
    public var heldBack = 0
    /// Windows that ended before the retention cutoff and were dropped.
    public var pruned = 0
    /// Rejects from earlier runs that this run no longer saw (fixed at the source).
    public var rejectsResolved = 0
    public var notes: [String] = []

    public init() {}
}
