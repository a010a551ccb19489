import FieldSyncCore

/// A sink that keeps what was committed, the cursors as the engine would save them, and the
/// progress reports; it can refuse a commit to stop the pull as the engine does.
actor RecordingSink: PullSink {
    private(set) var batches: [PullBatch] = []
    private(set) var progressReports: [PullProgress] = []
    /// Saved cursors, by key, as the engine would have them after the committed pages.
    private(set) var cursors: [String: SourceCursor]
    /// Throws ``PullInterrupted`` instead of storing a batch when this says so (given the batch
    /// and those stored before it).
    private let interrupt: (@Sendable (PullBatch, [PullBatch]) -> Bool)?

    init(cursors: [String: SourceCursor] = [:], interrupt: (@Sendable (PullBatch, [PullBatch]) -> Bool)? = nil) {
        self.cursors = cursors
        self.interrupt = interrupt
    }

    func commit(_ page: PullBatch) async throws {
        if let interrupt, interrupt(page, batches) { throw PullInterrupted(reason: "stopped by the test") }
        batches.append(page)
        for cursor in page.cursors { cursors[cursor.key] = cursor }
    }

    func progress(_ progress: PullProgress) async { progressReports.append(progress) }

    /// Everything committed, merged.
    var merged: PullBatch {
        var all = PullBatch()
        for b in batches {
            all.technicians += b.technicians
            all.jobs += b.jobs
            all.appointments += b.appointments
            all.customers += b.customers
            all.locations += b.locations
            all.tombstones += b.tombstones
            all.sweeps += b.sweeps
            all.rejects += b.rejects
            all.failures += b.failures
            all.notes += b.notes
            all.cursors += b.cursors
            all.completeParts.formUnion(b.completeParts)
        }
        return all
    }
}
