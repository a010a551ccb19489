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

        let batch: PullBatch
        do {
            let cursors = try store.cursors(source: adapter.sourceName)
            batch = try await adapter.pull(PullRequest(horizon: horizon, cursors: cursors))
        } catch {
            let message = String(describing: error)
            logger.error("the source could not be read", metadata: ["error": "\(message)"])
            report.error = message
            report.cacheErrorCode = (error as? CacheError)?.code
            report.durationSeconds = elapsed()
            try? store.finishRun(runID, state: .failed, counts: ApplyResult(), error: message, failures: [], now: now())
            return report
        }
        report.failures = batch.failures
        report.rejects = batch.rejects.map {
            RejectSummary(kind: $0.recordKind, externalID: $0.externalID, location: $0.location, reason: $0.reason)
        }
        for failure in batch.failures {
            logger.warning("part of the source failed", metadata: ["part": "\(failure.part)", "error": "\(failure.message)"])
        }

        let counts: ApplyResult
        do {
            var applied = try store.apply(
                batch, run: runID, backend: adapter.backend, source: adapter.sourceName,
                resolveMissingRejects: batch.failures.isEmpty, brake: brake,
                retentionCutoff: retentionDays.map { horizon.start.addingTimeInterval(-Double($0) * 86_400) }, now: now())
            applied.notes = batch.notes + applied.notes
            counts = applied
        } catch {
            logger.error("the results could not be written", metadata: ["error": "\(error.message)"])
            report.state = .failed
            report.error = error.description
            report.cacheErrorCode = error.code
            try? store.finishRun(
                runID, state: .failed, counts: ApplyResult(), error: error.description,
                failures: batch.failures.map { "\($0.part): \($0.message)" }, now: now())
            report.durationSeconds = elapsed()
            return report
        }
        // The batch has landed: from here on, a failure to record the run's end does not make
        // the run failed.
        do {
            report.counts = counts
            report.notes = counts.notes
            let nothingRead = batch.coverage.isEmpty && batch.availability.isEmpty && batch.jobs.isEmpty
                && batch.appointments.isEmpty
            if !batch.failures.isEmpty && nothingRead {
                report.state = .failed
                report.error = "no part of the source could be read"
            } else if !batch.failures.isEmpty || counts.heldBack > 0 {
                report.state = .partial
            } else {
                report.state = .succeeded
            }
            try store.finishRun(
                runID, state: report.state, counts: counts, error: report.error,
                failures: batch.failures.map { "\($0.part): \($0.message)" }, now: now())
            logger.info(
                "sync finished",
                metadata: [
                    "state": "\(report.state.rawValue)", "inserted": "\(counts.inserted)", "updated": "\(counts.updated)",
                    "unchanged": "\(counts.unchanged)", "removed": "\(counts.removed)", "rejected": "\(counts.rejected)",
                ])
        } catch {
            logger.error("the end of the run could not be recorded", metadata: ["error": "\(error.message)"])
            report.notes.append("the results were written, but the end of run \(runID) could not be recorded: \(error.message)")
        }
        report.durationSeconds = elapsed()
        return report
    }
}
