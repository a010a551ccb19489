import FieldSyncCore
import FieldSyncStore
import Foundation

/// The ``PullSink`` of one source in a reconciliation: each page of the complete read is compared
/// with the cache (and, unless it is a dry run, applied in the same transaction, as a sync would
/// apply it), and what the page says about bookings and holds is kept for the end of the pass.
///
/// It remembers every record the pass has seen, so that when a resource's pass ends (its
/// ``Sweep``) or a calendar is read whole (its ``AvailabilityCoverage``), the live cached records
/// not seen are reported as deleted at the backend, before the deletion is applied.
actor ReconcileSink: PullSink {
    /// What fieldsync booked or holds in this source, whose remote records the pass looks out for.
    struct Watch: Sendable {
        var bookings: [BookingRecord] = []
        var holds: [BookingRecord] = []

        var appointmentIDs: Set<String> { Set(bookings.compactMap(\.remoteAppointmentID)) }
        var jobIDs: Set<String> { Set(bookings.compactMap(\.remoteJobID)) }
        var holdTechnicians: Set<String> { Set(holds.map(\.technicianID)) }
    }

    /// What the pass saw of the watched records.
    struct Sightings: Sendable {
        var appointments: [String: Appointment] = [:]
        var jobs: [String: Job] = [:]
        /// Assignments by appointment id (ServiceTitan keeps them apart from appointments).
        var assignments: [String: [String: AppointmentAssignment]] = [:]
        var deletedAppointments: Set<String> = []
        var deletedJobs: Set<String> = []
        /// Appointments overlapping a hold's time.
        var nearHolds: [String: Appointment] = [:]
    }

    let store: CacheStore
    /// The sync run pages are applied under; nil for a dry run, which changes nothing.
    let runID: Int64?
    let backend: String
    let source: String
    let brake: MassDeleteBrake
    let clock: @Sendable () -> Date
    let onProgress: (@Sendable (String, PullProgress) -> Void)?
    let watch: Watch
    private let watchedAppointments: Set<String>
    private let watchedJobs: Set<String>
    private let holdTechnicians: Set<String>

    private(set) var found: [Drift] = []
    private var position: [String: Int] = [:]
    private var seen: [RecordEntity: Set<String>] = [:]
    private var rejectedIDs: Set<String> = []
    /// Kinds of record whose complete pass ended (with their ranges, for kinds bound to time).
    private(set) var swept: [RecordEntity: [TimeRange?]] = [:]
    private(set) var sawCoverage = false
    private(set) var totals = ApplyResult()
    private(set) var failures: [SourceFailure] = []
    private(set) var notes: [String] = []
    private(set) var recordsRead = 0
    private(set) var rejected = 0
    private(set) var readAnything = false
    private(set) var sightings = Sightings()
    /// The pages handed over, landing one after another while the adapter reads on.
    private var landings = PageLandings()

    init(
        store: CacheStore, runID: Int64?, backend: String, source: String, brake: MassDeleteBrake, watch: Watch,
        clock: @escaping @Sendable () -> Date, onProgress: (@Sendable (String, PullProgress) -> Void)?
    ) {
        self.store = store
        self.runID = runID
        self.backend = backend
        self.source = source
        self.brake = brake
        self.watch = watch
        self.clock = clock
        self.onProgress = onProgress
        watchedAppointments = watch.appointmentIDs
        watchedJobs = watch.jobIDs
        holdTechnicians = watch.holdTechnicians
    }

    /// Hands a page over and returns while it is compared and applied, so the adapter reads the
    /// next page meanwhile. Pages are still handled one at a time, in order, each in its own
    /// transaction; a page that fails to land stops the pass at the next commit (or at
    /// ``finish()``), as a failed apply stops a sync.
    func commit(_ page: PullBatch) async throws {
        try await landings.queue { try await self.land(page) }?.value
    }

    /// Waits until every page handed over has been compared and applied; rethrows the error of
    /// one that could not be. The runner reads the results only after this.
    func finish() async throws {
        try await landings.last?.value
    }

    private func land(_ page: PullBatch) throws {
        remember(page)
        // What the page's end of pass deletes is read before the page lands.
        let deletions = try deletions(endingWith: page)
        let compared: [Drift]
        if let runID {
            let whole = !page.coverage.isEmpty || page.inventory != nil
            let applied = try store.applyComparing(
                page, run: runID, backend: backend, source: source, resolveMissingRejects: whole && page.failures.isEmpty,
                brake: brake, deferDeletions: !whole, now: clock())
            totals.add(applied.result)
            compared = applied.drift
        } else {
            compared = try store.drift(of: page, source: source)
        }
        for drift in compared + deletions { record(drift) }
        look(at: page)
        if !page.coverage.isEmpty { sawCoverage = true }
        failures += page.failures
        notes += page.notes
        rejected += page.rejects.count
        if !page.technicians.isEmpty || !page.availability.isEmpty || !page.jobs.isEmpty || !page.appointments.isEmpty
            || !page.customers.isEmpty || !page.locations.isEmpty || !page.assignments.isEmpty || !page.coverage.isEmpty
            || !page.tombstones.isEmpty || !page.sweeps.isEmpty
        {
            readAnything = true
        }
    }

    /// Not isolated: the adapter reports progress right after a commit, and must not wait for
    /// the page landing meanwhile.
    nonisolated func progress(_ progress: PullProgress) async {
        onProgress?(source, progress)
    }

    // MARK: Seen records

    private static func windowKey(_ technicianID: String, _ externalID: String) -> String {
        "\(technicianID)\u{1}\(externalID)"
    }

    private func remember(_ page: PullBatch) {
        func add(_ entity: RecordEntity, _ ids: [String]) {
            guard !ids.isEmpty else { return }
            recordsRead += ids.count
            seen[entity, default: []].formUnion(ids)
        }
        if page.inventory == nil { add(.technicians, page.technicians.map(\.source.externalID)) }
        add(.availability, page.availability.map { Self.windowKey($0.technicianID, $0.source.externalID) })
        add(.customers, page.customers.map(\.source.externalID))
        add(.locations, page.locations.map(\.source.externalID))
        add(.jobs, page.jobs.map(\.source.externalID))
        add(.appointments, page.appointments.map(\.source.externalID))
        add(.assignments, page.assignments.map(\.source.externalID))
        // A record quarantined this time was seen, not deleted.
        rejectedIDs.formUnion(page.rejects.compactMap(\.externalID))
    }

    /// The live cached records a sweep or a whole-calendar coverage in `page` finds gone.
    private func deletions(endingWith page: PullBatch) throws -> [Drift] {
        var out: [Drift] = []
        for sweep in page.sweeps {
            swept[sweep.entity, default: []].append(sweep.range)
            let seenIDs = seen[sweep.entity] ?? []
            for record in try store.liveRecords(source: source, entity: sweep.entity, range: sweep.range) {
                let key =
                    sweep.entity == .availability
                    ? Self.windowKey(record.technicianID ?? "", record.externalID) : record.externalID
                guard !seenIDs.contains(key), !rejectedIDs.contains(record.externalID) else { continue }
                out.append(
                    Drift(
                        source: source, entity: sweep.entity, externalID: record.externalID, change: .deleted,
                        technicianID: record.technicianID, start: record.start,
                        appointmentExternalID: record.appointmentExternalID))
            }
        }
        if !page.coverage.isEmpty {
            let cached = try store.liveRecords(source: source, entity: .availability, range: nil)
            let inPage = Set(page.availability.map { Self.windowKey($0.technicianID, $0.source.externalID) })
            var reported = Set<String>()
            for coverage in page.coverage {
                for record in cached where record.technicianID == coverage.technicianID {
                    guard coverage.scopes(externalID: record.externalID), !coverage.retains(externalID: record.externalID),
                        let start = record.start, let end = record.end
                    else { continue }
                    let inside =
                        start == end
                        ? coverage.range.start <= start && start < coverage.range.end
                        : start < coverage.range.end && coverage.range.start < end
                    let key = Self.windowKey(coverage.technicianID, record.externalID)
                    guard inside, !inPage.contains(key), reported.insert(key).inserted else { continue }
                    out.append(
                        Drift(
                            source: source, entity: .availability, externalID: record.externalID, change: .deleted,
                            technicianID: coverage.technicianID, start: start))
                }
            }
        }
        return out
    }

    /// Keeps one difference per record: a record read twice in one pass (it changed while the
    /// pass ran) is reported once, against what the cache had before the pass.
    private func record(_ drift: Drift) {
        guard let at = position[drift.key] else {
            position[drift.key] = found.count
            found.append(drift)
            return
        }
        let earlier = found[at]
        switch (earlier.change, drift.change) {
        case (.created, .changed):
            break
        case (.changed, .changed):
            // Both reads' fields: a later read may compare other fields than the earlier one
            // (ServiceTitan's contacts after its customers), so what it does not name stays.
            var merged = drift
            var fields = earlier.fields
            for field in drift.fields {
                if let i = fields.firstIndex(where: { $0.name == field.name }) {
                    fields[i] = FieldChange(
                        name: field.name, before: fields[i].before, after: field.after, isPersonal: field.isPersonal)
                } else {
                    fields.append(field)
                }
            }
            // A field changed and changed back while the pass ran did not change.
            merged.fields = fields.filter { $0.isPersonal || $0.before != $0.after }
            merged.technicianIDsBefore = earlier.technicianIDsBefore ?? drift.technicianIDsBefore
            if merged.fields.isEmpty {
                found.remove(at: at)
                position = Dictionary(uniqueKeysWithValues: found.enumerated().map { ($1.key, $0) })
            } else {
                found[at] = merged
            }
        default:
            var latest = drift
            latest.technicianIDsBefore = earlier.technicianIDsBefore ?? drift.technicianIDsBefore
            found[at] = latest
        }
    }

    // MARK: Bookings and holds

    private func look(at page: PullBatch) {
        guard !watchedAppointments.isEmpty || !watch.holds.isEmpty else { return }
        for appointment in page.appointments {
            let id = appointment.source.externalID
            if watchedAppointments.contains(id) { sightings.appointments[id] = appointment }
            if watch.holds.contains(where: { $0.start < appointment.range.end && appointment.range.start < $0.end }) {
                sightings.nearHolds[id] = appointment
            }
        }
        for job in page.jobs where watchedJobs.contains(job.source.externalID) {
            sightings.jobs[job.source.externalID] = job
        }
        for assignment in page.assignments
        where watchedAppointments.contains(assignment.appointmentExternalID) || holdTechnicians.contains(assignment.technicianID)
        {
            sightings.assignments[assignment.appointmentExternalID, default: [:]][assignment.source.externalID] = assignment
        }
        for tombstone in page.tombstones {
            switch tombstone.entity {
            case .appointments where watchedAppointments.contains(tombstone.externalID):
                sightings.deletedAppointments.insert(tombstone.externalID)
            case .jobs where watchedJobs.contains(tombstone.externalID):
                sightings.deletedJobs.insert(tombstone.externalID)
            default: break
            }
        }
    }

    /// Whether the pass saw every appointment of the source that starts at `start`.
    func sweptAppointments(at start: Date) -> Bool {
        (swept[.appointments] ?? []).contains { range in range.map { $0.start <= start && start < $0.end } ?? true }
    }

    /// The ids of records of `entity` seen so far.
    func seenIDs(_ entity: RecordEntity) -> Set<String> { seen[entity] ?? [] }
}
