/// Where an adapter delivers what it reads, one page at a time.
///
/// The engine implements it: each ``commit(_:)`` stores one page of records, its tombstones and
/// sweeps, and the cursors that resume *after* that page, in one write transaction. A run that dies
/// part-way therefore resumes from its last committed page on the next run, with nothing lost and
/// nothing applied twice.
///
/// The engine's sinks store a page while the adapter reads the next one: ``commit(_:)`` may
/// return before its page has landed. Pages land in the order they were committed, and one that
/// cannot land makes the next ``commit(_:)`` throw (the engine waits for the last one itself).
public protocol PullSink: Sendable {
    /// Stores one page and its cursors atomically, now or while the adapter reads on.
    ///
    /// Throws when the engine wants the adapter to stop: ``PullInterrupted`` (the mass-delete
    /// brake held, the operator cancelled), or the error of an earlier page that could not be
    /// stored. The adapter must then stop at once and rethrow it unchanged; this page was not
    /// stored and its cursors were not saved, so the next run reads it again.
    func commit(_ page: PullBatch) async throws

    /// Tells the operator how far the run is (called at will; cheap).
    func progress(_ progress: PullProgress) async
}

/// How far one resource of one source has got in the current run.
public struct PullProgress: Sendable, Hashable {
    /// The resource being read, e.g. `jobs` or `technician-shifts`.
    public var resource: String
    /// Pages read so far for this resource in this run.
    public var pages: Int
    /// Records read so far for this resource in this run.
    public var records: Int
    /// The total the backend announced, when it did.
    public var total: Int?

    public init(resource: String, pages: Int, records: Int, total: Int? = nil) {
        self.resource = resource
        self.pages = pages
        self.records = records
        self.total = total
    }
}

/// The engine stopped a pull on purpose. Adapters rethrow it unchanged.
public struct PullInterrupted: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
