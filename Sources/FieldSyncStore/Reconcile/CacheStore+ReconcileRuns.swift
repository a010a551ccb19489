import Foundation
import GRDB

/// The history of reconciliations: one row per run, with its differences.
extension CacheStore {
    /// Another reconciliation of this cache is running (from cron, or by hand).
    public struct ReconcileAlreadyRunning: Error, Sendable, CustomStringConvertible {
        public var runID: Int64
        public var pid: Int32
        public var startedAt: Date
        public var description: String {
            "reconciliation \(runID) is already running (pid \(pid), started \(DateText.of(startedAt)) UTC); wait for it to finish"
        }
    }

    /// Records the start of a reconciliation. Runs left `running` by processes on this host that
    /// are gone are marked `abandoned`; one still running refuses this one.
    public func beginReconcileRun(dryRun: Bool, now: Date, fieldsyncVersion: String) throws -> Int64 {
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        let outcome: Result<Int64, ReconcileAlreadyRunning> = try writeImmediate("cannot record the start of a reconciliation") { db in
            for row in try Row.fetchAll(
                db, sql: "SELECT id, pid, host, started_at FROM reconcile_runs WHERE state = 'running'")
            {
                let runPID: Int32 = row["pid"]
                let runHost: String = row["host"]
                if runHost == host && (runPID == pid || !Self.processExists(runPID)) {
                    try db.execute(
                        sql: """
                            UPDATE reconcile_runs SET state = 'abandoned', finished_at = ?,
                                error = 'the process running this reconciliation ended before finishing it'
                            WHERE id = ?
                            """, arguments: [now, row["id"] as Int64])
                } else if now.timeIntervalSince(row["started_at"] as Date) < 6 * 3600 {
                    return .failure(ReconcileAlreadyRunning(runID: row["id"], pid: runPID, startedAt: row["started_at"]))
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO reconcile_runs (mode, state, started_at, host, pid, fieldsync_version)
                    VALUES (?, 'running', ?, ?, ?, ?)
                    """, arguments: [dryRun ? "dry_run" : "repair", now, host, pid, fieldsyncVersion])
            return .success(db.lastInsertedRowID)
        }
        return try outcome.get()
    }

    /// Records how a reconciliation ended, with its differences; runs older than `keepDays` go.
    public func finishReconcileRun(
        _ id: Int64, summary: ReconcileRunSummary, differences: [ReconcileDifferenceRow], now: Date, keepDays: Int = 90
    ) throws(CacheError) {
        try writeImmediate("cannot record the end of the reconciliation") { db in
            try db.execute(
                sql: """
                    UPDATE reconcile_runs SET state = ?, finished_at = ?, created = ?, changed = ?, deleted = ?, bookings = ?,
                        over_holds = ?, not_repaired = ?, new_findings = ?, by_source = ?, not_compared = ?, error = ?
                    WHERE id = ?
                    """,
                arguments: [
                    summary.state.rawValue, now, summary.created, summary.changed, summary.deleted, summary.bookings,
                    summary.overHolds, summary.notRepaired, summary.newFindings, summary.bySource, summary.notCompared,
                    summary.error, id,
                ])
            for d in differences {
                try db.execute(
                    cached: """
                        INSERT INTO reconcile_differences (run_id, source, kind, entity, external_id, change, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, d.source, d.kind, d.entity, d.externalID, d.change, d.detail])
            }
            let cutoff = now.addingTimeInterval(-Double(max(1, keepDays)) * 86_400)
            try db.execute(
                sql: "DELETE FROM reconcile_differences WHERE run_id IN (SELECT id FROM reconcile_runs WHERE started_at < ?)",
                arguments: [cutoff])
            try db.execute(sql: "DELETE FROM reconcile_runs WHERE started_at < ? AND state != 'running'", arguments: [cutoff])
        }
    }

    /// Reconciliations that started at or after `since`, newest first.
    public func reconcileRuns(since: Date, limit: Int = 500) throws(CacheError) -> [ReconcileRunRecord] {
        try read("cannot read the reconciliation history") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(ReconcileRunRecord.columns) FROM reconcile_runs WHERE started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: [since, max(1, limit)]
            ).map(ReconcileRunRecord.init(row:))
        }
    }

    /// The differences one run recorded, in the order it found them.
    public func reconcileDifferences(run: Int64) throws(CacheError) -> [ReconcileDifferenceRow] {
        try read("cannot read the reconciliation's differences") { db in
            try Row.fetchAll(
                db, sql: "SELECT source, kind, entity, external_id, change, detail FROM reconcile_differences WHERE run_id = ? ORDER BY id",
                arguments: [run]
            ).map {
                ReconcileDifferenceRow(
                    source: $0["source"], kind: $0["kind"], entity: $0["entity"], externalID: $0["external_id"],
                    change: $0["change"], detail: $0["detail"])
            }
        }
    }
}
