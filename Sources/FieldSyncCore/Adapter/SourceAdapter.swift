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

    /// Reads everything in `request.horizon` that this source has.
    ///
    /// Throws only when nothing at all could be read (bad credentials, the backend is down);
    /// a single bad record goes into ``PullBatch/rejects`` and a single failing feed or resource
    /// into ``PullBatch/failures``, and the rest of the batch is still returned.
    func pull(_ request: PullRequest) async throws -> PullBatch
}

/// What the engine asks of an adapter in one sync run.
public struct PullRequest: Sendable {
    /// The span of time whose availability and appointments should be read.
    public var horizon: TimeRange
    /// What the adapter saved at the end of its last successful run, by key.
    public var cursors: [String: SourceCursor]

    public init(horizon: TimeRange, cursors: [String: SourceCursor] = [:]) {
        self.horizon = horizon
        self.cursors = cursors
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
