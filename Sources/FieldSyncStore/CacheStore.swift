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

    /// The most page cache one connection keeps, in KiB (SQLite's `cache_size`).
    static let pageCacheKiB = 65_536

    private init(path: String, pool: DatabasePool, logger: Logger) {
        self.path = path
        self.pool = pool
        self.logger = logger
    }

    /// Opens (creating if needed) the cache at `path` and brings its schema up to date.
    ///
    /// An existing file is inspected first without changing it: a file that is not a fieldsync
    /// cache, or one written by a newer fieldsync, is refused before anything is written.
    ///
    /// - Parameters:
    ///   - busyTimeout: how long a write waits for another process's write to finish.
    ///   - readOnly: open for queries only: never writes, never waits for a writer (WAL lets
    ///     readers read while a sync writes), and refuses a cache that still needs migrating.
    public static func open(
        path: String, busyTimeout: Duration = .seconds(10), readOnly: Bool = false, logger: Logger
    ) throws(CacheError) -> CacheStore {
        if !readOnly { try createFolder(for: path) }
        let state = try inspect(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(busyTimeout.components.seconds))
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        configuration.label = "fieldsync.cache"
        // SQLite's default page cache is 2 MiB per connection. A sync or a reconciliation looks
        // up every record it reads by its key, at random across indexes of hundreds of MiB; with
        // the default most lookups went back to the file (a 100,000-job full pass took 15 times
        // as long as a 10,000-job one). Pages are allocated only as they are used.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -\(CacheStore.pageCacheKiB)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw CacheError.wrapping(error, path: path, doing: "cannot open the cache")
        }
        if readOnly {
            guard state == .current else {
                throw CacheError(
                    .database, "the cache needs upgrading to this fieldsync's schema; run fieldsync sync first", path: path)
            }
        } else if state != .current {
            do {
                try CacheSchema.migrator.migrate(pool)
                try pool.write { db in try db.execute(sql: "PRAGMA user_version = \(CacheSchema.version)") }
            } catch {
                throw CacheError.wrapping(error, path: path, doing: "cannot prepare the cache")
            }
        }
        return CacheStore(path: path, pool: pool, logger: logger)
    }

    private static func createFolder(for path: String) throws(CacheError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CacheError(.io, "cannot create the folder for the cache: \(error.localizedDescription)", path: path)
        }
    }

    private enum FileState {
        /// No file yet, or an empty one.
        case new
        /// A fieldsync cache with migrations still to apply.
        case older
        /// A fieldsync cache at this build's schema.
        case current
    }

    /// Looks at an existing file without changing it (no journal-mode switch, no migration).
    private static func inspect(_ path: String) throws(CacheError) -> FileState {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .new }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard !header.isEmpty else { return .new }
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw CacheError(.notACache, "the file is not a SQLite database, let alone a fieldsync cache", path: path)
        }
        let migrator = CacheSchema.migrator
        do {
            // Another process may be opening or writing the same file: wait for it, as the pool does.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db throws -> FileState in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if appID != 0 && appID != CacheSchema.applicationID {
                    throw CacheError(.notACache, "this SQLite file belongs to another application", path: path)
                }
                guard try db.tableExists("grdb_migrations") else {
                    let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                    if tables > 0 {
                        throw CacheError(.notACache, "this SQLite file has tables but is not a fieldsync cache", path: path)
                    }
                    return .new
                }
                if try migrator.hasBeenSuperseded(db) {
                    let applied = try migrator.appliedIdentifiers(db).count
                    throw CacheError(
                        .newerSchema,
                        "this cache has schema version \(applied), written by a newer fieldsync; this one knows version \(CacheSchema.version). Upgrade fieldsync, or use another --database.",
                        path: path)
                }
                return try migrator.hasCompletedMigrations(db) ? .current : .older
            }
        } catch {
            throw CacheError.wrapping(error, path: path, doing: "cannot read the cache")
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
