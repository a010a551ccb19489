import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

/// The engine's ``PullSink`` for one source in one run: each page the adapter hands over is
/// applied to the cache in its own transaction, together with the cursors that resume after it,
/// so that a run that dies part-way resumes from its last page.
///
/// Tombstones and sweeps of paged sources are queued in the cache with their page, and applied
/// at the end of the run under the mass-delete brake (see ``DeletionBudget``).
actor CacheSink: PullSink {
    let store: CacheStore
    let runID: Int64
    let backend: String
    let source: String
    let logger: Logger
    let clock: @Sendable () -> Date
    let onProgress: (@Sendable (String, PullProgress) -> Void)?

    let brake: MassDeleteBrake
    private(set) var totals = ApplyResult()
    private(set) var failures: [SourceFailure] = []
    private(set) var rejects: [RejectSummary] = []
    private(set) var notes: [String] = []
    /// Whether any page carried records, coverage or deletions (as opposed to only failures).
    private(set) var readAnything = false
    /// Whether any page recorded its own coverage (a calendar source does).
    private(set) var sawCoverage = false
    /// The pages handed over, landing one after another while the adapter reads on.
    private var landings = PageLandings()

    init(
        store: CacheStore, runID: Int64, backend: String, source: String, brake: MassDeleteBrake, logger: Logger,
        clock: @escaping @Sendable () -> Date, onProgress: (@Sendable (String, PullProgress) -> Void)?
    ) {
        self.store = store
        self.runID = runID
        self.backend = backend
        self.source = source
        self.brake = brake
        self.logger = logger
        self.clock = clock
        self.onProgress = onProgress
    }

    /// Hands a page over and returns while it is applied, so the adapter reads the next page
    /// meanwhile (reading and storing took turns before, and each waited for the other). Pages
    /// still land one at a time, in order, each in its own transaction with its cursors; one that
    /// cannot be applied stops the pull at the next commit (or at ``finish()``), and the pages
    /// after it are not applied.
    func commit(_ page: PullBatch) async throws {
        try await landings.queue { try await self.land(page) }?.value
    }

    /// Waits until every page handed over is applied; rethrows the error of one that could not
    /// be. The runner reads the totals only after this.
    func finish() async throws {
        try await landings.last?.value
    }

    private func land(_ page: PullBatch) throws {
        // A batch that covers spans or names its inventory was read whole (a calendar source):
        // rejects it no longer has are fixed. Paged sources resolve rejects record by record.
        let whole = !page.coverage.isEmpty || page.inventory != nil
        // Paged sources queue their deletions: the brake weighs them together at the end.
        let result = try store.apply(
            page, run: runID, backend: backend, source: source, resolveMissingRejects: whole && page.failures.isEmpty,
            brake: brake, deferDeletions: !whole, now: clock())
        totals.add(result)
        if !page.coverage.isEmpty { sawCoverage = true }
        failures += page.failures
        notes += page.notes
        rejects += page.rejects.map {
            RejectSummary(kind: $0.recordKind, externalID: $0.externalID, location: $0.location, reason: $0.reason)
        }
        // Technicians a calendar source lists come from its configuration, not from reading it.
        if (!page.technicians.isEmpty && page.inventory == nil) || !page.availability.isEmpty || !page.jobs.isEmpty || !page.appointments.isEmpty
            || !page.customers.isEmpty || !page.locations.isEmpty || !page.assignments.isEmpty || !page.coverage.isEmpty
            || !page.tombstones.isEmpty || !page.sweeps.isEmpty || !page.cursors.isEmpty
        {
            readAnything = true
        }
    }

    /// Not isolated: the adapter reports progress right after a commit, and must not wait for
    /// the page landing meanwhile.
    nonisolated func progress(_ progress: PullProgress) async {
        onProgress?(source, progress)
    }

    func addNotes(_ more: [String]) { notes += more }
}
