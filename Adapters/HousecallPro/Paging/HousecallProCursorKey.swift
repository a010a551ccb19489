/// The keys of the ``FieldSyncCore/SourceCursor``s the Housecall Pro adapter saves.
public enum HousecallProCursorKey {
    /// The newest job `updated_at` that every earlier change is known to have been read by (the
    /// value is the timestamp as Housecall Pro wrote it). Saved only when a walk completes.
    public static let jobsHighWater = "jobs/high-water"
    /// The jobs walk in progress (a ``WalkState`` as JSON), saved after every page; an empty
    /// value means no walk is in progress.
    public static let jobsWalk = "jobs/walk"
    /// When the last complete full pass over jobs began (RFC 3339), to tell when the next is due.
    public static let jobsFullPass = "jobs/full-pass"
    /// The customers pass in progress, like ``jobsWalk``.
    public static let customersWalk = "customers/walk"
    /// When the last complete pass over customers began (RFC 3339).
    public static let customersFullPass = "customers/full-pass"
}
