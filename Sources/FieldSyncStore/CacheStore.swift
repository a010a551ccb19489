import FieldSyncCore
import Foundation
import GRDB
import Logging

/// The normalized local cache: one SQLite file (WAL mode) that every command and the HTTP API
/// share, with the origin of every row.
///
/// Opening it applies any pending migrations. A cache written by a newer fieldsync (one with
/// migrations this build does not know) is refused with ``CacheError/Code/newerSchema`` before
/// anything is written, and a SQLite file that is not a fieldsync cache with
/// ``CacheError/Code/notACache``.
///
/// ```swift
/// let store = try CacheStore.open(path: "/var/lib/fieldsync/cache.sqlite", logger: logger)
/// let windows = try store.availability(technicianID: "maria", overlapping: range)
/// ```
public final class CacheStore: Sendable {
    public let path: String
    let pool: DatabasePool
    let logger: Logger

    /// The schema version this build writes.
    public static var schemaVersion: Int { CacheSchema.version }

    private init(path: String, pool: DatabasePool, logger: Logger) {
        self.path = path
        self.pool = pool
        self.logger = logger
    }

    /// Opens (creating if needed) the cache at `path` and brings its schema up to date.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process's write to finish.
    public static func open(path: String, busyTimeout: Duration = .seconds(10), logger: Logger) throws(CacheError)
        -> CacheStore
    {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw CacheError(.io, "cannot create the folder for the cache: \(error.localizedDescription)", path: path)
            }
        }
        try refuseForeignFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds))
        configuration.foreignKeysEnabled = true
        configuration.label = "fieldsync.cache"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw CacheError.wrapping(error, path: path, doing: "cannot open the cache")
        }
        let migrator = CacheSchema.migrator
        do {
            let (superseded, applied, appID) = try pool.read { db in
                let exists = try db.tableExists("grdb_migrations")
                let superseded = exists ? try migrator.hasBeenSuperseded(db) : false
                let applied = exists ? try migrator.appliedIdentifiers(db).count : 0
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                return (superseded, applied, appID)
            }
            if appID != 0 && appID != CacheSchema.applicationID {
                throw CacheError(.notACache, "this SQLite file belongs to another application", path: path)
            }
            if superseded {
                throw CacheError(
                    .newerSchema,
                    "this cache has schema version \(applied), written by a newer fieldsync; this one knows version \(CacheSchema.version). Upgrade fieldsync, or use another --database.",
                    path: path)
            }
            let hasForeignTables = try pool.read { db in
                try !db.tableExists("grdb_migrations")
                    && (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0) > 0
            }
            if hasForeignTables {
                throw CacheError(.notACache, "this SQLite file has tables but is not a fieldsync cache", path: path)
            }
            try migrator.migrate(pool)
            try pool.write { db in try db.execute(sql: "PRAGMA user_version = \(CacheSchema.version)") }
        } catch {
            throw CacheError.wrapping(error, path: path, doing: "cannot prepare the cache")
        }
        return CacheStore(path: path, pool: pool, logger: logger)
    }

    /// A file that exists but does not start with SQLite's header is refused before SQLite
    /// touches it (SQLite would otherwise happily treat an empty or foreign file as its own).
    private static func refuseForeignFile(_ path: String) throws(CacheError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard !header.isEmpty else { return }
        if header != Data("SQLite format 3\u{0}".utf8) {
            throw CacheError(.notACache, "the file is not a SQLite database, let alone a fieldsync cache", path: path)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: it holds the write lock from the start,
    /// so a read-then-write inside it cannot race another writer.
    func writeImmediate<T>(_ what: String, _ body: (Database) throws -> T) throws(CacheError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw CacheError.wrapping(error, path: path, doing: what)
        }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(CacheError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw CacheError.wrapping(error, path: path, doing: what)
        }
    }
}
