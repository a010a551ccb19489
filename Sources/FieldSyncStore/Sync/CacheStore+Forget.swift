import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// Sources that have rows in the cache, with how many windows each holds.
    public func cachedSources() throws(CacheError) -> [String: Int] {
        try read("cannot list cached sources") { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT source, count(*) AS n FROM availability_windows GROUP BY source") {
                result[row["source"]] = row["n"]
            }
            for source in try String.fetchAll(db, sql: "SELECT DISTINCT source FROM technicians") where result[source] == nil {
                result[source] = 0
            }
            return result
        }
    }

    /// What ``forget(source:now:)`` removed.
    public struct ForgetResult: Sendable, Hashable, Codable {
        public var windows = 0
        public var technicians = 0
        public var cursors = 0
    }

    /// Removes everything a source put in the cache (windows, coverage, cursors, customers,
    /// locations, jobs, appointments, assignments, queued deletions) and marks its technicians
    /// inactive; its runs and rejects stay as history.
    /// For a source renamed or removed from the configuration.
    public func forget(source: String) throws(CacheError) -> ForgetResult {
        try writeImmediate("cannot remove \(source) from the cache") { db in
            var result = ForgetResult()
            try db.execute(sql: "DELETE FROM availability_windows WHERE source = ?", arguments: [source])
            result.windows = db.changesCount
            try db.execute(sql: "DELETE FROM coverage WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM sync_cursors WHERE source = ?", arguments: [source])
            result.cursors = db.changesCount
            try db.execute(sql: "DELETE FROM appointments WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM jobs WHERE source = ?", arguments: [source])
            // Customers and locations are personal data: a forgotten source keeps none.
            try db.execute(sql: "DELETE FROM customers WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM locations WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM appointment_assignments WHERE source = ?", arguments: [source])
            try db.execute(sql: "DELETE FROM pending_deletions WHERE source = ?", arguments: [source])
            try db.execute(sql: "UPDATE technicians SET active = 0 WHERE source = ? AND active = 1", arguments: [source])
            result.technicians = db.changesCount
            return result
        }
    }
}
