import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

/// Runs a reconciliation: reads every source completely, compares it field by field with the
/// cache, repairs the cache (unless `dryRun`), follows what happened to the bookings fieldsync
/// made, ends holds a remote appointment now overlaps, runs the checks, and records the run.
///
/// Safe beside `fieldsync serve` and a cron sync: every page is compared and applied in one
/// short write transaction, deletions wait for the end of each source's pass under the
/// mass-delete brake, and a run that dies part-way leaves the cache as a sync cut short would
/// (the next sync or reconciliation resumes).
public struct ReconcileRunner: Sendable {
    public let config: FieldSyncConfig
    public let store: CacheStore
    public let adapters: [any SourceAdapter]
    public let logger: Logger
    public var brake: MassDeleteBrake
    /// Compare and report only: nothing in the cache changes but the run's history row.
    public var dryRun = false
    /// Run the checks afterwards and report the findings they open.
    public var runChecks = true
    public var fieldsyncVersion: String
    /// Called as adapters report how far they are (source name, progress).
    public var onProgress: (@Sendable (String, PullProgress) -> Void)?
    /// The clock; injected so tests control time.
    public var now: @Sendable () -> Date

    public init(
        config: FieldSyncConfig, store: CacheStore, adapters: [any SourceAdapter], logger: Logger,
        brake: MassDeleteBrake = MassDeleteBrake(), fieldsyncVersion: String, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.config = config
        self.store = store
        self.adapters = adapters
        self.logger = logger
        self.brake = brake
        self.fieldsyncVersion = fieldsyncVersion
        self.now = now
    }

    /// Reconciles every adapter's source over `horizon`.
    ///
    /// Throws only when the run cannot start (the cache refuses, another reconciliation runs);
    /// a source that fails makes the report ``ReconcileReport/Outcome/incomplete``.
    public func run(horizon: TimeRange) async throws -> ReconcileReport {
        let started = now()
        let runID = try store.beginReconcileRun(dryRun: dryRun, now: started, fieldsyncVersion: fieldsyncVersion)
        logger.info("reconciliation started", metadata: ["run": "\(runID)", "dry_run": "\(dryRun)"])
        var wording = ReconcileWording(zones: zones())
        var sources: [ReconcileReport.SourceResult] = []
        var differences: [ReconcileReport.Difference] = []
        var bookings: [ReconcileReport.BookingChange] = []
        var overHolds: [ReconcileReport.OverHold] = []
        for adapter in adapters {
            let pass = await reconcile(adapter, horizon: horizon, wording: &wording)
            sources.append(pass.result)
            differences += pass.differences
            bookings += pass.bookings
            overHolds += pass.overHolds
        }

        var summary = ReconcileReport.Summary()
        for d in differences {
            switch d.change {
            case .created: summary.created += 1
            case .changed: summary.changed += 1
            case .deleted: summary.deleted += 1
            }
        }
        summary.bookings = bookings.count
        summary.overHolds = overHolds.count
        summary.notRepaired =
            differences.filter { !$0.repaired }.count + bookings.filter { !$0.repaired }.count
            + overHolds.filter { !$0.repaired }.count
        summary.recordsRead = sources.reduce(0) { $0 + $1.recordsRead }

        let findings = runChecks ? checks(since: started) : nil
        summary.newFindings = findings?.new.count ?? 0

        let outcome: ReconcileReport.Outcome
        if sources.contains(where: { $0.state != .compared }) {
            outcome = .incomplete
        } else if summary.differences > 0 {
            outcome = dryRun ? .driftFound : (summary.notRepaired > 0 ? .incomplete : .repaired)
        } else {
            outcome = .clean
        }
        let finished = now()
        var report = ReconcileReport(
            runID: runID, dryRun: dryRun, outcome: outcome, startedAt: started, finishedAt: finished,
            horizonStart: horizon.start, horizonEnd: horizon.end, summary: summary, sources: sources,
            differences: differences, bookings: bookings, overHolds: overHolds, findings: findings, history: [],
            title: (config.path as NSString).lastPathComponent,
            timeZone: config.sources.first.flatMap { wording.zones[$0.name]?.identifier })
        do {
            try store.finishReconcileRun(
                runID, summary: Self.summary(of: report), differences: Self.rows(of: report), now: finished,
                keepDays: max(config.retentionDays, 7))
            report.history = try store.reconcileRuns(since: started.addingTimeInterval(-7 * 86_400)).map {
                ReconcileReport.HistoryEntry(
                    runID: $0.id, startedAt: $0.startedAt, dryRun: $0.dryRun, outcome: $0.state.rawValue, created: $0.created,
                    changed: $0.changed, deleted: $0.deleted, bookings: $0.bookings, overHolds: $0.overHolds)
            }
        } catch {
            logger.error("the reconciliation's end could not be recorded", metadata: ["error": "\(error)"])
        }
        logger.info(
            "reconciliation finished",
            metadata: [
                "run": "\(runID)", "outcome": "\(outcome.rawValue)", "created": "\(summary.created)",
                "changed": "\(summary.changed)", "deleted": "\(summary.deleted)", "bookings": "\(summary.bookings)",
                "over_holds": "\(summary.overHolds)",
            ])
        return report
    }

    /// The zone each source works in (a calendar source: its first feed's, else the shop's).
    func zones() -> [String: TimeZone] {
        let named = CheckService(config: config, store: store, logger: logger).sourceZones
        let home = config.sources.lazy.compactMap { named[$0.name] }.compactMap(TimeZone.init(identifier:)).first ?? .current
        var out: [String: TimeZone] = [:]
        for source in config.sources { out[source.name] = named[source.name].flatMap(TimeZone.init(identifier:)) ?? home }
        return out
    }

    private func checks(since started: Date) -> ReconcileReport.Findings {
        do {
            let outcome = try CheckService(config: config, store: store, logger: logger)
                .run(now: now(), record: !dryRun, fieldsyncVersion: fieldsyncVersion)
            let opened = dryRun ? outcome.report.findings.filter { $0.firstSeen >= started } : outcome.update?.opened ?? []
            return ReconcileReport.Findings(
                new: opened.map { CheckReportJSON.FindingJSON($0, isNew: true) }, open: outcome.report.findings.count, error: nil)
        } catch {
            return ReconcileReport.Findings(new: [], open: 0, error: "\(error)")
        }
    }

    static func summary(of report: ReconcileReport) -> ReconcileRunSummary {
        let state: ReconcileRunRecord.State =
            switch report.outcome {
            case .clean: .clean
            case .repaired: .repaired
            case .driftFound: .driftFound
            case .incomplete: .incomplete
            }
        var s = ReconcileRunSummary(state: state)
        s.created = report.summary.created
        s.changed = report.summary.changed
        s.deleted = report.summary.deleted
        s.bookings = report.summary.bookings
        s.overHolds = report.summary.overHolds
        s.notRepaired = report.summary.notRepaired
        s.newFindings = report.summary.newFindings
        var bySource: [String: [String: [String: Int]]] = [:]
        for source in report.sources { bySource[source.source] = source.counts }
        s.bySource = Self.json(bySource) ?? "{}"
        s.notCompared = Self.json(report.sources.flatMap { r in r.notCompared.map { "\(r.source): \($0)" } }) ?? "[]"
        return s
    }

    static func rows(of report: ReconcileReport) -> [ReconcileDifferenceRow] {
        report.differences.map {
            ReconcileDifferenceRow(
                source: $0.source, kind: "record", entity: $0.entity, externalID: $0.id, change: $0.change.rawValue,
                detail: json($0) ?? "{}")
        }
            + report.bookings.map {
                ReconcileDifferenceRow(
                    source: $0.source, kind: "booking", entity: "booking", externalID: $0.bookingID, change: $0.change.rawValue,
                    detail: json($0) ?? "{}")
            }
            + report.overHolds.map {
                ReconcileDifferenceRow(
                    source: $0.source, kind: "over_hold", entity: "appointment", externalID: $0.appointmentID, change: "over_hold",
                    detail: json($0) ?? "{}")
            }
    }

    static func json(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
