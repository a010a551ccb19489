import FieldSyncCore
import FieldSyncStore
import Foundation

/// What one `fieldsync sync` did, source by source: printed for people, or as JSON for programs.
public struct SyncReport: Sendable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// Every source was read and applied completely.
        case succeeded
        /// Some sources, or parts of them, failed; the rest was applied.
        case partial
        /// No source could be applied.
        case failed
    }

    public var invocationID: String
    public var startedAt: Date
    public var finishedAt: Date
    public var horizonStart: Date
    public var horizonEnd: Date
    public var outcome: Outcome
    public var sources: [SourceReport]
    /// Sources with rows in the cache that the configuration no longer lists.
    public var orphanSources: [String] = []
    /// What the checks found right after the sync (nil when they did not run).
    public var checks: CheckSummary?

    /// Records quarantined across all sources.
    public var rejected: Int { sources.reduce(0) { $0 + $1.counts.rejected } }

    enum CodingKeys: String, CodingKey {
        case invocationID = "invocation_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case horizonStart = "horizon_start"
        case horizonEnd = "horizon_end"
        case outcome, sources
        case orphanSources = "orphan_sources"
        case checks
    }
}

/// The checks' counts after a sync: enough to say whether `fieldsync check` is worth a look.
public struct CheckSummary: Sendable, Codable, Hashable {
    public var open: Int
    public var critical: Int
    public var warning: Int
    public var info: Int
    /// Findings this run of the checks opened.
    public var new: Int
    /// Findings it resolved.
    public var resolved: Int
    /// Why the checks could not run, when they could not (a broken rules file).
    public var error: String?

    public init(open: Int = 0, critical: Int = 0, warning: Int = 0, info: Int = 0, new: Int = 0, resolved: Int = 0, error: String? = nil) {
        self.open = open
        self.critical = critical
        self.warning = warning
        self.info = info
        self.new = new
        self.resolved = resolved
        self.error = error
    }
}

/// One source's part of a ``SyncReport``.
public struct SourceReport: Sendable, Codable {
    public var source: String
    public var backend: String
    public var runID: Int64?
    public var state: SyncRunState
    public var counts: ApplyResult
    public var failures: [SourceFailure]
    public var rejects: [RejectSummary]
    public var notes: [String]
    /// Why the run failed as a whole, when it did.
    public var error: String?
    /// When the cache itself failed (busy, newer schema), which way: the command maps it to
    /// its exit code.
    public var cacheErrorCode: CacheError.Code?
    public var durationSeconds: Double

    enum CodingKeys: String, CodingKey {
        case source, backend, state, counts, failures, rejects, notes, error
        case cacheErrorCode = "cache_error"
        case runID = "run_id"
        case durationSeconds = "duration_seconds"
    }
}

/// A quarantined record, as reported (its raw payload stays in the cache: `fieldsync rejects`).
public struct RejectSummary: Sendable, Codable, Hashable {
    public var kind: String
    public var externalID: String?
    public var location: String?
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case kind, location, reason
        case externalID = "external_id"
    }
}
