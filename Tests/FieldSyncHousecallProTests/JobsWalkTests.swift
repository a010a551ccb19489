import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("The jobs walk: updated_at high-water mark and full passes")
struct JobsWalkTests {
    /// Jobs `job_1`…`job_n`, created a minute apart, updated at `updated(i)`.
    static func jobs(_ n: Int, updated: (Int) -> Int = { 100 + $0 * 10 }) -> [FakeRecord] {
        (1...n).map { HCP.job("job_\($0)", created: $0, updated: updated($0)) }
    }

    static func data(jobs: [FakeRecord]) -> FakeData {
        var data = HCP.small
        data.jobs = jobs
        return data
    }

    @Test("the first run is a full pass, oldest created first, ending with job and appointment sweeps begun in that run")
    func firstRunIsFullPass() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(5)))
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2), run: 7)
        let jobRequests = await server.requests.filter { $0.apiPath == "/jobs" }
        // The probe for the newest updated_at, then every page in created_at order.
        #expect(jobRequests.first?.query == ["sort_by": "updated_at", "sort_direction": "desc", "page": "1", "page_size": "1"])
        let pages = jobRequests.dropFirst()
        #expect(pages.map { $0.query["page"] } == ["1", "2", "3"])
        #expect(pages.allSatisfy { $0.query["sort_by"] == "created_at" && $0.query["sort_direction"] == "asc" })
        #expect(pages.allSatisfy { $0.query["expand[]"] == "appointments" })

        let batches = await sink.batches.filter { !$0.jobs.isEmpty }
        #expect(batches.dropLast().allSatisfy { $0.sweeps.isEmpty })
        #expect(batches.last?.sweeps == [Sweep(entity: .jobs, sinceRun: 7), Sweep(entity: .appointments, sinceRun: 7)])
        #expect(batches.last?.completeParts.contains("jobs") == true)
        let merged = await sink.merged
        #expect(Set(merged.jobs.map(\.source.externalID)) == Set((1...5).map { "job_\($0)" }))
        let cursors = await sink.cursors
        #expect(cursors[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(150))
        #expect(cursors[HousecallProCursorKey.jobsFullPass]?.value == RFC3339.string(HCP.day0))
        #expect(cursors[HousecallProCursorKey.jobsWalk]?.value == "")
    }

    @Test("an incremental run walks newest updated_at first and stops at the page that reaches the saved mark")
    func incrementalStopsAtMark() async throws {
        // Updated at 110, 120, … 160; the mark is 140.
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(6)))
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2), run: 3, cursors: incrementalCursors(mark: 140))
        let jobRequests = await server.requests.filter { $0.apiPath == "/jobs" }
        #expect(jobRequests.map { $0.query["page"] } == ["1", "2"])
        #expect(jobRequests.allSatisfy { $0.query["sort_by"] == "updated_at" && $0.query["sort_direction"] == "desc" })
        let merged = await sink.merged
        // 160 and 150 on page 1; 140 (the mark itself, read again) on page 2, 130 skipped.
        #expect(merged.jobs.map(\.source.externalID) == ["job_6", "job_5", "job_4"])
        #expect(merged.sweeps.filter { $0.entity == .jobs || $0.entity == .appointments }.isEmpty)
        #expect(!merged.completeParts.contains("jobs"))
        let cursors = await sink.cursors
        #expect(cursors[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(160))
        #expect(cursors[HousecallProCursorKey.jobsWalk]?.value == "")
    }

    @Test("the walk's own cursor is saved after every page; the high-water mark only when the walk completes")
    func markSavedAtTheEnd() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(6)))
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2), run: 3, cursors: incrementalCursors(mark: 0))
        let batches = await sink.batches.filter { !$0.jobs.isEmpty }
        #expect(batches.count == 3)
        for batch in batches.dropLast() {
            #expect(!batch.cursors.contains { $0.key == HousecallProCursorKey.jobsHighWater })
            #expect(batch.cursors.contains { $0.key == HousecallProCursorKey.jobsWalk && !$0.value.isEmpty })
        }
        #expect(batches.last?.cursors.first { $0.key == HousecallProCursorKey.jobsHighWater }?.value == HCP.stamp(160))
    }

    /// Stops the pull when the jobs batch after `pages` committed jobs pages comes.
    static func stopAfterJobsPages(_ pages: Int) -> @Sendable (PullBatch, [PullBatch]) -> Bool {
        { batch, before in
            let isJobsPage = { (b: PullBatch) in b.cursors.contains { $0.key.hasPrefix("jobs/") } }
            return isJobsPage(batch) && before.filter(isJobsPage).count == pages
        }
    }

    @Test("a walk stopped after page 2 resumes at page 3 on the next run, and only then moves the mark")
    func killedWalkResumes() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(8)))
        let adapter = makeAdapter(server, pageSize: 2)
        let start = incrementalCursors(mark: 0)
        let first = RecordingSink(cursors: start, interrupt: Self.stopAfterJobsPages(2))
        await #expect(throws: PullInterrupted.self) {
            try await adapter.pull(pullRequest(run: 5, cursors: start), into: first)
        }
        let saved = await first.cursors
        #expect(saved[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(0))
        let firstJobs = await first.merged.jobs.map(\.source.externalID)
        #expect(firstJobs == ["job_8", "job_7", "job_6", "job_5"])

        await server.clearRequests()
        let second = RecordingSink(cursors: saved)
        try await adapter.pull(pullRequest(run: 6, cursors: saved), into: second)
        let jobRequests = await server.requests.filter { $0.apiPath == "/jobs" }
        #expect(jobRequests.map { $0.query["page"] } == ["3", "4"])
        let secondJobs = await second.merged.jobs.map(\.source.externalID)
        #expect(secondJobs == ["job_4", "job_3", "job_2", "job_1"])
        #expect(await second.merged.notes.contains { $0.contains("resuming the incremental walk begun in run 5 at page 3") })
        // The mark is the newest updated_at of the walk's first page, read in the first run.
        #expect(await second.cursors[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(180))
        #expect(await second.cursors[HousecallProCursorKey.jobsWalk]?.value == "")
    }

    @Test("a job changed while a walk was stopped is read by the walk after it")
    func changedDuringWalkIsNotLost() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(8)))
        let adapter = makeAdapter(server, pageSize: 2)
        let start = incrementalCursors(mark: 0)
        let first = RecordingSink(cursors: start, interrupt: Self.stopAfterJobsPages(1))
        await #expect(throws: PullInterrupted.self) {
            try await adapter.pull(pullRequest(run: 1, cursors: start), into: first)
        }
        // job_7 (already read) and job_2 (not yet read) change: both jump to the front.
        await server.update { data in
            data.jobs[6] = HCP.job("job_7", created: 7, updated: 500)
            data.jobs[1] = HCP.job("job_2", created: 2, updated: 510)
        }
        let second = try await pullOnce(adapter, run: 2, cursors: await first.cursors)
        let resumed = Set(await first.merged.jobs.map(\.source.externalID) + second.merged.jobs.map(\.source.externalID))
        // job_2 moved onto page 1, which the resumed walk had already read …
        #expect(!resumed.contains("job_2"))
        // … but it is newer than that walk's mark, so the next walk reads it first.
        let third = try await pullOnce(adapter, run: 3, cursors: await second.cursors)
        let thirdJobs = await third.merged.jobs
        #expect(thirdJobs.prefix(2).map(\.source.externalID) == ["job_2", "job_7"])
        #expect(thirdJobs.first?.source.remoteVersion == HCP.stamp(510))
        #expect(resumed.union(thirdJobs.map(\.source.externalID)) == Set((1...8).map { "job_\($0)" }))
    }

    @Test("a full pass is due once fullPassInterval has passed since the last one began")
    func fullPassDue() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(3)))
        let adapter = makeAdapter(server, pageSize: 2, fullPassInterval: .seconds(6 * 3600))
        var cursors = incrementalCursors(mark: 0)
        cursors[HousecallProCursorKey.jobsFullPass]?.value = RFC3339.string(HCP.day0.addingTimeInterval(-7 * 3600))
        let sink = try await pullOnce(adapter, run: 9, cursors: cursors)
        let pageRequests = await server.requests.filter { $0.apiPath == "/jobs" && $0.query["page_size"] == "2" }
        #expect(pageRequests.allSatisfy { $0.query["sort_by"] == "created_at" })
        #expect(await sink.merged.sweeps.contains(Sweep(entity: .jobs, sinceRun: 9)))
        #expect(await sink.merged.notes.contains { $0.contains("full pass (due)") })
    }

    @Test("a full pass runs when the engine asks for one, even if none is due")
    func fullPassRequested() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(3)))
        let sink = try await pullOnce(makeAdapter(server), run: 4, cursors: incrementalCursors(mark: 0), fullPass: true)
        let sweeps = await sink.merged.sweeps
        #expect(sweeps.contains(Sweep(entity: .jobs, sinceRun: 4)))
        #expect(sweeps.contains(Sweep(entity: .appointments, sinceRun: 4)))
        #expect(sweeps.contains(Sweep(entity: .customers, sinceRun: 4)))
    }

    @Test("without a due full pass there are no job sweeps")
    func noSweepWhenIncremental() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(3)))
        let sink = try await pullOnce(makeAdapter(server), run: 4, cursors: incrementalCursors(mark: 0))
        let sweeps = await sink.merged.sweeps
        #expect(sweeps.map(\.entity) == [.technicians])
    }

    @Test("a full pass stopped part-way resumes on the next run and sweeps with the run it began in")
    func fullPassResumes() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(6)))
        let adapter = makeAdapter(server, pageSize: 2)
        let first = RecordingSink(interrupt: Self.stopAfterJobsPages(1))
        await #expect(throws: PullInterrupted.self) { try await adapter.pull(pullRequest(run: 11), into: first) }
        await server.clearRequests()
        let second = try await pullOnce(adapter, run: 12, cursors: await first.cursors)
        let jobRequests = await server.requests.filter { $0.apiPath == "/jobs" }
        #expect(jobRequests.map { $0.query["page"] } == ["2", "3"])
        #expect(jobRequests.allSatisfy { $0.query["sort_by"] == "created_at" })
        let sweeps = await second.merged.sweeps.filter { $0.entity == .jobs || $0.entity == .appointments }
        #expect(sweeps == [Sweep(entity: .jobs, sinceRun: 11), Sweep(entity: .appointments, sinceRun: 11)])
        #expect(await second.cursors[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(160))
    }

    @Test("a job removed between two pages makes the walk step back, so no job is skipped")
    func removalStepsBack() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(6)))
        // Before page 2 of the full pass is served, job_1 (on page 1) is deleted: job_3 slides
        // onto page 1, already read.
        await server.change(beforeNext: "/jobs", page: 2) { $0.jobs.removeFirst() }
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2), run: 1)
        let read = Set(await sink.merged.jobs.map(\.source.externalID))
        #expect(read.isSuperset(of: ["job_2", "job_3", "job_4", "job_5", "job_6"]))
        let pages = await server.requests.filter { $0.apiPath == "/jobs" && $0.query["page_size"] == "2" }
        #expect(pages.map { $0.query["page"] } == ["1", "2", "1", "2", "3"])
        #expect(await sink.merged.sweeps.contains(Sweep(entity: .jobs, sinceRun: 1)))
    }

    @Test("a job with deleted_at is a tombstone, for it and its appointments")
    func deletedJobIsTombstone() async throws {
        let deleted = HCP.job(
            "job_9", created: 9, updated: 300,
            appointments: [["id": "appt_1", "start_time": HCP.stamp(60), "end_time": HCP.stamp(120)]],
            extra: ["deleted_at": HCP.stamp(300)])
        let server = ScriptedHousecallPro(Self.data(jobs: [deleted]))
        let merged = try await pullOnce(makeAdapter(server), cursors: incrementalCursors(mark: 0)).merged
        #expect(merged.jobs.isEmpty)
        #expect(merged.appointments.isEmpty)
        #expect(
            merged.tombstones == [
                Tombstone(entity: .jobs, externalID: "job_9", remoteVersion: HCP.stamp(300)),
                Tombstone(entity: .appointments, externalID: "appt_1", remoteVersion: HCP.stamp(300)),
            ])
    }

    @Test("a job page that fails after retries is a failure, and the next run resumes at that page")
    func failedPageResumes() async throws {
        let server = ScriptedHousecallPro(Self.data(jobs: Self.jobs(6)))
        await server.setScript { request, _ in
            request.apiPath == "/jobs" && request.query["page"] == "2" ? ScriptedHousecallPro.json(503, "{}") : nil
        }
        let adapter = makeAdapter(server, pageSize: 2)
        let first = try await pullOnce(adapter, run: 1, cursors: incrementalCursors(mark: 0))
        let failures = await first.merged.failures
        #expect(failures.map(\.part) == ["jobs"])
        #expect(failures.first?.isTransient == true)
        #expect(failures.first?.message.contains("jobs page 2") == true)
        #expect(await first.cursors[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(0))

        await server.setScript(nil)
        await server.clearRequests()
        let second = try await pullOnce(adapter, run: 2, cursors: await first.cursors)
        let pages = await server.requests.filter { $0.apiPath == "/jobs" }.map { $0.query["page"] }
        #expect(pages == ["2", "3"])
        #expect(await second.cursors[HousecallProCursorKey.jobsHighWater]?.value == HCP.stamp(160))
    }

    @Test("a refused commit stops the pull at once and comes out unchanged")
    func interruptedCommitIsRethrown() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        let sink = RecordingSink(interrupt: { _, _ in true })
        let error = await #expect(throws: PullInterrupted.self) {
            try await makeAdapter(server).pull(pullRequest(run: 1), into: sink)
        }
        #expect(error?.reason == "stopped by the test")
        #expect(await server.requests.count == 1)
    }
}
