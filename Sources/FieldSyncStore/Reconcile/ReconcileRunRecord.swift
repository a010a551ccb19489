import Foundation
import GRDB

/// One reconciliation as the cache remembers it: when, how it ended, and what it found.
public struct ReconcileRunRecord: Hashable, Sendable, Codable {
    /// How a reconciliation ended.
    public enum State: String, Hashable, Sendable, Codable {
        case running
        /// Everything compared; the cache matched every backend.
        case clean
        /// Differences found and the cache repaired.
        case repaired
        /// Differences found and left alone (`--dry-run`).
        case driftFound = "drift_found"
        /// Not everything could be compared or repaired (a backend failed, the brake held).
        case incomplete
        /// The process running it ended before finishing it.
        case abandoned
    }

    public var id: Int64
    public var dryRun: Bool
    public var state: State
    public var startedAt: Date
    public var finishedAt: Date?
    public var created: Int
    public var changed: Int
    public var deleted: Int
    /// Bookings fieldsync made whose remote record changed or disappeared.
    public var bookings: Int
    /// Remote appointments put on time fieldsync holds.
    public var overHolds: Int
    /// Differences found but not repaired (a dry run, or deletions held by the brake).
    public var notRepaired: Int
    public var newFindings: Int
    /// Counts per source, as JSON (`{"source": {"state", "entities": {...}}}`).
    public var bySource: String
    /// What could not be compared and why, as a JSON array of texts.
    public var notCompared: String
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, dryRun = "dry_run", state, startedAt = "started_at", finishedAt = "finished_at", created, changed, deleted
        case bookings, overHolds = "over_holds", notRepaired = "not_repaired", newFindings = "new_findings"
        case bySource = "by_source", notCompared = "not_compared", error
    }

    static let columns = """
        id, mode, state, started_at, finished_at, created, changed, deleted, bookings, over_holds, not_repaired,
        new_findings, by_source, not_compared, error
        """

    init(row: Row) {
        id = row["id"]
        dryRun = (row["mode"] as String) == "dry_run"
        state = State(rawValue: row["state"]) ?? .abandoned
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        created = row["created"]
        changed = row["changed"]
        deleted = row["deleted"]
        bookings = row["bookings"]
        overHolds = row["over_holds"]
        notRepaired = row["not_repaired"]
        newFindings = row["new_findings"]
        bySource = row["by_source"]
        notCompared = row["not_compared"]
        error = row["error"]
    }

    /// Every difference this run found.
    public var differences: Int { created + changed + deleted + bookings + overHolds }
}

/// What a finished reconciliation recorded.
public struct ReconcileRunSummary: Hashable, Sendable {
    public var state: ReconcileRunRecord.State
    public var created = 0
    public var changed = 0
    public var deleted = 0
    public var bookings = 0
    public var overHolds = 0
    public var notRepaired = 0
    public var newFindings = 0
    public var bySource = "{}"
    public var notCompared = "[]"
    public var error: String?

    public init(state: ReconcileRunRecord.State) { self.state = state }
}

/// One difference a run recorded, as the report showed it.
public struct ReconcileDifferenceRow: Hashable, Sendable {
    public var source: String
    /// `record`, `booking` or `over_hold`.
    public var kind: String
    public var entity: String?
    public var externalID: String?
    public var change: String?
    /// The report's entry, as JSON.
    public var detail: String

    public init(source: String, kind: String, entity: String?, externalID: String?, change: String?, detail: String) {
        self.source = source
        self.kind = kind
        self.entity = entity
        self.externalID = externalID
        self.change = change
        self.detail = detail
    }
}
