import Foundation

/// One configured connection to a backend (a set of iCalendar feeds, a ServiceTitan tenant), as
/// the engine drives it.
///
/// An adapter turns remote data into normalized records and nothing more: it never touches the
/// cache. The engine hands it what it saved last time (``SourceCursor``s) and the horizon to cover,
/// and stores what comes back. Adapters live under `Adapters/` and depend on this module only.
public protocol SourceAdapter: Sendable {
    /// The kind of backend, e.g. `icalendar`. Stored as provenance on every row.
    var backend: String { get }
    /// The configured name of this connection, unique within a configuration.
    var sourceName: String { get }

    /// Reads what changed since the cursors in `request` (everything in `request.horizon` on a
    /// first run) and hands it to `sink` page by page, each page with the cursors that resume
    /// after it.
    ///
    /// Throws only when nothing more can be read (bad credentials, the backend is down) or when
    /// the sink throws ``PullInterrupted``; pages committed before that stay committed. A single
    /// bad record goes into ``PullBatch/rejects`` and a single failing feed or resource into
    /// ``PullBatch/failures`` of a committed page, and the rest goes on.
    func pull(_ request: PullRequest, into sink: any PullSink) async throws
}

/// What the engine asks of an adapter in one sync run.
public struct PullRequest: Sendable {
    /// The span of time whose availability and appointments should be read.
    public var horizon: TimeRange
    /// What the adapter saved at the end of its last successful run, by key.
    public var cursors: [String: SourceCursor]
    /// The number of the run this pull belongs to; runs are numbered in increasing order (see
    /// ``Sweep/sinceRun``).
    public var runID: Int64
    /// When the run began, by the engine's clock.
    public var now: Date
    /// Read everything again instead of what changed (a reconciliation, `sync --full`): export
    /// feeds start over and each resource ends with a ``Sweep``.
    public var fullPass: Bool

    public init(
        horizon: TimeRange, cursors: [String: SourceCursor] = [:], runID: Int64 = 0, now: Date = Date(),
        fullPass: Bool = false
    ) {
        self.horizon = horizon
        self.cursors = cursors
        self.runID = runID
        self.now = now
        self.fullPass = fullPass
    }
}

/// State an adapter keeps between runs: an incremental-sync token, an ETag, or a copy of the last
/// feed body so that a `304 Not Modified` can still be expanded over a new horizon.
public struct SourceCursor: Hashable, Sendable, Codable {
    public var key: String
    public var value: String
    public var payload: [UInt8]?

    public init(key: String, value: String, payload: [UInt8]? = nil) {
        self.key = key
        self.value = value
        self.payload = payload
    }
}
