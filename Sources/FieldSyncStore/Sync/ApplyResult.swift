import FieldSyncCore

/// What applying one batch (or, summed, one run) did to the cache.
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
    /// Pages applied (one per batch).
    public var pages = 0
    /// The same counts per kind of record (`technicians`, `jobs`, …).
    public var entities: [String: EntityCounts] = [:]
    public var notes: [String] = []

    public init() {}

    /// Adds another batch's counts to these.
    public mutating func add(_ other: ApplyResult) {
        technicians += other.technicians
        fetched += other.fetched
        inserted += other.inserted
        updated += other.updated
        unchanged += other.unchanged
        removed += other.removed
        rejected += other.rejected
        heldBack += other.heldBack
        pruned += other.pruned
        rejectsResolved += other.rejectsResolved
        pages += other.pages
        for (key, counts) in other.entities { entities[key, default: EntityCounts()].add(counts) }
        notes += other.notes
    }

    mutating func count(_ entity: RecordEntity, _ change: WritableKeyPath<EntityCounts, Int>, by amount: Int = 1) {
        entities[entity.rawValue, default: EntityCounts()][keyPath: change] += amount
    }
}

/// What a run did to one kind of record.
public struct EntityCounts: Sendable, Hashable, Codable {
    /// Records the backend sent.
    public var pulled = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Records removed, deactivated or marked deleted (tombstones, sweeps, calendar removals).
    public var deleted = 0
    public var rejected = 0

    public init() {}

    public mutating func add(_ other: EntityCounts) {
        pulled += other.pulled
        created += other.created
        updated += other.updated
        unchanged += other.unchanged
        deleted += other.deleted
        rejected += other.rejected
    }
}
