import FieldSyncStore
import Foundation
import GRDB
import GRDBSQLite
import Logging

/// The baseline of the ingest benchmark: the rows a sync left in the cache, inserted into a
/// fresh cache file (same schema, indexes, foreign keys, WAL and `synchronous` setting) with
/// plain prepared `INSERT`s in large transactions: no lookups, no hashing, no merging.
struct RawRows {
    /// The cache's record tables, parents before children (foreign keys are on).
    static let tables = [
        "technicians", "availability_windows", "customers", "locations", "jobs", "appointments", "appointment_technicians",
        "appointment_assignments",
    ]

    struct Table {
        var name: String
        var columns: [String]
        var rows: [[DatabaseValue]]
    }

    /// `sync_runs`, inserted before the clock starts (the rows name their run).
    var runs: Table
    var tables: [Table]

    var count: Int { tables.reduce(0) { $0 + $1.rows.count } }

    /// Rows per table, as `name: count`.
    var counts: [(String, Int)] { tables.map { ($0.name, $0.rows.count) } }

    /// Reads every row of the record tables of the cache at `path`.
    static func read(cache path: String) throws -> RawRows {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            func table(_ name: String) throws -> Table {
                let columns = try db.columns(in: name).map(\.name)
                var rows: [[DatabaseValue]] = []
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(name) ORDER BY rowid")
                while let row = try cursor.next() {
                    rows.append(row.databaseValues.map { $0 })
                }
                return Table(name: name, columns: columns, rows: rows)
            }
            return RawRows(runs: try table("sync_runs"), tables: try tables.map(table))
        }
    }

    /// How the rows are handed to SQLite.
    enum Binding {
        /// `sqlite3_bind_*` and `sqlite3_step` on the prepared statement: SQLite's own rate.
        case sqlite
        /// GRDB's `Statement.setUncheckedArguments` and `execute()` (what the cache goes through).
        case grdb
    }

    /// Creates a fresh cache at `path` (the schema from ``CacheStore``), then times inserting
    /// every row with one prepared statement per table, committing every `transactionRows` rows.
    /// Returns the seconds the inserts and commits took.
    func insert(into path: String, transactionRows: Int, binding: Binding = .sqlite) throws -> Double {
        do {
            _ = try CacheStore.open(path: path, logger: Logger(label: "fieldsync.bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let pool = try DatabasePool(path: path, configuration: configuration)
        defer { try? pool.close() }
        try pool.write { db in try Self.insert(runs, db: db, from: 0, to: runs.rows.count, binding: .grdb) }
        let clock = ContinuousClock()
        let start = clock.now
        for table in tables {
            var from = 0
            while from < table.rows.count {
                let to = min(from + transactionRows, table.rows.count)
                try pool.write { db in try Self.insert(table, db: db, from: from, to: to, binding: binding) }
                from = to
            }
        }
        return (clock.now - start).seconds
    }

    private static func insert(_ table: Table, db: Database, from: Int, to: Int, binding: Binding) throws {
        let statement = try db.makeStatement(
            sql: "INSERT INTO \(table.name) (\(table.columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: table.columns.count).joined(separator: ", ")))"
        )
        switch binding {
        case .grdb:
            for index in from..<to {
                statement.setUncheckedArguments(StatementArguments(table.rows[index]))
                try statement.execute()
            }
        case .sqlite:
            let handle = statement.sqliteStatement
            for index in from..<to {
                sqlite3_reset(handle)
                for (column, value) in table.rows[index].enumerated() {
                    let position = Int32(column + 1)
                    switch value.storage {
                    case .null: sqlite3_bind_null(handle, position)
                    case .int64(let v): sqlite3_bind_int64(handle, position, v)
                    case .double(let v): sqlite3_bind_double(handle, position, v)
                    case .string(let v): sqlite3_bind_text(handle, position, v, -1, sqliteTransient)
                    case .blob(let v):
                        _ = v.withUnsafeBytes { sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), sqliteTransient) }
                    }
                }
                let code = sqlite3_step(handle)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
            sqlite3_reset(handle)
        }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
