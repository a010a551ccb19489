import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Logging
import Testing

@Suite("Opening the cache")
struct CacheOpeningTests {
    @Test("a new cache is a WAL-mode SQLite file marked as fieldsync's, at the current schema version")
    func newCache() throws {
        let temp = try TemporaryCache()
        _ = try temp.open()
        let queue = try DatabaseQueue(path: temp.path)
        let (journal, appID, version, tables) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int32.fetchOne(db, sql: "PRAGMA application_id"),
                try Int.fetchOne(db, sql: "PRAGMA user_version"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            )
        }
        #expect(journal == "wal")
        #expect(appID == 0x4653_4E43)
        #expect(version == CacheStore.schemaVersion)
        for table in ["technicians", "availability_windows", "jobs", "appointments", "sync_runs", "sync_cursors", "rejects"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test("opening an existing cache again keeps its data")
    func reopen() throws {
        let temp = try TemporaryCache()
        try temp.open().applyRun(Sample.batch(windows: [Sample.window("a", from: 1, to: 2)]))
        let again = try temp.open()
        #expect(try again.counts()["availability_windows"] == 1)
    }

    @Test("a cache written by a newer fieldsync is refused with a clear error and left untouched")
    func newerSchema() throws {
        let temp = try TemporaryCache()
        _ = try temp.open()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            try db.execute(sql: "CREATE TABLE future_things (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "PRAGMA user_version = 99")
        }
        func snapshot() throws -> [String] {
            try queue.read { db in
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                    + String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name")
                    + [String(try Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1)]
                    + [String(try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_runs") ?? -1)]
            }
        }
        let before = try snapshot()
        let error = #expect(throws: CacheError.self) { try temp.open() }
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("newer fieldsync") == true)
        #expect(error?.message.contains("Upgrade fieldsync") == true)
        #expect(try snapshot() == before)
        #expect(before.contains("v99-from-the-future"))
    }

    @Test("a file that is not SQLite is refused, not overwritten")
    func notSQLite() throws {
        let temp = try TemporaryCache()
        let text = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        try text.write(toFile: temp.path, atomically: true, encoding: .utf8)
        let error = #expect(throws: CacheError.self) { try temp.open() }
        #expect(error?.code == .notACache)
        #expect(try String(contentsOfFile: temp.path, encoding: .utf8) == text)
    }

    @Test("another application's SQLite database is refused")
    func foreignDatabase() throws {
        let temp = try TemporaryCache()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)") }
        try queue.close()
        let error = #expect(throws: CacheError.self) { try temp.open() }
        #expect(error?.code == .notACache)
    }

    @Test("another application's database keeps its journal mode: it is inspected, not opened for writing")
    func foreignDatabaseUntouched() throws {
        let temp = try TemporaryCache()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)") }
        try queue.close()
        #expect(throws: CacheError.self) { try temp.open() }
        let check = try DatabaseQueue(path: temp.path)
        #expect(try check.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "delete")
        #expect(!FileManager.default.fileExists(atPath: temp.path + "-wal"))
    }

    @Test("a read-only open answers queries while another process holds the write lock")
    func readWhileWriting() throws {
        let temp = try TemporaryCache()
        try temp.open().applyRun(Sample.batch(windows: [Sample.window("a", from: 1, to: 2)]))
        let blocker = try DatabaseQueue(path: temp.path)
        try blocker.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let clock = ContinuousClock()
            let started = clock.now
            let reader = try CacheStore.open(path: temp.path, busyTimeout: .seconds(5), readOnly: true, logger: Logger(label: "t"))
            #expect(try reader.availability(technicianID: "maria", overlapping: Sample.horizon).count == 1)
            #expect(clock.now - started < .seconds(2))
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test("the cache folder is created when it does not exist")
    func createsFolder() throws {
        let temp = try TemporaryCache()
        let nested = temp.directory.appendingPathComponent("a/b/cache.sqlite").path
        _ = try CacheStore.open(path: nested, logger: Logger(label: "test"))
        #expect(FileManager.default.fileExists(atPath: nested))
    }

    @Test("a batch that fails half-way leaves the cache exactly as it was: all of it lands or none")
    func atomicApply() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: [Sample.window("kept", from: 1, to: 2)]))
        // A trigger makes SQLite fail on the fourth new window, after three were written.
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in
            try db.execute(
                sql: "CREATE TRIGGER poison BEFORE INSERT ON availability_windows WHEN NEW.external_id = 'poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
        }
        var batch = Sample.batch(
            technicians: [Sample.technician("maria"), Sample.technician("dan")],
            windows: ["a", "b", "c", "poison"].enumerated().map {
                Sample.window($0.element, from: Double($0.offset) + 3, to: Double($0.offset) + 4)
            })
        batch.rejects = [RejectedRecord(backend: "icalendar", source: "cal", recordKind: "vevent", reason: "x", rawPayload: "y")]
        let run = try store.beginRun(
            invocationID: "i", source: "cal", backend: "icalendar", horizon: Sample.horizon, now: Sample.t0, fieldsyncVersion: "t")
        let error = #expect(throws: CacheError.self) {
            try store.apply(batch, run: run, backend: "icalendar", source: "cal", resolveMissingRejects: true, now: Sample.t0)
        }
        #expect(error?.message.contains("injected failure") == true)
        let counts = try store.counts()
        #expect(counts["availability_windows"] == 1)
        #expect(counts["technicians"] == 1)
        #expect(counts["rejects"] == 0)
        #expect(try store.availability(technicianID: "maria", overlapping: Sample.horizon).map(\.window.source.externalID) == ["kept"])
    }

    @Test("a writer blocked past the busy timeout gets a 'busy' error and writes nothing")
    func busy() throws {
        let temp = try TemporaryCache()
        let store = try temp.open(busyTimeout: .seconds(1))
        let blocker = try DatabaseQueue(path: temp.path)
        try blocker.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            let error = #expect(throws: CacheError.self) {
                try store.applyRun(Sample.batch(windows: [Sample.window("a", from: 1, to: 2)]))
            }
            #expect(error?.code == .busy)
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try store.counts()["availability_windows"] == 0)
    }
}
