import FieldSyncCore
import Foundation

/// One ``ServiceTitanAdapter/pull(_:into:)``: the resources in order, each page committed with
/// the cursors that resume after it, failures of one resource committed and the rest read on.
///
/// Order: reference data (business units, job types, zones), technicians, customers, locations,
/// customer contacts, jobs, appointments, appointment assignments, technician shifts, non-job
/// appointments. Technicians need the zones and jobs need the job types and business units:
/// when those could not be read, they are skipped with a failure that says why.
struct PullRun {
    let client: ServiceTitanClient
    var mapper: RecordMapper
    let request: PullRequest
    let sink: any PullSink
    let pageSize: Int

    /// Cursors as committed so far in this run (starting from the request's).
    private var saved: [String: SourceCursor]
    /// Cursors to commit with the next page, whatever it is.
    private var staged: [String: SourceCursor] = [:]
    /// Notes to commit with the next page.
    private var pendingNotes: [String] = []

    init(client: ServiceTitanClient, mapper: RecordMapper, request: PullRequest, sink: any PullSink, pageSize: Int) {
        self.client = client
        self.mapper = mapper
        self.request = request
        self.sink = sink
        self.pageSize = pageSize
        self.saved = request.cursors
    }

    mutating func execute() async throws {
        let reference = try await readReferenceData()
        if let failure = reference[STResource.zones.name] {
            try await skip(.technicians, needing: [failure])
        } else {
            try await readExport(.technicians, sweeping: .technicians)
        }
        try await readExport(.customers, sweeping: .customers)
        try await readExport(.locations, sweeping: .locations)
        try await readExport(.customerContacts, sweeping: nil)
        let jobNeeds = [STResource.jobTypes.name, STResource.businessUnits.name].compactMap { reference[$0] }
        if jobNeeds.isEmpty {
            try await readExport(.jobs, sweeping: .jobs)
        } else {
            try await skip(.jobs, needing: jobNeeds)
        }
        try await readExport(.appointments, sweeping: .appointments)
        try await readExport(.appointmentAssignments, sweeping: .assignments)
        var pass = AvailabilityPass(
            saved: { value($0) }, exists: { cursor($0) != nil }, fullPass: request.fullPass, runID: request.runID)
        for cursor in pass.opening { staged[cursor.key] = cursor }
        try await readList(.technicianShifts, pass: &pass)
        try await readList(.nonJobAppointments, pass: &pass)
    }

    // MARK: Cursors and commits

    /// The cursor under `key` as this run sees it (staged, else committed).
    func cursor(_ key: String) -> SourceCursor? { staged[key] ?? saved[key] }

    /// The cursor's value; nil when missing or cleared (empty).
    func value(_ key: String) -> String? {
        guard let value = cursor(key)?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Commits one page with `cursors`, plus whatever was staged for the next commit.
    /// Rethrows what the sink throws (``PullInterrupted``), unchanged.
    mutating func commit(_ page: PullBatch, cursors: [SourceCursor] = []) async throws {
        var batch = page
        var merged = staged
        for cursor in cursors { merged[cursor.key] = cursor }
        batch.cursors = merged.values.sorted { $0.key < $1.key }
        batch.notes = pendingNotes + batch.notes
        try await sink.commit(batch)
        for cursor in batch.cursors { saved[cursor.key] = cursor }
        staged = [:]
        pendingNotes = []
    }

    /// Commits `error` as the failure of `resource`, or rethrows it when it ends the pull.
    mutating func fail(_ resource: STResource, _ error: ServiceTitanError) async throws {
        guard !error.endsPull else { throw error }
        var batch = PullBatch()
        batch.failures = [SourceFailure(part: resource.name, message: error.message, isTransient: error.isTransient)]
        try await commit(batch)
    }

    private mutating func skip(_ resource: STResource, needing failures: [SourceFailure]) async throws {
        let names = failures.map(\.part).joined(separator: " and ")
        var batch = PullBatch()
        batch.failures = [
            SourceFailure(
                part: resource.name,
                message: "\(resource.name) were not read because they need the tenant's \(names), which could not be read (see that failure)",
                isTransient: failures.allSatisfy(\.isTransient))
        ]
        try await commit(batch)
    }

    // MARK: Reference data

    /// Reads business units, job types and zones in full into the mapper; returns the failures
    /// by resource name (also committed).
    private mutating func readReferenceData() async throws -> [String: SourceFailure] {
        var failures: [String: SourceFailure] = [:]
        var notes: [String] = []
        let decoder = JSONDecoder()
        for resource in [STResource.businessUnits, .jobTypes, .zones] {
            var page = 1
            var count = 0
            do {
                while true {
                    let raw = try await client.page(
                        resource, query: [("page", String(page)), ("pageSize", String(pageSize)), ("active", "Any")])
                    var unreadable: [RejectReason] = []
                    for record in raw.records {
                        do {
                            try mapper.reference.add(record, of: resource, decoder: decoder)
                        } catch {
                            unreadable.append(.describing(error))
                        }
                    }
                    if let first = unreadable.first {
                        notes.append(
                            "\(resource.name) page \(page): \(unreadable.count) record(s) could not be read, left out of the reference data (first: \(first))")
                    }
                    count += raw.records.count
                    await sink.progress(PullProgress(resource: resource.name, pages: page, records: count, total: raw.int("totalCount")))
                    guard raw.bool("hasMore") == true, !raw.records.isEmpty else { break }
                    page += 1
                }
            } catch let error as ServiceTitanError where !error.endsPull {
                failures[resource.name] = SourceFailure(part: resource.name, message: error.message, isTransient: error.isTransient)
            }
        }
        if !failures.isEmpty || !notes.isEmpty {
            var batch = PullBatch()
            batch.failures = failures.values.sorted { $0.part < $1.part }
            batch.notes = notes
            try await commit(batch)
        }
        return failures
    }

    // MARK: Export feeds

    /// Reads one export feed from its saved position to its end, one commit per page.
    private mutating func readExport(_ resource: STResource, sweeping entity: RecordEntity?) async throws {
        var pager = ExportPager(
            resource: resource.name, saved: { value($0) }, fullPass: request.fullPass, runID: request.runID)
        var pages = 0
        var records = 0
        while !pager.isFinished {
            let raw: RawPage
            do {
                raw = try await client.page(resource, query: pager.query)
            } catch let error as ServiceTitanError where error.code == .invalidContinuationToken {
                guard pager.restart() else { return try await fail(resource, error) }
                pendingNotes.append(
                    "\(resource.name): ServiceTitan no longer accepts the saved export position; reading the whole feed again (a full pass)")
                continue
            } catch let error as ServiceTitanError {
                return try await fail(resource, error)
            }
            pages += 1
            records += raw.records.count
            var batch = mapper.map(raw.records, of: resource, page: pages)
            let step = pager.receive(continueFrom: raw.string("continueFrom"), hasMore: raw.bool("hasMore") ?? false)
            if step.stalled {
                batch.failures.append(
                    SourceFailure(
                        part: resource.name,
                        message: "ServiceTitan \(resource.name) (\(resource.path(tenant: client.configuration.tenantID))) said it has more but gave back the same continueFrom; stopped reading it to avoid asking for the same page forever",
                        isTransient: true))
            }
            if let sinceRun = step.sweepSinceRun {
                if let entity { batch.sweeps.append(Sweep(entity: entity, sinceRun: sinceRun)) }
                if sinceRun == request.runID { batch.completeParts.insert(resource.name) }
            }
            try await commit(batch, cursors: step.cursors)
            await sink.progress(PullProgress(resource: resource.name, pages: pages, records: records))
        }
    }

    // MARK: List resources

    /// Reads one list resource by `modifiedOn` keyset paging, one commit per page. It reads only
    /// what starts inside the horizon or later, in a pass and between passes alike, so that an
    /// incremental run never stores a window a full pass would not.
    private mutating func readList(_ resource: STResource, pass: inout AvailabilityPass) async throws {
        let inPass = pass.includes(resource.name)
        var pager = ListPager(
            resource: resource.name, pageSize: pageSize, saved: cursor(ListPager.cursorKey(resource.name)))
        // `active=Any` so deactivations arrive; non-job appointments spell it `activeOnly=false`.
        var filters = [("active", "Any")]
        if resource == .nonJobAppointments { filters.append(("activeOnly", "false")) }
        filters.append(("startsOnOrAfter", RFC3339.string(request.horizon.start)))
        var pages = 0
        var records = 0
        while !pager.isFinished {
            let raw: RawPage
            do {
                raw = try await client.page(resource, query: pager.query + filters)
            } catch let error as ServiceTitanError {
                return try await fail(resource, error)
            }
            pages += 1
            records += raw.records.count
            let hasMore = raw.bool("hasMore") ?? false
            let fresh = pager.receive(raw.records, hasMore: hasMore)
            var batch = mapper.map(fresh, of: resource, page: pages)
            if hasMore && raw.records.isEmpty {
                batch.notes.append("\(resource.name) page \(pages): an empty page that claims more; stopped here, the next run goes on")
            }
            var cursors = [pager.cursor]
            if pager.endedCleanly && inPass {
                let finished = pass.finish(resource.name)
                cursors += finished.cursors
                if let sinceRun = finished.sweepSinceRun {
                    batch.sweeps.append(Sweep(entity: .availability, sinceRun: sinceRun, range: request.horizon))
                    if sinceRun == request.runID { batch.completeParts.formUnion(AvailabilityPass.parts) }
                }
            }
            try await commit(batch, cursors: cursors)
            await sink.progress(
                PullProgress(resource: resource.name, pages: pages, records: records, total: raw.int("totalCount")))
        }
    }
}
