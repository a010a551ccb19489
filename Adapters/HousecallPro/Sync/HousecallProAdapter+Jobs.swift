import FieldSyncCore
import Foundation

extension HousecallProAdapter {
    /// Reads jobs and their appointments: an incremental walk by the `updated_at` high-water
    /// mark, or a full pass when one is due.
    ///
    /// Housecall Pro cannot filter jobs by `updated_at`, but it can sort by it. So:
    ///
    /// **Incremental walk** (`sort_by=updated_at&sort_direction=desc`): newest change first, page
    /// after page, stopping at the page that reaches a job older than the saved mark
    /// (`jobs/high-water`); jobs older than the mark on that page are already known and skipped.
    /// Jobs updated in the same second as the mark are read again (comparisons are to the
    /// second), which is harmless. The new mark is the newest `updated_at` on the walk's first
    /// page, the newest in the list when the walk began; it is saved only when the walk
    /// completes, so a walk that dies leaves the old mark in place.
    ///
    /// Every page is committed with the `jobs/walk` cursor (the next page, both marks, the run
    /// the walk began in), so a run that dies resumes the walk on the next run. Jobs that change
    /// while a walk is under way (in the same run or between two runs) move to the front of the
    /// list, onto pages already read, and are not seen by this walk; but their `updated_at` is
    /// now newer than the walk's new mark (the newest at its start), so the next walk, which
    /// stops at that mark, reads them. Moving them to the front only pushes the other jobs down
    /// a place, so none is skipped, only some read twice. A job removed meanwhile pushes the rest
    /// up instead; the drop in `total_items` shows it and the walk steps back (see
    /// ``WalkState/stepBack(afterReading:totalItems:)``). A mark taken from a later page could
    /// be newer than a change that has already moved onto a page read before, which is why the
    /// mark comes from the first page only.
    ///
    /// **Full pass** (first run, every ``HousecallProConfiguration/fullPassInterval``, or
    /// `request.fullPass`): every page, oldest `created_at` first. That order does not change
    /// when jobs are edited, and new jobs join at its end, so every job that exists for the
    /// whole pass is read exactly where the pass expects it; sorting by `updated_at` instead
    /// would let a job edited mid-pass jump onto a page already read and be missed, and the
    /// pass's sweep would then take it for deleted. Housecall Pro leaves deleted jobs out of its
    /// lists, so the pass ends with job and appointment sweeps: what it did not see is gone.
    /// Its high-water mark is taken before the first page by asking for the single newest job
    /// (`sort_by=updated_at&page_size=1`): everything changed before the pass began is read in
    /// its current state by the pass, and everything changed after has a newer `updated_at`.
    ///
    /// A job with `deleted_at`, should the API ever return one, is a tombstone.
    func pullJobs(_ request: PullRequest, into sink: any PullSink, jobTypes: JobTypeCatalog) async throws {
        let resource = HCPResource.jobs
        var (walk, notes) = planJobsWalk(request)
        if walk.mode == .full, !walk.markTaken {
            let probeQuery: [(name: String, value: String)] = [
                ("sort_by", "updated_at"), ("sort_direction", "desc"), ("page", "1"), ("page_size", "1"),
            ]
            guard case .success(let probe) = try await fetchPage(resource, page: 1, query: probeQuery, into: sink) else {
                return
            }
            walk.newMark = newestUpdatedAt(in: probe)
            walk.markTaken = true
            walk.totalItems = probe.totalItems
        }
        let mapper = JobMapper(
            backend: backend, sourceName: sourceName, mapping: mapping, jobTypes: jobTypes,
            appointments: AppointmentMapper(backend: backend, sourceName: sourceName, technicianIDs: technicianIDs))
        var pages = 0
        var records = 0
        while true {
            let pageNumber = walk.nextPage
            guard case .success(let page) = try await fetchPage(
                resource, page: pageNumber, query: jobsQuery(walk, page: pageNumber), into: sink)
            else { return }
            var batch = PullBatch()
            batch.notes = notes
            notes = []
            let oldMark = walk.mode == .incremental ? HCPTime.instant(walk.oldMark) : nil
            var reachedMark = false
            var newest: (instant: Int64, text: String)?
            var defaulted: [JobMapper.DefaultedJobType: Int] = [:]
            let decoded = decode(HCPJob.self, page, resource: resource, pageNumber: pageNumber)
            batch.rejects = decoded.rejects
            for (raw, job) in decoded.records {
                let updated = HCPTime.instant(job.updatedAt)
                if let oldMark, let updated, updated < oldMark {
                    reachedMark = true
                    continue
                }
                if let updated, let text = job.updatedAt, updated > (newest?.instant ?? .min) { newest = (updated, text) }
                let outcome = mapper.map(job)
                if let mapped = outcome.job { batch.jobs.append(mapped) }
                batch.appointments += outcome.appointments
                batch.tombstones += outcome.tombstones
                batch.rejects += outcome.problems.map { reject($0, raw: raw, resource: resource, pageNumber: pageNumber) }
                if let kind = outcome.defaulted { defaulted[kind, default: 0] += 1 }
            }
            if !walk.markTaken {
                walk.newMark = newest?.text
                walk.markTaken = true
            }
            batch.notes += defaultedNotes(defaulted, pageNumber: pageNumber)

            let finished: Bool
            if let back = walk.stepBack(afterReading: pageNumber, totalItems: page.totalItems) {
                walk.nextPage = back
                finished = false
            } else {
                walk.nextPage = pageNumber + 1
                finished = reachedMark || isLastPage(page, number: pageNumber, pageSize: walk.pageSize)
            }
            checkpoint(walk, finished: finished, into: &batch)
            try await sink.commit(batch)
            pages += 1
            records += page.records.count
            // An incremental walk reads only the changes, so the list's total would mislead.
            await sink.progress(
                PullProgress(
                    resource: resource.part, pages: pages, records: records,
                    total: walk.mode == .full ? page.totalItems : nil))
            if finished { return }
        }
    }

    /// Puts into `batch` what resumes after it: the walk so far, or, when the walk is finished,
    /// the new high-water mark (and for a full pass, its start and sweeps).
    func checkpoint(_ walk: WalkState, finished: Bool, into batch: inout PullBatch) {
        guard finished else {
            batch.cursors = [walk.cursor(key: HousecallProCursorKey.jobsWalk)]
            return
        }
        batch.cursors = [WalkState.finished(key: HousecallProCursorKey.jobsWalk)]
        if let mark = walk.newMark ?? walk.oldMark {
            batch.cursors.append(SourceCursor(key: HousecallProCursorKey.jobsHighWater, value: mark))
        }
        if walk.mode == .full {
            batch.cursors.append(SourceCursor(key: HousecallProCursorKey.jobsFullPass, value: walk.startedAt))
            batch.sweeps = [
                Sweep(entity: .jobs, sinceRun: walk.sinceRun), Sweep(entity: .appointments, sinceRun: walk.sinceRun),
            ]
            batch.completeParts.insert(HCPResource.jobs.part)
        }
    }

    /// The walk this run does: a new full pass when one is due (a requested one starts over even
    /// if another is under way), else the walk under way, else a new incremental walk from the
    /// saved mark. With the notes an operator should see.
    func planJobsWalk(_ request: PullRequest) -> (WalkState, notes: [String]) {
        let saved = WalkState.restore(request.cursors[HousecallProCursorKey.jobsWalk])
        let reason = FullPassReason.check(
            lastBegan: request.cursors[HousecallProCursorKey.jobsFullPass], request: request,
            interval: configuration.fullPassInterval)
        let startedAt = RFC3339.string(request.now)
        if let reason, reason == .requested || saved?.mode != .full {
            let walk = WalkState(mode: .full, nextPage: 1, pageSize: pageSize, sinceRun: request.runID, startedAt: startedAt)
            return (walk, ["jobs: full pass (\(reason)); it ends with sweeps that remove jobs deleted in Housecall Pro"])
        }
        if let saved {
            return (saved, ["jobs: resuming the \(saved.mode.rawValue) walk begun in run \(saved.sinceRun) at page \(saved.nextPage)"])
        }
        var notes: [String] = []
        var mark = request.cursors[HousecallProCursorKey.jobsHighWater]?.value
        if let text = mark, text.isEmpty || HCPTime.instant(text) == nil {
            if !text.isEmpty { notes.append("jobs: the saved high-water mark is not a timestamp; reading every page") }
            mark = nil
        }
        let walk = WalkState(
            mode: .incremental, nextPage: 1, pageSize: pageSize, sinceRun: request.runID, startedAt: startedAt,
            oldMark: mark)
        return (walk, notes)
    }

    /// The list query for `walk`'s page `page`.
    func jobsQuery(_ walk: WalkState, page: Int) -> [(name: String, value: String)] {
        let order: [(name: String, value: String)] =
            walk.mode == .full
            ? [("sort_by", "created_at"), ("sort_direction", "asc")]
            : [("sort_by", "updated_at"), ("sort_direction", "desc")]
        return pagedQuery([("expand[]", "appointments")] + order, page: page, pageSize: walk.pageSize)
    }

    /// The newest `updated_at` on `page`, as written.
    func newestUpdatedAt(in page: HCPPage) -> String? {
        let decoder = JSONDecoder()
        var newest: (instant: Int64, text: String)?
        for raw in page.records {
            guard let job = try? decoder.decode(HCPJob.self, from: Data(raw.bytes)), let text = job.updatedAt,
                let instant = HCPTime.instant(text)
            else { continue }
            if instant > (newest?.instant ?? .min) { newest = (instant, text) }
        }
        return newest?.text
    }

    /// Notes naming the job types that got the default rule on a page (type names only).
    func defaultedNotes(_ defaulted: [JobMapper.DefaultedJobType: Int], pageNumber: Int) -> [String] {
        defaulted.sorted { "\($0.key)" < "\($1.key)" }.map { kind, count in
            let jobs = count == 1 ? "1 job" : "\(count) jobs"
            switch kind {
            case .unlisted(let name):
                return "jobs page \(pageNumber): \(jobs) of type \"\(name)\", which \(mapping.fileDescription) does not list, got the default rule"
            case .missing:
                return "jobs page \(pageNumber): \(jobs) without a job type got the default rule of \(mapping.fileDescription)"
            }
        }
    }
}
