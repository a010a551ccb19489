import Foundation

/// What one iteration of the reconciliation benchmark measured.
struct ReconcileIteration: Codable {
    struct Phase: Codable {
        var seconds = 0.0
        /// CPU seconds of the whole process meanwhile (the in-process sandbox's share included).
        var cpuSeconds = 0.0
        /// Records read: the reconciliation's `records_read`, or the sum of `pulled` for a sync,
        /// or the records in the adapter's pages.
        var records = 0
        var pages = 0
        /// Time spent waiting for HTTP responses (the in-process sandbox's work included).
        var httpSeconds = 0.0
        var requests = 0
        var bytes = 0
        /// Differences found by kind and change (a sync: its created, updated and deleted counts).
        var differences: [String: [String: Int]] = [:]
        /// The reconciliation's outcome or the sync's state.
        var outcome = ""
        /// Findings the checks opened (a reconciliation with checks).
        var newFindings: Int?

        var recordsPerSecond: Double { seconds > 0 ? Double(records) / seconds : 0 }
        var differenceCount: Int { differences.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

        var differencesText: String {
            guard !differences.isEmpty else { return "none" }
            return differences.sorted { $0.key < $1.key }.map { entity, changes in
                "\(entity): " + changes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            }.joined(separator: "; ")
        }
    }

    /// The first sync into a fresh cache (the set-up, timed for reference).
    var firstSync = Phase()
    /// `ReconcileRunner`, repair mode, nothing changed, no checks.
    var clean = Phase()
    /// The same with the checks afterwards.
    var cleanChecks = Phase()
    /// The peer: `SyncRunner` with `fullPass` (`fieldsync sync --full --no-check`), nothing changed.
    var peerClean = Phase()
    /// The adapter alone: a full pass into a sink that keeps the pages.
    var adapter: Phase?
    /// The store's comparison alone: `store.drift(of:)` per page, as a dry run does.
    var compare: Phase?
    /// The store's comparison and repair alone: `store.applyComparing` per page, then the deletions.
    var compareApply: Phase?
    /// `ReconcileRunner --dry-run` with drift planted.
    var dryRun = Phase()
    /// `ReconcileRunner`, repair mode, the same drift.
    var drift = Phase()
    /// The peer with another round of drift planted.
    var peerDrift = Phase()
    /// What was planted before `dryRun` and `drift`, and before `peerDrift`.
    var planted = DriftPlan.Planted(counts: [:])
    var plantedForPeer = DriftPlan.Planted(counts: [:])

    var summaryLine: String {
        "first sync \(decimal(firstSync.seconds, 1)) s; reconcile clean \(decimal(clean.seconds, 2)) s (CPU \(decimal(clean.cpuSeconds, 1))), "
            + "with checks \(decimal(cleanChecks.seconds, 2)) s, peer sync --full \(decimal(peerClean.seconds, 2)) s; "
            + (adapter.map { "adapter alone \(decimal($0.seconds, 2)) s, " } ?? "")
            + (compare.map { "compare alone \(decimal($0.seconds, 2)) s, " } ?? "")
            + (compareApply.map { "compare+apply alone \(decimal($0.seconds, 2)) s; " } ?? "")
            + "with drift: dry run \(decimal(dryRun.seconds, 2)) s, repair \(decimal(drift.seconds, 2)) s (\(drift.differenceCount) differences), "
            + "peer \(decimal(peerDrift.seconds, 2)) s"
    }
}

/// Prints the figures of all iterations: best and median, and the tables BENCHMARKS.md shows.
struct ReconcileReportPrinter {
    struct Document: Encodable {
        var jobs: Int
        var iterations: Int
        var driftPercent: Double
        var exportBatch: Int
        var pageSize: Int
        var loadAverageStart: String
        var loadAverageEnd: String
        var peakRSSMiB: Double
        var results: [ReconcileIteration]
    }

    var document: Document
    var results: [ReconcileIteration] { document.results }

    /// Best (by time) and median of a time measurement.
    func seconds(_ value: (ReconcileIteration) -> Double) -> (best: Double, median: Double) {
        let sorted = results.map(value).sorted()
        return (sorted[0], sorted[sorted.count / 2])
    }

    func printJSON() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        Swift.print(String(decoding: try encoder.encode(document), as: UTF8.self))
    }

    func print() {
        guard let first = results.first else { return }
        let out = { (line: String) in Swift.print(line) }
        out("")
        out(
            "\(results.count) iteration(s); \(document.jobs) jobs; export pages of \(document.exportBatch) records, list pageSize \(document.pageSize); drift \(decimal(document.driftPercent, 2)) % of jobs. Best / median."
        )
        out("Load average \(document.loadAverageStart) at the start, \(document.loadAverageEnd) at the end; peak RSS \(decimal(document.peakRSSMiB, 0)) MiB.")
        out("Planted before the dry run and the repair: \(first.planted.summary) (\(first.planted.total) differences).")
        out("Planted before the peer's second run: \(first.plantedForPeer.summary) (\(first.plantedForPeer.total)).")
        out("")
        out("| measurement | records | seconds (best / median) | CPU s (median) | records/s (best / median) | HTTP s (median) | differences found |")
        out("|---|---:|---:|---:|---:|---:|---|")
        func line(_ name: String, _ phase: (ReconcileIteration) -> ReconcileIteration.Phase?) {
            guard let sample = phase(first) else { return }
            let t = seconds { phase($0)?.seconds ?? 0 }
            let cpu = seconds { phase($0)?.cpuSeconds ?? 0 }.median
            let http = seconds { phase($0)?.httpSeconds ?? 0 }.median
            let records = sample.records
            let perRecord = records > 0 ? "\(rate(Double(records) / t.best)) / \(rate(Double(records) / t.median))" : ""
            var found = sample.differences.isEmpty && !sample.outcome.isEmpty ? "none" : sample.differencesText
            if !sample.outcome.isEmpty { found += " (\(sample.outcome))" }
            if let new = sample.newFindings { found += "; \(new) new findings" }
            out(
                "| \(name) | \(records) | \(decimal(t.best, 2)) / \(decimal(t.median, 2)) | \(decimal(cpu, 1)) | \(perRecord) | \(decimal(http, 2)) | \(found) |"
            )
        }
        line("first sync into a fresh cache (set-up)", { $0.firstSync })
        line("**reconcile, nothing changed** (repair mode, no checks)", { $0.clean })
        line("reconcile, nothing changed, with the checks", { $0.cleanChecks })
        line("peer: `SyncRunner` fullPass (`sync --full --no-check`), nothing changed", { $0.peerClean })
        line("adapter alone (full pass, pages kept)", { $0.adapter })
        line("compare alone: `store.drift(of:)` per page (a dry run's store part)", { $0.compare })
        line("compare and repair alone: `store.applyComparing` per page, then deletions", { $0.compareApply })
        line("reconcile --dry-run, drift planted", { $0.dryRun })
        line("**reconcile, drift planted** (repair mode, no checks)", { $0.drift })
        line("peer: `SyncRunner` fullPass, other drift planted", { $0.peerDrift })
        out("")
        let clean = seconds { $0.clean.seconds }
        let peer = seconds { $0.peerClean.seconds }
        let drift = seconds { $0.drift.seconds }
        out(
            "reconcile / peer, nothing changed: \(decimal(clean.median / peer.median, 2)) (medians); with drift: \(decimal(drift.median / seconds { $0.peerDrift.seconds }.median, 2))"
        )
        out("aim: a full reconciliation of \(document.jobs) jobs under 30 s; median clean \(decimal(clean.median, 1)) s, with drift \(decimal(drift.median, 1)) s")
        if first.adapter != nil, first.compareApply != nil {
            func median(_ value: (ReconcileIteration) -> Double) -> Double { seconds(value).median }
            let wall = (
                adapter: median { $0.adapter?.seconds ?? 0 }, http: median { $0.adapter?.httpSeconds ?? 0 },
                store: median { $0.compareApply?.seconds ?? 0 }, compare: median { $0.compare?.seconds ?? 0 }
            )
            let cpu = (
                clean: median { $0.clean.cpuSeconds }, adapter: median { $0.adapter?.cpuSeconds ?? 0 },
                store: median { $0.compareApply?.cpuSeconds ?? 0 }, compare: median { $0.compare?.cpuSeconds ?? 0 }
            )
            out("")
            out("Where the clean reconciliation's time goes (medians; the parts were timed alone, one after the other):")
            out("")
            out("| part | seconds | share | CPU s | share of CPU |")
            out("|---|---:|---:|---:|---:|")
            func row(_ name: String, _ seconds: Double, _ cpuSeconds: Double?) {
                let cpuText = cpuSeconds.map { "\(decimal($0, 1)) | \(decimal(100 * $0 / cpu.clean, 0)) %" } ?? " | "
                out("| \(name) | \(decimal(seconds, 2)) | \(decimal(100 * seconds / clean.median, 0)) % | \(cpuText) |")
            }
            row("HTTP: request to last byte (the in-process sandbox's work included)", wall.http, nil)
            row("JSON scanning, decoding and mapping (adapter alone minus its HTTP wait)", wall.adapter - wall.http, nil)
            row("adapter alone, all of it", wall.adapter, cpu.adapter)
            row("store: compare and repair (applyComparing alone)", wall.store, cpu.store)
            row("  of which the comparison (drift(of:) alone)", wall.compare, cpu.compare)
            // The sink applies a page while the adapter reads the next, so the two overlap: the
            // reconciliation takes less than their sum.
            row(
                "overlap: adapter plus store minus the reconciliation (they run side by side)",
                wall.adapter + wall.store - clean.median, nil)
            let rest = cpu.clean - cpu.adapter - cpu.store
            out("| the runner and the sink, CPU only: reconciliation minus adapter minus store | | | \(decimal(rest, 1)) | \(decimal(100 * rest / cpu.clean, 0)) % |")
        }
    }
}
