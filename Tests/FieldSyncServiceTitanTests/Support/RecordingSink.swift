import FieldSyncCore

/// A ``PullSink`` that keeps every committed page and progress report, and can refuse a commit
/// the way the engine does (``PullInterrupted``).
actor RecordingSink: PullSink {
    private(set) var batches: [PullBatch] = []
    private(set) var progressReports: [PullProgress] = []
    /// Throw ``PullInterrupted`` on this commit (1-based), storing nothing.
    var interruptOnCommit: Int?
    private var commits = 0

    init(interruptOnCommit: Int? = nil) {
        self.interruptOnCommit = interruptOnCommit
    }

    func commit(_ page: PullBatch) async throws {
        commits += 1
        if commits == interruptOnCommit { throw PullInterrupted(reason: "mass-delete brake held (test)") }
        batches.append(page)
    }

    func progress(_ progress: PullProgress) async {
        progressReports.append(progress)
    }

    /// Every committed page merged, cursors by key (the last value wins).
    var merged: Merged {
        var merged = Merged()
        for batch in batches {
            merged.technicians += batch.technicians
            merged.availability += batch.availability
            merged.customers += batch.customers
            merged.locations += batch.locations
            merged.jobs += batch.jobs
            merged.appointments += batch.appointments
            merged.assignments += batch.assignments
            merged.tombstones += batch.tombstones
            merged.sweeps += batch.sweeps
            merged.rejects += batch.rejects
            merged.failures += batch.failures
            merged.notes += batch.notes
            for cursor in batch.cursors { merged.cursors[cursor.key] = cursor }
        }
        return merged
    }

    struct Merged: Sendable {
        var technicians: [Technician] = []
        var availability: [AvailabilityWindow] = []
        var customers: [CustomerRecord] = []
        var locations: [ServiceLocation] = []
        var jobs: [Job] = []
        var appointments: [Appointment] = []
        var assignments: [AppointmentAssignment] = []
        var tombstones: [Tombstone] = []
        var sweeps: [Sweep] = []
        var rejects: [RejectedRecord] = []
        var failures: [SourceFailure] = []
        var notes: [String] = []
        var cursors: [String: SourceCursor] = [:]

        func cursorValue(_ key: String) -> String? { cursors[key]?.value }
    }
}
