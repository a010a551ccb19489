import ArgumentParser
import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import Logging

/// A full reconciliation of a large ServiceTitan shop served by the sandbox, over HTTP, against a
/// cache a first sync filled: with nothing changed, with drift planted behind the cache's back,
/// as a dry run, and next to the closest alternative (`fieldsync sync --full`), in the same run.
struct ReconcileBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Reconcile a large sandbox ServiceTitan shop with its cache; compare with a full sync of the same data.",
        discussion: """
            Generates about --jobs jobs (the ingest benchmark's shop), and per iteration serves \
            them from a fresh sandbox on a loopback port (rate limit off), syncs them into a fresh \
            cache, then times ReconcileRunner with the ServiceTitan adapter: nothing changed (with \
            and without the checks), a dry run and a repair with drift planted in the sandbox \
            (jobs edited, appointments moved, deleted and added; the run fails unless the report \
            finds exactly what was planted), and the peer, SyncRunner with fullPass, on the same \
            data. It also times the adapter alone and the store's comparison alone (the pages \
            replayed).
            """
    )

    @Option(help: "Jobs in the generated shop (customers, appointments and the rest scale with it).")
    var jobs = 100_000

    @Option(help: "Iterations (each with a fresh sandbox and cache); the best and the median are reported.")
    var iterations = 3

    @Option(help: "Jobs edited behind the cache's back, in percent; a quarter as many appointments are moved, a tenth deleted, a tenth as many jobs added.")
    var driftPercent = 1.0

    @Option(help: "Records per export page the sandbox serves.")
    var exportBatch = 5000

    @Option(help: "pageSize the adapter asks of list endpoints (1...5000).")
    var pageSize = 5000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 1

    @Flag(inversion: .prefixedNo, help: "Also time the adapter alone and the store alone on the pages of a full pass.")
    var breakdown = true

    @Flag(help: "Print the figures as JSON instead of tables (progress goes to standard error).")
    var json = false

    @Flag(help: "Keep the temporary directory with the caches.")
    var keep = false

    func validate() throws {
        guard jobs >= 10 else { throw ValidationError("--jobs must be at least 10") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
        guard (1...5000).contains(pageSize) else { throw ValidationError("--page-size must be from 1 to 5000") }
        guard exportBatch >= 1 else { throw ValidationError("--export-batch must be at least 1") }
        guard driftPercent > 0, driftPercent <= 20 else { throw ValidationError("--drift-percent must be above 0 and at most 20") }
    }

    func say(_ line: String) {
        if json {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else {
            // Unbuffered: progress shows as it happens, also when the output goes to a file.
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    func run() async throws {
        let loadAverageStart = ChecksBenchmark.loadAverage()
        let clock = ContinuousClock()
        let generationStart = clock.now
        let today = LocalDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        let data = SandboxGenerator.benchmark(jobs: jobs, seed: seed, anchor: today)
        let plan = try DriftPlan(data: data, percent: driftPercent, seed: seed)
        let served = ServiceTitanResource.allCases.reduce(0) { $0 + data[serviceTitan: $1].count }
        say(
            "generated \(served) ServiceTitan records (\(jobs) jobs) in \(decimal((clock.now - generationStart).seconds, 1)) s; load average \(loadAverageStart)"
        )

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldsync-bench-reconcile-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(at: directory) } }

        var results: [ReconcileIteration] = []
        for index in 1...iterations {
            // A fresh sandbox each time: the previous iteration planted drift in its data.
            let sandbox = try await IngestSandbox.start(data: data, exportBatchSize: exportBatch)
            let folder = directory.appendingPathComponent("iteration-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            say("iteration \(index): sandbox at \(sandbox.baseURL), cache in \(folder.path)")
            let result: ReconcileIteration
            do {
                result = try await measure(sandbox: sandbox, folder: folder, plan: plan)
            } catch {
                await sandbox.stop()
                throw error
            }
            await sandbox.stop()
            results.append(result)
            say("iteration \(index): \(result.summaryLine); load average \(ChecksBenchmark.loadAverage())")
            if !keep { try? FileManager.default.removeItem(at: folder) }
        }

        let printer = ReconcileReportPrinter(
            document: ReconcileReportPrinter.Document(
                jobs: jobs, iterations: iterations, driftPercent: driftPercent, exportBatch: exportBatch, pageSize: pageSize,
                loadAverageStart: loadAverageStart, loadAverageEnd: ChecksBenchmark.loadAverage(),
                peakRSSMiB: ChecksBenchmark.peakRSSMiB(), results: results))
        if json {
            try printer.printJSON()
        } else {
            printer.print()
        }
    }

    // MARK: One iteration

    func measure(sandbox: IngestSandbox, folder: URL, plan: DriftPlan) async throws -> ReconcileIteration {
        let logger = Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let configPath = folder.appendingPathComponent("fieldsync.yaml").path
        try sandbox.configurationYAML(pageSize: pageSize).write(toFile: configPath, atomically: true, encoding: .utf8)
        let config = try FieldSyncConfig.load(path: configPath)
        let horizon = config.horizon.range(now: Date())
        let transport = TimingTransport(URLSessionTransport())
        let store = try CacheStore.open(path: folder.appendingPathComponent("cache.sqlite").path, logger: logger)
        let source = IngestSandbox.sourceName
        let backend = ServiceTitanAdapter.backendName
        let clock = ContinuousClock()
        var result = ReconcileIteration()

        /// Runs `body` with the clocks and the HTTP totals around it.
        func timed(_ body: () async throws -> ReconcileIteration.Phase) async rethrows -> ReconcileIteration.Phase {
            transport.reset()
            let cpu = processCPUSeconds()
            let start = clock.now
            var phase = try await body()
            phase.seconds = (clock.now - start).seconds
            phase.cpuSeconds = processCPUSeconds() - cpu
            (phase.httpSeconds, phase.requests, phase.bytes) = transport.totals()
            return phase
        }

        /// A sync as `fieldsync sync` runs it (`--full --no-check` for the peer).
        func sync(_ what: String, fullPass: Bool) async throws -> ReconcileIteration.Phase {
            var runner = SyncRunner(
                store: store, adapters: [sandbox.adapter(pageSize: pageSize, transport: transport)], logger: logger,
                fieldsyncVersion: "bench")
            runner.fullPass = fullPass
            if fullPass { runner.retentionDays = config.retentionDays }
            var report: SyncReport?
            var phase = await timed {
                report = await runner.run(horizon: horizon)
                return ReconcileIteration.Phase()
            }
            let counts = try IngestBenchmark.succeeded(report!, what: what).counts
            phase.outcome = report!.outcome.rawValue
            phase.pages = counts.pages
            phase.records = counts.entities.values.reduce(0) { $0 + $1.pulled }
            for (entity, c) in counts.entities {
                let changes = ["created": c.created, "updated": c.updated, "deleted": c.deleted].filter { $0.value > 0 }
                if !changes.isEmpty { phase.differences[entity] = changes }
            }
            return phase
        }

        /// A reconciliation as `fieldsync reconcile` runs it; throws unless it found exactly `expected`.
        func reconcile(
            _ what: String, dryRun: Bool, checks: Bool, expected: DriftPlan.Planted
        ) async throws -> ReconcileIteration.Phase {
            var runner = ReconcileRunner(
                config: config, store: store, adapters: [sandbox.adapter(pageSize: pageSize, transport: transport)],
                logger: logger, brake: config.massDelete, fieldsyncVersion: "bench")
            runner.dryRun = dryRun
            runner.runChecks = checks
            var report: ReconcileReport?
            var phase = try await timed {
                report = try await runner.run(horizon: horizon)
                return ReconcileIteration.Phase()
            }
            let r = report!
            guard r.sources.count == 1, let pass = r.sources.first, pass.state == .compared else {
                throw BenchError(
                    "\(what): the source was not compared completely (\(r.sources.map { "\($0.state.rawValue): \($0.notCompared.joined(separator: "; "))" }))"
                )
            }
            phase.outcome = r.outcome.rawValue
            phase.records = r.summary.recordsRead
            phase.newFindings = checks ? r.summary.newFindings : nil
            if checks, let error = r.findings?.error { throw BenchError("\(what): the checks failed: \(error)") }
            for (entity, changes) in pass.counts {
                let nonzero = changes.filter { $0.value > 0 }
                if !nonzero.isEmpty { phase.differences[entity] = nonzero }
            }
            let wanted: ReconcileReport.Outcome = expected.total == 0 ? .clean : (dryRun ? .driftFound : .repaired)
            guard r.outcome == wanted, phase.differences == expected.counts, r.summary.bookings == 0, r.summary.overHolds == 0,
                r.summary.notRepaired == (dryRun ? expected.total : 0)
            else {
                let sample = r.differences.prefix(5).map { "\($0.entity) \($0.id) \($0.change.rawValue): \($0.message)" }
                throw BenchError(
                    "\(what): expected \(wanted.rawValue) with \(expected.total) difference(s) (\(expected.summary)), found \(r.outcome.rawValue): \(phase.differencesText); bookings \(r.summary.bookings), over holds \(r.summary.overHolds), not repaired \(r.summary.notRepaired); first: \(sample)"
                )
            }
            return phase
        }

        // 1. The set-up: a first sync into the fresh cache.
        result.firstSync = try await sync("the first sync", fullPass: false)
        say("  first sync: \(decimal(result.firstSync.seconds, 1)) s, \(result.firstSync.records) records")

        // 2. Nothing changed: the reconciliation, then the peer.
        let none = DriftPlan.Planted(counts: [:])
        result.clean = try await reconcile("the clean reconciliation", dryRun: false, checks: false, expected: none)
        say("  reconcile, nothing changed: \(decimal(result.clean.seconds, 2)) s")
        result.cleanChecks = try await reconcile("the clean reconciliation with checks", dryRun: false, checks: true, expected: none)
        say("  reconcile, nothing changed, with checks: \(decimal(result.cleanChecks.seconds, 2)) s")
        result.peerClean = try await sync("the peer (sync --full)", fullPass: true)
        guard result.peerClean.differences.isEmpty else {
            throw BenchError("the peer found changes where nothing changed: \(result.peerClean.differencesText)")
        }
        say("  peer, sync --full, nothing changed: \(decimal(result.peerClean.seconds, 2)) s")

        // 3. The halves alone, on the pages of one full pass (nothing changed).
        if breakdown {
            let runID = try store.beginRun(
                invocationID: "bench", kind: "reconcile", source: source, backend: backend, horizon: horizon, now: Date(),
                fieldsyncVersion: "bench")
            let sink = CapturingSink(keep: true)
            let adapter = sandbox.adapter(pageSize: pageSize, transport: transport)
            var adapterPhase = try await timed {
                try await adapter.pull(
                    PullRequest(horizon: horizon, cursors: [:], runID: runID, now: Date(), fullPass: true), into: sink)
                return ReconcileIteration.Phase()
            }
            let batches = await sink.take()
            adapterPhase.pages = batches.count
            adapterPhase.records = batches.reduce(0) { $0 + $1.recordCount }
            result.adapter = adapterPhase

            // What the sink does per page besides the store call: the live records a sweep ends.
            func sweepLookups(_ batch: PullBatch) throws {
                for sweep in batch.sweeps { _ = try store.liveRecords(source: source, entity: sweep.entity, range: sweep.range) }
                if !batch.coverage.isEmpty { _ = try store.liveRecords(source: source, entity: .availability, range: nil) }
            }
            var compared = 0
            var comparePhase = try await timed {
                for batch in batches {
                    try sweepLookups(batch)
                    compared += try store.drift(of: batch, source: source).count
                }
                return ReconcileIteration.Phase()
            }
            comparePhase.pages = batches.count
            comparePhase.records = adapterPhase.records
            result.compare = comparePhase

            var totals = ApplyResult()
            var repaired = 0
            let budget = DeletionBudget(brake: config.massDelete, baseline: try store.liveCounts(source: source))
            var applyPhase = try await timed {
                for batch in batches {
                    try sweepLookups(batch)
                    let whole = !batch.coverage.isEmpty || batch.inventory != nil
                    let applied = try store.applyComparing(
                        batch, run: runID, backend: backend, source: source, resolveMissingRejects: whole && batch.failures.isEmpty,
                        brake: config.massDelete, deferDeletions: !whole, now: Date())
                    totals.add(applied.result)
                    repaired += applied.drift.count
                }
                totals.add(try store.applyPendingDeletions(source: source, budget: budget, now: Date()))
                return ReconcileIteration.Phase()
            }
            try store.finishRun(runID, state: .succeeded, counts: totals, error: nil, failures: [], now: Date())
            applyPhase.pages = totals.pages
            applyPhase.records = adapterPhase.records
            result.compareApply = applyPhase
            guard compared == 0, repaired == 0, totals.removed == 0, totals.inserted == 0 else {
                throw BenchError(
                    "the replayed pages differ from the cache: \(compared) compared, \(repaired) repaired, \(totals.inserted) inserted, \(totals.removed) removed"
                )
            }
            say(
                "  adapter alone \(decimal(adapterPhase.seconds, 2)) s (HTTP \(decimal(adapterPhase.httpSeconds, 2)) s), compare alone \(decimal(comparePhase.seconds, 2)) s, compare and repair alone \(decimal(applyPhase.seconds, 2)) s"
            )
        }

        // 4. Drift planted behind the cache's back: a dry run, then the repair.
        result.planted = try await plan.plant(round: 0, on: sandbox.server)
        say("  planted \(result.planted.summary)")
        result.dryRun = try await reconcile("the dry run", dryRun: true, checks: false, expected: result.planted)
        say("  reconcile --dry-run: \(decimal(result.dryRun.seconds, 2)) s, \(result.dryRun.differencesText)")
        result.drift = try await reconcile("the reconciliation with drift", dryRun: false, checks: false, expected: result.planted)
        say("  reconcile with drift: \(decimal(result.drift.seconds, 2)) s, \(result.drift.differencesText)")

        // 5. The peer on another round of drift.
        result.plantedForPeer = try await plan.plant(round: 1, on: sandbox.server)
        result.peerDrift = try await sync("the peer with drift", fullPass: true)
        say("  peer with drift: \(decimal(result.peerDrift.seconds, 2)) s, \(result.peerDrift.differencesText)")
        return result
    }
}
