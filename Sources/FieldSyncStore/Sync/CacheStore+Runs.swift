import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// Records the start of a sync run for one source and returns its id.
    ///
    /// Runs left `running` on this host by processes that no longer exist are marked
    /// `abandoned` first, so a crash never leaves a run looking alive.
    public func beginRun(
        invocationID: String, kind: String = "sync", source: String, backend: String, horizon: TimeRange, now: Date,
        fieldsyncVersion: String
    ) throws(CacheError) -> Int64 {
        let host = ProcessInfo.processInfo.hostName
        let pid = ProcessInfo.processInfo.processIdentifier
        return try writeImmediate("cannot record the start of a sync run") { db in
            let running = try Row.fetchAll(
                db, sql: "SELECT id, pid FROM sync_runs WHERE state = 'running' AND host = ?", arguments: [host])
            for row in running {
                let runPID: Int32 = row["pid"]
                if runPID != pid && !Self.processExists(runPID) {
                    try db.execute(
                        sql: """
                            UPDATE sync_runs SET state = 'abandoned', finished_at = ?,
                                error = 'the process running this sync ended before finishing it'
                            WHERE id = ?
                            """, arguments: [now, row["id"] as Int64])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (invocation_id, kind, source, backend, state, started_at, horizon_start, horizon_end,
                                           host, pid, fieldsync_version)
                    VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    invocationID, kind, source, backend, now, horizon.start, horizon.end, host, pid, fieldsyncVersion,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Records how a run ended.
    public func finishRun(
        _ id: Int64, state: SyncRunState, counts: ApplyResult, error: String?, failures: [String], now: Date
    ) throws(CacheError) {
        try writeImmediate("cannot record the end of a sync run") { db in
            try db.execute(
                sql: """
                    UPDATE sync_runs SET state = ?, finished_at = ?, technicians = ?, fetched = ?, inserted = ?, updated = ?,
                        unchanged = ?, removed = ?, rejected = ?, error = ?, failures = ?, notes = ?, pages = ?,
                        entity_counts = ?
                    WHERE id = ?
                    """,
                arguments: [
                    state.rawValue, now, counts.technicians, counts.fetched, counts.inserted, counts.updated,
                    counts.unchanged, counts.removed, counts.rejected, error, JSONList.encode(failures),
                    JSONList.encode(counts.notes), counts.pages, Self.encodeEntityCounts(counts.entities), id,
                ])
        }
    }

    /// The most recent runs, newest first.
    public func runs(limit: Int = 20, source: String? = nil) throws(CacheError) -> [SyncRunRecord] {
        try read("cannot read sync runs") { db in
            let rows: [Row]
            if let source {
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM sync_runs WHERE source = ? ORDER BY id DESC LIMIT ?", arguments: [source, limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return rows.map(Self.runRecord)
        }
    }

    static func runRecord(_ row: Row) -> SyncRunRecord {
        var counts = ApplyResult()
        counts.technicians = row["technicians"]
        counts.fetched = row["fetched"]
        counts.inserted = row["inserted"]
        counts.updated = row["updated"]
        counts.unchanged = row["unchanged"]
        counts.removed = row["removed"]
        counts.rejected = row["rejected"]
        counts.pages = row["pages"]
        if let text: String = row["entity_counts"], let data = text.data(using: .utf8) {
            counts.entities = (try? JSONDecoder().decode([String: EntityCounts].self, from: data)) ?? [:]
        }
        return SyncRunRecord(
            id: row["id"], invocationID: row["invocation_id"], kind: row["kind"], source: row["source"],
            backend: row["backend"], state: SyncRunState(rawValue: row["state"]) ?? .failed, startedAt: row["started_at"],
            finishedAt: row["finished_at"], horizonStart: row["horizon_start"], horizonEnd: row["horizon_end"],
            counts: counts, error: row["error"], failures: JSONList.decode(row["failures"]),
            notes: JSONList.decode(row["notes"]), host: row["host"], pid: row["pid"],
            fieldsyncVersion: row["fieldsync_version"])
    }

    static func processExists(_ pid: Int32) -> Bool {
        #if canImport(Glibc)
        return kill(pid, 0) == 0 || errno == EPERM
        #else
        return true
        #endif
    }

    static func encodeEntityCounts(_ counts: [String: EntityCounts]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(data: encoder.encode(counts), encoding: .utf8)) ?? "{}"
    }
}
