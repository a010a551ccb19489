import ArgumentParser
import FieldSyncEngine
import FieldSyncStore
import Foundation
import Logging

/// `--config` and `--database`: where the configuration and the cache are.
struct CacheOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (YAML). Default: $FIELDSYNC_CONFIG, else ./fieldsync.yaml.", valueName: "FILE"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The cache file, overriding the configuration's 'database'. Default: $FIELDSYNC_DATABASE.", valueName: "FILE"))
    var database: String?

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["FIELDSYNC_CONFIG"] ?? "fieldsync.yaml"
    }

    /// Loads the configuration, or exits 78 (66 when the file is missing) with the problem.
    ///
    /// `sandboxURL` is where a configuration's in-process sandbox listens (see
    /// ``InProcessSandbox``); commands that do not reach the sources leave it nil.
    func loadConfig(sandboxURL: String? = nil) throws -> FieldSyncConfig {
        let path = configPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("\(path): no such configuration file (give --config FILE)", .noInput)
        }
        var environment = ProcessInfo.processInfo.environment
        let variable = FieldSyncConfig.sandboxURLVariable
        // Commands that only read the cache never reach the sandbox: any URL expands.
        environment[variable] = sandboxURL ?? environment[variable] ?? "http://127.0.0.1:9"
        do {
            return try FieldSyncConfig.load(path: path, environment: environment)
        } catch {
            throw fail(error.description, .config)
        }
    }

    /// Starts the in-process sandbox the configuration asks for, unless
    /// `$FIELDSYNC_SANDBOX_URL` already points at one.
    func startSandboxIfConfigured() async throws -> InProcessSandbox? {
        let path = configPath
        guard FileManager.default.fileExists(atPath: path),
            ProcessInfo.processInfo.environment[FieldSyncConfig.sandboxURLVariable] == nil
        else { return nil }
        let settings: FieldSyncConfig.SandboxSettings?
        do {
            settings = try FieldSyncConfig.sandboxSection(path: path)
        } catch {
            throw fail(error.description, .config)
        }
        guard let settings else { return nil }
        return try await InProcessSandbox.start(settings)
    }

    /// The cache path: --database, $FIELDSYNC_DATABASE, or the configuration's.
    func databasePath(config loaded: FieldSyncConfig? = nil) throws -> String {
        if let database { return database }
        if let fromEnvironment = ProcessInfo.processInfo.environment["FIELDSYNC_DATABASE"] { return fromEnvironment }
        if let loaded { return loaded.databasePath }
        return try loadConfig().databasePath
    }

    /// Opens the cache, mapping its errors to exit codes.
    func openStore(path: String, logger: Logger) throws -> CacheStore {
        do {
            return try CacheStore.open(path: path, logger: logger)
        } catch {
            throw Self.exit(for: error)
        }
    }

    /// An existing cache, read-only, for query commands: a missing file is an error, not an
    /// empty cache, and a sync holding the write lock does not make the query wait.
    func openExistingStore(logger: Logger) throws -> CacheStore {
        let path = try databasePath()
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("\(path): no cache yet; run fieldsync sync first", .noInput)
        }
        do {
            return try CacheStore.open(path: path, readOnly: true, logger: logger)
        } catch {
            throw Self.exit(for: error)
        }
    }

    static func exit(for error: CacheError) -> ExitCode {
        switch error.code {
        case .newerSchema: fail(error.description, .newerSchema)
        case .busy: fail(error.description, .busy)
        case .notACache: fail(error.description, .dataError)
        case .io, .database: fail(error.description, .failure)
        }
    }
}
