import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// What a source's adapter saved at the end of its last applied run, by key.
    public func cursors(source: String) throws(CacheError) -> [String: SourceCursor] {
        try read("cannot read sync cursors") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value, payload FROM sync_cursors WHERE source = ?", arguments: [source])
            var result: [String: SourceCursor] = [:]
            for row in rows {
                let payload: Data? = row["payload"]
                let key: String = row["key"]
                result[key] = SourceCursor(key: key, value: row["value"], payload: payload.map { Array($0) })
            }
            return result
        }
    }

    static func saveCursors(_ cursors: [SourceCursor], source: String, run: Int64, now: Date, db: Database) throws {
        for cursor in cursors {
            try db.execute(
                sql: """
                    INSERT INTO sync_cursors (source, key, value, payload, updated_at, sync_run_id) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (source, key) DO UPDATE SET value = excluded.value, payload = excluded.payload,
                        updated_at = excluded.updated_at, sync_run_id = excluded.sync_run_id
                    """,
                arguments: [source, cursor.key, cursor.value, cursor.payload.map { Data($0) }, now, run])
        }
    }
}
