/// The kinds of normalized record a source delivers; also the keys of per-entity counts.
public enum RecordEntity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case technicians
    case availability
    case customers
    case locations
    case jobs
    case appointments
    case assignments

    public static func < (lhs: RecordEntity, rhs: RecordEntity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A record the backend reports deleted or deactivated (an export row with `active: false`, a
/// job with `deleted_at`). The cache keeps a tombstone: technicians become inactive, jobs and
/// appointments are marked deleted, availability windows are removed.
public struct Tombstone: Hashable, Sendable, Codable {
    public var entity: RecordEntity
    /// The record's id at the backend, as in ``SourceRef/externalID``.
    public var externalID: String
    /// The backend's version of the deletion (its `modifiedOn`), when it says.
    public var remoteVersion: String?

    public init(entity: RecordEntity, externalID: String, remoteVersion: String? = nil) {
        self.entity = entity
        self.externalID = externalID
        self.remoteVersion = remoteVersion
    }
}

/// The end of a complete pass over one resource: cached records of this source and entity that the
/// pass did not see are gone at the backend (lists that omit deleted records, such as Housecall
/// Pro's employees, only reveal deletions this way).
///
/// A pass may span several runs when one dies part-way: every record seen by the pass has been
/// stored by a run numbered `sinceRun` or later, so rows last seen by an earlier run are the ones
/// the pass did not see.
public struct Sweep: Hashable, Sendable, Codable {
    public var entity: RecordEntity
    /// The run in which the pass began (``PullRequest/runID`` then, kept in the adapter's cursor).
    public var sinceRun: Int64
    /// For time-bound entities (availability, appointments): only cached rows that start inside
    /// this span are in scope; the pass read nothing outside it.
    public var range: TimeRange?

    public init(entity: RecordEntity, sinceRun: Int64, range: TimeRange? = nil) {
        self.entity = entity
        self.sinceRun = sinceRun
        self.range = range
    }
}
