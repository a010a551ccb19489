import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

/// Runs a sync: for each source, record the run, pull from its adapter, apply the batch to the
/// cache in one transaction, and record how it ended. One source failing never stops the others.
public struct SyncRunner: Sendable {
    public let store: CacheStore
    public let adapters: [any SourceAdapter]
    public let logger: Logger
    public var brake: MassDeleteBrake
    /// Windows that ended this many days before the horizon are pruned; nil keeps them all.
    public var retentionDays: Int?
    public var fieldsyncVersion: String
    /// Read everything again instead of what changed (`sync --full`).
    public var fullPass = false
    /// Called as adapters report how far they are (source name, progress).
    public var onProgress: (@Sendable (String, PullProgress) -> Void)?
    /// The clock; injected so tests control time.
    public var now: @Sendable () -> Date

    public init(
        store: CacheStore, adapters: [any SourceAdapter], logger: Logger, brake: MassDeleteBrake = MassDeleteBrake(),
        fieldsyncVersion: String, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.adapters = adapters
        self.logger = logger
        self.brake = brake
        self.fieldsyncVersion = fieldsyncVersion
        self.now = now
    }

    public func run(horizon: TimeRange) async -> SyncReport {
        let invocationID = UUID().uuidString.lowercased()
        let started = now()
        var reports: [SourceReport] = []
        for adapter in adapters {
            reports.append(await sync(adapter, horizon: horizon, invocationID: invocationID))
        }
        let outcome: SyncReport.Outcome
        if reports.allSatisfy({ $0.state == .succeeded }) {
            outcome = .succeeded
        } else if reports.contains(where: { $0.state == .succeeded || $0.state == .partial }) {
            outcome = .partial
        } else {
            outcome = .failed
        }
        return SyncReport(
            invocationID: invocationID, startedAt: started, finishedAt: now(), horizonStart: horizon.start,
            horizonEnd: horizon.end, outcome: outcome, sources: reports)
    }

    private func sync(_ adapter: any SourceAdapter, horizon: TimeRange, invocationID: String) async -> SourceReport {
        let clock = ContinuousClock()
        let begin = clock.now
        var logger = self.logger
        logger[metadataKey: "source"] = "\(adapter.sourceName)"
        var report = SourceReport(
            source: adapter.sourceName, backend: adapter.backend, runID: nil, state: .failed, counts: ApplyResult(),
            failures: [], rejects: [], notes: [], error: nil, cacheErrorCode: nil, durationSeconds: 0)
        func elapsed() -> Double {
            let d = clock.now - begin
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let runID: Int64
        do {
            runID = try store.beginRun(
                invocationID: invocationID, source: adapter.sourceName, backend: adapter.backend, horizon: horizon,
                now: now(), fieldsyncVersion: fieldsyncVersion)
        } catch {
            logger.error("could not record the sync run", metadata: ["error": "\(error.message)"])
            report.error = error.description
            report.cacheErrorCode = error.code
            report.durationSeconds = elapsed()
            return report
        }
        report.runID = runID
        logger.info("sync started", metadata: ["run": "\(runID)"])

        let retentionCutoff = retentionDays.map { horizon.start.addingTimeInterval(-Double($0) * 86_400) }
        let sink: CacheSink
        let budget: DeletionBudget
        let cursors: [String: SourceCursor]
        do {
            budget = DeletionBudget(brake: brake, baseline: try store.liveCounts(source: adapter.sourceName))
            sink = CacheSink(
                store: store, runID: runID, backend: adapter.backend, source: adapter.sourceName, brake: brake,
                logger: logger, clock: now, onProgress: onProgress)
            cursors = try store.cursors(source: adapter.sourceName)
        } catch {
            logger.error("could not read the source's saved state", metadata: ["error": "\(error.message)"])
            report.error = error.description
            report.cacheErrorCode = error.code
            report.durationSeconds = elapsed()
            try? store.finishRun(runID, state: .failed, counts: ApplyResult(), error: error.description, failures: [], now: now())
            return report
        }
        var stop: (message: String, interrupted: Bool, cacheCode: CacheError.Code?)?
        do {
            try await adapter.pull(
                PullRequest(horizon: horizon, cursors: cursors, runID: runID, now: now(), fullPass: fullPass), into: sink)
        } catch let interrupted as PullInterrupted {
            stop = (interrupted.reason, true, nil)
        } catch let error as CacheError {
            stop = (error.description, false, error.code)
        } catch {
            stop = (String(describing: error), false, nil)
        }
        // The last page handed over may still be landing; its error stops the run as its own
        // commit would have.
        do {
            try await sink.finish()
        } catch let error as CacheError where stop == nil {
            stop = (error.description, false, error.code)
        } catch where stop == nil {
            stop = (String(describing: error), false, nil)
        } catch {}

        let failures = await sink.failures
        var counts = await sink.totals
        counts.notes = await sink.notes + counts.notes
        report.failures = failures
        report.rejects = await sink.rejects
        report.counts = counts
        for failure in failures {
            logger.warning("part of the source failed", metadata: ["part": "\(failure.part)", "error": "\(failure.message)"])
        }
        if let stop, !stop.interrupted {
            logger.error("the source could not be read to the end", metadata: ["error": "\(stop.message)"])
        }
        var deletionFailure: String?
        // Deletions the pages queued (and any a run that died left queued) land now, together,
        // unless they trip the brake. Pages that were committed count even when the pull failed.
        if stop?.cacheCode == nil {
            do {
                let deletions = try store.applyPendingDeletions(source: adapter.sourceName, budget: budget, now: now())
                report.counts.add(deletions)
                counts.add(deletions)
            } catch {
                // They stay queued for the next run; this one did not finish its work.
                deletionFailure = "the deletions reported by \(adapter.sourceName) could not be applied (they stay queued): \(error.message)"
            }
        }
        if stop == nil || stop?.interrupted == true, let retentionCutoff {
            do {
                report.counts.pruned += try store.prune(source: adapter.sourceName, before: retentionCutoff)
            } catch {
                report.counts.notes.append("old windows could not be pruned: \(error.message)")
            }
        }
        let readAnything = await sink.readAnything
        // A paged source read to the end without failures is current as of now over the horizon
        // (a calendar source records its own coverage, feed by feed).
        if stop == nil, failures.isEmpty, deletionFailure == nil, report.counts.heldBack == 0, await !sink.sawCoverage {
            do {
                try store.recordCoverage(source: adapter.sourceName, range: horizon, run: runID, now: now())
            } catch {
                report.counts.notes.append("what \(adapter.sourceName) covered could not be recorded: \(error.message)")
            }
        }
        switch stop {
        case nil:
            if !failures.isEmpty && !readAnything {
                report.state = .failed
                report.error = "no part of the source could be read"
            } else if !failures.isEmpty || counts.heldBack > 0 || deletionFailure != nil {
                report.state = .partial
                if let deletionFailure { report.counts.notes.append(deletionFailure) }
            } else {
                report.state = .succeeded
            }
        case let stop? where stop.interrupted:
            report.state = .partial
            report.counts.notes.append(stop.message)
        case let stop?:
            // Pages committed before the failure stay, and the next run resumes after them.
            report.state = counts.pages > 0 ? .partial : .failed
            report.error = stop.message
            report.cacheErrorCode = stop.cacheCode
        }
        report.notes = report.counts.notes
        do {
            try store.finishRun(
                runID, state: report.state, counts: report.counts, error: report.error,
                failures: failures.map { "\($0.part): \($0.message)" }, now: now())
            logger.info(
                "sync finished",
                metadata: [
                    "state": "\(report.state.rawValue)", "pages": "\(counts.pages)", "inserted": "\(counts.inserted)",
                    "updated": "\(counts.updated)", "unchanged": "\(counts.unchanged)", "removed": "\(counts.removed)",
                    "rejected": "\(counts.rejected)",
                ])
        } catch {
            logger.error("the end of the run could not be recorded", metadata: ["error": "\(error.message)"])
            report.notes.append("the results were written, but the end of run \(runID) could not be recorded: \(error.message)")
        }
        report.durationSeconds = elapsed()
        return report
    }
}
