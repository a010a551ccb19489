import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import Logging

/// A real first sync of a large ServiceTitan shop from the sandbox, over HTTP, into a fresh
/// cache, next to the raw SQLite insert rate of the rows it produced, measured in the same run.
struct IngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Sync a large sandbox ServiceTitan shop into a fresh cache; compare with raw SQLite inserts of the same rows.",
        discussion: """
            Generates about --jobs jobs (with their customers, locations, contacts, appointments, \
            assignments, technicians and shifts), serves them from the sandbox on a loopback port \
            (rate limit off) and runs a first sync with SyncRunner and the ServiceTitan adapter \
            into a fresh cache, then an incremental one with nothing changed. In the same run it \
            times the adapter alone (pages read, decoded and mapped, then dropped), the store \
            alone (the same pages applied to another fresh cache), and plain prepared INSERTs of \
            the rows the sync left in the cache into a fresh file with the same schema.
            """
    )

    @Option(help: "Jobs in the generated shop (customers, appointments and the rest scale with it).")
    var jobs = 100_000

    @Option(help: "Iterations (each with fresh caches); the best and the median are reported.")
    var iterations = 1

    @Option(help: "Records per export page the sandbox serves.")
    var exportBatch = 5000

    @Option(help: "pageSize the adapter asks of list endpoints (1...5000).")
    var pageSize = 5000

    @Option(help: "Rows per transaction of the raw insert.")
    var rawTransactionRows = 50_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 1

    @Flag(help: "Keep the temporary directory with the caches.")
    var keep = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
        guard (1...5000).contains(pageSize) else { throw ValidationError("--page-size must be from 1 to 5000") }
        guard exportBatch >= 1, rawTransactionRows >= 1 else { throw ValidationError("sizes must be at least 1") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let generationStart = clock.now
        let today = LocalDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        let data = SandboxGenerator.benchmark(jobs: jobs, seed: seed, anchor: today)
        let generation = (clock.now - generationStart).seconds
        let served = ServiceTitanResource.allCases.reduce(0) { $0 + data[serviceTitan: $1].count }
        print("generated \(served) ServiceTitan records (\(jobs) jobs) in \(decimal(generation, 1)) s")

        let sandbox = try await IngestSandbox.start(data: data, exportBatchSize: exportBatch)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldsync-bench-ingest-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        print("sandbox at \(sandbox.baseURL), caches in \(directory.path)")

        var results: [IngestIteration] = []
        do {
            for index in 1...iterations {
                let folder = directory.appendingPathComponent("iteration-\(index)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let result = try await measure(sandbox: sandbox, folder: folder)
                results.append(result)
                print("iteration \(index): \(result.summaryLine)")
                if !keep { try? FileManager.default.removeItem(at: folder) }
            }
        } catch {
            await sandbox.stop()
            if !keep { try? FileManager.default.removeItem(at: directory) }
            throw error
        }
        await sandbox.stop()
        if !keep { try? FileManager.default.removeItem(at: directory) }
        IngestReport(results: results, jobs: jobs, exportBatch: exportBatch, pageSize: pageSize,
            rawTransactionRows: rawTransactionRows).print()
    }

    // MARK: One iteration

    func measure(sandbox: IngestSandbox, folder: URL) async throws -> IngestIteration {
        let logger = Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let horizon = FieldSyncConfig.Horizon().range(now: Date())
        let transport = TimingTransport(URLSessionTransport())
        let clock = ContinuousClock()
        var result = IngestIteration()

        // 1. The first sync, as `fieldsync sync` runs it; 2. again, with nothing changed.
        let cachePath = folder.appendingPathComponent("cache.sqlite").path
        let store = try CacheStore.open(path: cachePath, logger: logger)
        func timedSync(_ what: String) async throws -> IngestIteration.Phase {
            let runner = SyncRunner(
                store: store, adapters: [sandbox.adapter(pageSize: pageSize, transport: transport)], logger: logger,
                fieldsyncVersion: "bench")
            transport.reset()
            var phase = IngestIteration.Phase()
            let cpu = processCPUSeconds()
            let start = clock.now
            let report = await runner.run(horizon: horizon)
            phase.seconds = (clock.now - start).seconds
            phase.cpuSeconds = processCPUSeconds() - cpu
            let source = try Self.succeeded(report, what: what)
            phase.entities = source.counts.entities
            phase.records = source.counts.entities.values.reduce(0) { $0 + $1.pulled }
            phase.pages = source.counts.pages
            (phase.httpSeconds, phase.requests, phase.bytes) = transport.totals()
            return phase
        }
        result.sync = try await timedSync("the first sync")
        result.noop = try await timedSync("the incremental sync")

        // 3. The adapter alone: the same pages read, decoded and mapped, kept in memory.
        let sink = CapturingSink(keep: true)
        do {
            let adapter = sandbox.adapter(pageSize: pageSize, transport: transport)
            transport.reset()
            let cpu = processCPUSeconds()
            let start = clock.now
            try await adapter.pull(PullRequest(horizon: horizon, cursors: [:], runID: 1, now: Date()), into: sink)
            result.adapter.seconds = (clock.now - start).seconds
            result.adapter.cpuSeconds = processCPUSeconds() - cpu
            (result.adapter.httpSeconds, result.adapter.requests, result.adapter.bytes) = transport.totals()
        }
        let batches = await sink.take()
        result.adapter.pages = batches.count
        result.adapter.records = batches.reduce(0) { $0 + $1.recordCount }

        // 4. The store alone: those pages applied to a fresh cache, one transaction each, as the
        // engine's sink does, then the queued deletions (none on a first run, but the engine looks).
        do {
            let replay = try CacheStore.open(path: folder.appendingPathComponent("store-only.sqlite").path, logger: logger)
            let source = IngestSandbox.sourceName
            let runID = try replay.beginRun(
                invocationID: "bench", source: source, backend: ServiceTitanAdapter.backendName, horizon: horizon, now: Date(),
                fieldsyncVersion: "bench")
            let budget = DeletionBudget(brake: MassDeleteBrake(), baseline: try replay.liveCounts(source: source))
            var totals = ApplyResult()
            let cpu = processCPUSeconds()
            let start = clock.now
            for batch in batches {
                totals.add(
                    try replay.apply(
                        batch, run: runID, backend: ServiceTitanAdapter.backendName, source: source,
                        resolveMissingRejects: false, deferDeletions: true, now: Date()))
            }
            totals.add(try replay.applyPendingDeletions(source: source, budget: budget, now: Date()))
            result.store.seconds = (clock.now - start).seconds
            result.store.cpuSeconds = processCPUSeconds() - cpu
            result.store.records = totals.entities.values.reduce(0) { $0 + $1.pulled }
            result.store.pages = totals.pages
            result.store.entities = totals.entities
            try replay.finishRun(runID, state: .succeeded, counts: totals, error: nil, failures: [], now: Date())
        }

        // 5. Raw inserts of the rows the first sync left in the cache.
        let rows = try RawRows.read(cache: cachePath)
        result.rows = rows.count
        result.rowCounts = rows.counts
        let rawCPU = processCPUSeconds()
        result.rawSeconds = try rows.insert(
            into: folder.appendingPathComponent("raw.sqlite").path, transactionRows: rawTransactionRows)
        result.rawCPUSeconds = processCPUSeconds() - rawCPU
        result.rawPagedSeconds = try rows.insert(
            into: folder.appendingPathComponent("raw-paged.sqlite").path, transactionRows: exportBatch)
        result.rawGRDBSeconds = try rows.insert(
            into: folder.appendingPathComponent("raw-grdb.sqlite").path, transactionRows: rawTransactionRows, binding: .grdb)
        return result
    }

    static func succeeded(_ report: SyncReport, what: String) throws -> SourceReport {
        guard let source = report.sources.first else { throw BenchError("\(what) reported no source") }
        guard source.state == .succeeded else {
            throw BenchError(
                "\(what) ended \(source.state.rawValue): \(source.error ?? source.failures.map(\.message).joined(separator: "; "))")
        }
        return source
    }
}
