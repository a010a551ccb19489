import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncSandbox
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import GRDB
import Logging
import Testing

/// What `fieldsync reconcile` runs against, in-process: the sandbox (ServiceTitan and Housecall
/// Pro over real HTTP on loopback), the shipped sandbox configuration (with the technicians'
/// calendar feeds) pointed at it, and a real SQLite cache in a scratch folder, filled by one
/// first sync. Tests change the sandbox behind the cache's back, then reconcile.
///
/// Time starts on the Monday morning of the data's anchor week, so the records the tests edit
/// lie at the same place in the horizon on every day the tests run, and moves on as it does (a
/// run must begin after the rows it finds were last seen).
final class ReconcileHarness: Sendable {
    /// 2026-11-23T12:00:00Z, 06:00 in Chicago: when the tests' clock starts.
    static let now = Date(timeIntervalSince1970: 1_795_442_400)
    private static let origin = ContinuousClock.now

    /// ``now`` plus the time the tests have run so far.
    static func clock() -> Date {
        let elapsed = ContinuousClock.now - origin
        return now.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    static let configPath = SandboxHarness.repository.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path

    let sandbox: SandboxHarness
    let workspace: Workspace
    let config: FieldSyncConfig
    let store: CacheStore

    var server: SandboxServer { sandbox.server }

    /// Starts the sandbox and syncs it into a fresh cache. With `checked`, the checks run once
    /// after the sync too (as the cron job would), so a reconciliation's new findings are new.
    static func start(checked: Bool = false) async throws -> ReconcileHarness {
        let sandbox = try await startSandbox()
        let workspace = try Workspace()
        let config = try configuration(sandbox: sandbox, databasePath: workspace.path("cache.sqlite"))
        let store = try CacheStore.open(path: config.databasePath, logger: Logger(label: "test"))
        let harness = ReconcileHarness(sandbox: sandbox, workspace: workspace, config: config, store: store)
        try await harness.sync()
        if checked {
            _ = try CheckService(config: config, store: store, logger: Logger(label: "test"))
                .run(now: clock(), fieldsyncVersion: "test")
        }
        return harness
    }

    /// Runs `body` with a started harness, stopping the sandbox afterwards.
    static func with(checked: Bool = false, _ body: (ReconcileHarness) async throws -> Void) async throws {
        let harness = try await start(checked: checked)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// A sandbox serving the built-in data as of ``now`` (optionally with faults).
    static func startSandbox(faults: [String] = []) async throws -> SandboxHarness {
        try await SandboxHarness.start(
            data: try SandboxData.load(from: SandboxHarness.dataDirectory, now: now), faults: faults)
    }

    /// The shipped sandbox configuration pointed at `sandbox`, with the cache at `databasePath`
    /// and quick retries, so an injected fault costs milliseconds.
    static func configuration(sandbox: SandboxHarness, databasePath: String) throws -> FieldSyncConfig {
        var config = try FieldSyncConfig.load(
            path: configPath, environment: [FieldSyncConfig.sandboxURLVariable: sandbox.baseURL.absoluteString])
        config.databasePath = databasePath
        let retry = HTTPRetryPolicy(
            maxAttempts: 3, initialDelay: .milliseconds(5), maximumDelay: .milliseconds(50), maximumRetryAfter: .seconds(2))
        for i in config.sources.indices {
            switch config.sources[i].kind {
            case .serviceTitan(var c, let mapping):
                c.retry = retry
                c.requestTimeout = .seconds(5)
                config.sources[i].kind = .serviceTitan(c, mapping: mapping)
            case .housecallPro(var c, let mapping):
                c.retry = retry
                c.requestTimeout = .seconds(5)
                config.sources[i].kind = .housecallPro(c, mapping: mapping)
            case .icalendar:
                break
            }
        }
        return config
    }

    private init(sandbox: SandboxHarness, workspace: Workspace, config: FieldSyncConfig, store: CacheStore) {
        self.sandbox = sandbox
        self.workspace = workspace
        self.config = config
        self.store = store
    }

    func stop() async {
        await sandbox.stop()
    }

    var horizon: TimeRange { config.horizon.range(now: Self.now) }

    // MARK: Running

    /// One `fieldsync sync` of every configured source; every source must succeed.
    func sync(into store: CacheStore? = nil) async throws {
        let runner = SyncRunner(
            store: store ?? self.store, adapters: AdapterFactory.adapters(for: config, transport: URLSessionTransport()),
            logger: Logger(label: "test"), brake: config.massDelete, fieldsyncVersion: "test", now: { Self.clock() })
        let report = await runner.run(horizon: horizon)
        try #require(
            report.sources.allSatisfy { $0.state == .succeeded },
            "the sandbox synced: \(report.sources.map { "\($0.source): \($0.state) \($0.error ?? "") \($0.failures)" })")
    }

    /// One `fieldsync reconcile` of every configured source, as the command runs it; `against`
    /// reads another sandbox (one with faults) into the same cache.
    func reconcile(
        dryRun: Bool = false, brake: MassDeleteBrake? = nil, runChecks: Bool = false, against other: SandboxHarness? = nil
    ) async throws -> ReconcileReport {
        let read = try other.map { try Self.configuration(sandbox: $0, databasePath: config.databasePath) } ?? config
        var runner = ReconcileRunner(
            config: config, store: store, adapters: AdapterFactory.adapters(for: read, transport: URLSessionTransport()),
            logger: Logger(label: "test"), brake: brake ?? config.massDelete, fieldsyncVersion: "test", now: { Self.clock() })
        runner.dryRun = dryRun
        runner.runChecks = runChecks
        return try await runner.run(horizon: horizon)
    }

    // MARK: Reading the cache

    /// The cache's data as a fresh sync would leave it (see ``CacheSnapshot``).
    func snapshot() throws -> CacheSnapshot {
        try CacheSnapshot.of(path: store.path)
    }

    /// What a fresh cache holds after one sync of the sandbox as it is now: what a repaired
    /// cache must equal.
    func freshSnapshot() async throws -> CacheSnapshot {
        let fresh = try Workspace()
        let store = try CacheStore.open(path: fresh.path("cache.sqlite"), logger: Logger(label: "test"))
        try await sync(into: store)
        return try withExtendedLifetime(fresh) { try CacheSnapshot.of(path: store.path) }
    }

    /// Every row of every table but the reconciliation history, as text, sorted: a dry run must
    /// leave this exactly as it found it.
    func tableContents() throws -> [String: [String]] {
        try read { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                        AND name NOT IN ('reconcile_runs', 'reconcile_differences')
                    """)
            var out: [String: [String]] = [:]
            for table in tables {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
            }
            return out
        }
    }

    /// One value from the cache (nil when there is no row, or the value is NULL).
    func value<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try read { try Int.fetchOne($0, sql: sql, arguments: arguments) } ?? -1
    }

    /// The technicians the cache has on an appointment of `source`, sorted.
    func technicians(onAppointment externalID: String, source: String) throws -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT t.technician_id FROM appointment_technicians t JOIN appointments a ON a.id = t.appointment_id
                    WHERE a.source = ? AND a.external_id = ? ORDER BY t.technician_id
                    """, arguments: [source, externalID])
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: store.path, configuration: configuration)
        return try queue.read(body)
    }
}

extension ReconcileReport {
    /// `entity id change` of each difference, as the report lists them.
    var keys: [String] { differences.map(\.key) }

    /// The differences about one record.
    func differences(_ entity: String, _ id: String) -> [Difference] {
        differences.filter { $0.entity == entity && $0.id == id }
    }

    /// The one difference about a record; a missing or repeated one fails the test.
    func difference(_ entity: String, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Difference {
        let found = differences(entity, id)
        try #require(found.count == 1, "\(entity) \(id) is reported \(found.count) times in \(keys)", sourceLocation: sourceLocation)
        return found[0]
    }

    func source(_ name: String) -> SourceResult? { sources.first { $0.source == name } }

    /// The report as `fieldsync reconcile --json` prints it.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}

extension ReconcileReport.Difference {
    var key: String { "\(entity) \(id) \(change.rawValue)" }

    /// The field of this name, if it differs.
    func field(_ name: String) -> FieldChange? { fields.first { $0.name == name } }
}

/// Times as the sandbox writes them, moved.
enum SandboxTime {
    /// `text` (an RFC 3339 instant) moved by `seconds`, in the form the vendors write.
    static func shifted(_ text: String?, by seconds: TimeInterval) -> String {
        let date = RFC3339.parseDate(text ?? "") ?? ReconcileHarness.now
        return RFC3339.string(date.addingTimeInterval(seconds))
    }
}
