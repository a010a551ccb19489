import FieldSyncCore
import FieldSyncEngine
import FieldSyncStore
import Foundation
import GRDB
import Logging
import Testing

/// The engine's sinks hand each page to the cache while the adapter reads the next one. These
/// are the rules that must survive that overlap: pages land in order, one transaction each with
/// their cursors; a page that cannot land stops the pull, and nothing after it lands; and the
/// run's report waits for the last page, so its failure is never missed.
@Suite("Pages land while the next one is read")
struct PageLandingTests {
    static let horizon = TimeRange(
        start: Date(timeIntervalSince1970: 1_795_392_000), end: Date(timeIntervalSince1970: 1_795_392_000 + 28 * 86_400))

    @Test("a page that cannot land stops the sync at the next commit; the pages before it stay, with their cursor")
    func failedPageStopsTheSync() async throws {
        let workspace = try Workspace()
        let store = try Self.poisonedStore(workspace)
        let log = CommitLog()
        let adapter = ScriptedAdapter(pages: [Self.page(1, ["j1", "j2"]), Self.page(2, ["poison"]), Self.page(3, ["j3"])], log: log)
        let report = await SyncRunner(store: store, adapters: [adapter], logger: Logger(label: "test"), fieldsyncVersion: "test")
            .run(horizon: Self.horizon)

        let source = try #require(report.sources.first)
        #expect(source.state == .partial)
        #expect(source.error?.contains("injected failure") == true)
        // The adapter was told at its next commit, and stopped there.
        #expect(await log.accepted == [0, 1])
        #expect(await log.refused == [2])
        #expect(try Self.jobs(store) == ["j1", "j2"])
        #expect(try store.cursors(source: "scripted")["jobs"]?.value == "1")
    }

    @Test("the last page's failure reaches the report, though the adapter had already finished")
    func lastPageFailureIsReported() async throws {
        let workspace = try Workspace()
        let store = try Self.poisonedStore(workspace)
        let log = CommitLog()
        let adapter = ScriptedAdapter(pages: [Self.page(1, ["j1"]), Self.page(2, ["j2", "poison"])], log: log)
        let report = await SyncRunner(store: store, adapters: [adapter], logger: Logger(label: "test"), fieldsyncVersion: "test")
            .run(horizon: Self.horizon)

        let source = try #require(report.sources.first)
        #expect(await log.refused.isEmpty)
        #expect(source.state == .partial)
        #expect(source.error?.contains("injected failure") == true)
        #expect(source.counts.pages == 1)
        #expect(try Self.jobs(store) == ["j1"])
        #expect(try store.cursors(source: "scripted")["jobs"]?.value == "1")
        #expect(try store.runs(limit: 1).first?.state == .partial)
    }

    @Test("pages land in the order they were read, each with its own cursor")
    func pagesLandInOrder() async throws {
        let workspace = try Workspace()
        let store = try workspace.store()
        // Each page changes the same job: only the last one read may be what stays.
        let pages = (1...6).map { n in
            var page = Self.page(n, ["j1"])
            page.jobs[0].summary = "version \(n)"
            return page
        }
        let report = await SyncRunner(
            store: store, adapters: [ScriptedAdapter(pages: pages, log: CommitLog())], logger: Logger(label: "test"),
            fieldsyncVersion: "test"
        ).run(horizon: Self.horizon)

        #expect(report.sources.first?.state == .succeeded)
        #expect(report.sources.first?.counts.pages == 6)
        #expect(report.sources.first?.counts.updated == 5)
        #expect(try Self.value(store, "SELECT summary FROM jobs WHERE external_id = 'j1'") == "version 6")
        #expect(try store.cursors(source: "scripted")["jobs"]?.value == "6")
    }

    @Test("commits that overlap (an adapter committing from several tasks) all land, each whole, one after another")
    func overlappingCommits() async throws {
        let workspace = try Workspace()
        let store = try workspace.store()
        let pages = (1...8).map { n in
            var page = Self.page(n, ["j1", "j\(n + 1)"])
            page.jobs[0].summary = "version \(n)"
            return page
        }
        let report = await SyncRunner(
            store: store, adapters: [OverlappingAdapter(pages: pages)], logger: Logger(label: "test"), fieldsyncVersion: "test"
        ).run(horizon: Self.horizon)

        #expect(report.sources.first?.state == .succeeded)
        #expect(report.sources.first?.counts.pages == 8)
        #expect(try Self.jobs(store).count == 9)
        // Whichever page landed last, it landed whole: its cursor and its version of j1 together.
        let summary = try #require(try Self.value(store, "SELECT summary FROM jobs WHERE external_id = 'j1'"))
        let cursor = try #require(try store.cursors(source: "scripted")["jobs"]?.value)
        #expect(summary == "version \(cursor)")
    }

    @Test("a reconciliation whose last page cannot land says the source was not compared to the end")
    func reconcileLastPageFailure() async throws {
        let workspace = try Workspace()
        let store = try Self.poisonedStore(workspace)
        var config = try FieldSyncConfig.load(
            path: SandboxHarness.repository.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path,
            environment: [FieldSyncConfig.sandboxURLVariable: "http://127.0.0.1:9"])
        config.databasePath = store.path
        var runner = ReconcileRunner(
            config: config, store: store,
            adapters: [ScriptedAdapter(pages: [Self.page(1, ["j1"]), Self.page(2, ["poison"])], log: CommitLog())],
            logger: Logger(label: "test"), fieldsyncVersion: "test")
        runner.runChecks = false
        let report = try await runner.run(horizon: Self.horizon)

        #expect(report.outcome == .incomplete)
        let source = try #require(report.sources.first)
        #expect(source.state == .incomplete)
        #expect(source.notCompared.contains { $0.contains("injected failure") })
        // What landed before it was compared and repaired.
        #expect(report.differences.map(\.id) == ["j1"])
        #expect(try Self.jobs(store) == ["j1"])
    }

    // MARK: Helpers

    /// A fresh cache whose `jobs` table refuses a job with external id `poison`, after the
    /// rows of the same page before it were written.
    static func poisonedStore(_ workspace: Workspace) throws -> CacheStore {
        let store = try workspace.store()
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(
                sql: "CREATE TRIGGER poison BEFORE INSERT ON jobs WHEN NEW.external_id = 'poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
        }
        try queue.close()
        return store
    }

    static func page(_ number: Int, _ jobIDs: [String]) -> PullBatch {
        var page = PullBatch()
        page.jobs = jobIDs.map {
            Job(
                customer: Customer(), status: "open",
                source: SourceRef(backend: "servicetitan", source: "scripted", externalID: $0, remoteVersion: "v\(number)"))
        }
        page.cursors = [SourceCursor(key: "jobs", value: String(number))]
        return page
    }

    static func jobs(_ store: CacheStore) throws -> [String] {
        try DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: "SELECT external_id FROM jobs ORDER BY external_id")
        }
    }

    static func value(_ store: CacheStore, _ sql: String) throws -> String? {
        try DatabaseQueue(path: store.path).read { db in try String.fetchOne(db, sql: sql) }
    }
}

/// Which of an adapter's commits the sink took, and which it refused.
private actor CommitLog {
    private(set) var accepted: [Int] = []
    private(set) var refused: [Int] = []

    func accept(_ page: Int) { accepted.append(page) }
    func refuse(_ page: Int) { refused.append(page) }
}

/// An adapter that commits the pages it was given, in order, and stops at the first commit the
/// sink refuses, rethrowing its error (as every adapter must).
private struct ScriptedAdapter: SourceAdapter {
    let backend = "servicetitan"
    let sourceName = "scripted"
    let pages: [PullBatch]
    let log: CommitLog

    func pull(_ request: PullRequest, into sink: any PullSink) async throws {
        for (index, page) in pages.enumerated() {
            do {
                try await sink.commit(page)
                await log.accept(index)
            } catch {
                await log.refuse(index)
                throw error
            }
            await sink.progress(PullProgress(resource: "jobs", pages: index + 1, records: page.jobs.count))
        }
    }
}

/// An adapter that commits all its pages at once, from as many tasks.
private struct OverlappingAdapter: SourceAdapter {
    let backend = "servicetitan"
    let sourceName = "scripted"
    let pages: [PullBatch]

    func pull(_ request: PullRequest, into sink: any PullSink) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for page in pages { group.addTask { try await sink.commit(page) } }
            try await group.waitForAll()
        }
    }
}
