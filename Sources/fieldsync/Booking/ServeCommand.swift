import ArgumentParser
import FieldSyncEngine
import FieldSyncServer
import FieldSyncStore
import Foundation
import Logging

/// `fieldsync serve --config FILE --port P`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the booking API for the AI dispatcher (slot search, bookings) from the cache.",
        discussion: """
            Every /v1 request needs Authorization: Bearer <token>, the token from the environment \
            variable FIELDSYNC_API_TOKEN (or api.token / api.token_file in the configuration). The \
            OpenAPI document is at /openapi.json.

            On start, before listening, it finishes any booking a stopped or crashed fieldsync left \
            half-written (no booking is lost or written twice); then it keeps retrying writes the \
            backends refused for now (429, 5xx, timeouts) in the background.

            With --sync-every, it also syncs every source that often, so slot search stays fresh \
            without a cron job. A cache never synced is synced before the API starts.

            Examples:
              FIELDSYNC_API_TOKEN=s3cret fieldsync serve --config shop.yaml --port 8080
              FIELDSYNC_API_TOKEN=dev fieldsync serve --config Adapters/Sandbox/fieldsync.yaml --port 8080 --shadow
            """
    )

    @OptionGroup var cache: CacheOptions

    @Option(name: .long, help: "The port to listen on (0: any free port; the port is printed).")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Flag(name: .long, help: "Shadow mode for every backend: decide and record what would be written, write nothing.")
    var shadow = false

    @Option(name: .long, help: ArgumentHelp("Sync every source this often, in minutes (0: never).", valueName: "MINUTES"))
    var syncEvery: Int = 0

    @Flag(name: .shortAndLong, help: "Log every request to standard error.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard syncEvery >= 0 else { throw ValidationError("--sync-every must be 0 or more minutes") }
    }

    func run() async throws {
        var logger = CLILogging.bootstrap(verbose: true)
        if !verbose && ProcessInfo.processInfo.environment["FIELDSYNC_LOG_LEVEL"] == nil { logger.logLevel = .notice }
        let sandbox = try await cache.startSandboxIfConfigured()
        defer { if let sandbox { Task { await sandbox.stop() } } }
        var config = try cache.loadConfig(sandboxURL: sandbox?.url)
        if shadow { config.booking.shadowAll = true }
        let token = ProcessInfo.processInfo.environment["FIELDSYNC_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? config.booking.apiToken
        guard let token, !token.isEmpty else {
            throw fail("no API token: set FIELDSYNC_API_TOKEN (or api.token in \(config.path)); every request must carry it", .config)
        }
        let store = try cache.openStore(path: try cache.databasePath(config: config), logger: logger)
        if (try? store.lastSuccessfulSyncs().isEmpty) ?? true {
            StandardError.write("fieldsync: the cache has never been synced; syncing every source first\n")
            await ServeSync.run(config: config, store: store, logger: logger)
        }
        let service: BookingService
        do {
            service = try BookingService(config: config, store: store, transport: URLSessionTransport(), logger: logger)
        } catch {
            throw fail(error.description, .config)
        }
        let server = APIServer(service: service, token: token, host: host, port: port, logger: logger)
        let shadowNote = config.booking.shadowAll ? " (shadow mode: nothing is written to any backend)" : ""
        let every = syncEvery
        let (finalConfig, finalLogger, address) = (config, logger, host)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.run { port in
                    StandardOutput.write("fieldsync: serving the booking API on http://\(address):\(port)\(shadowNote)\n")
                }
            }
            if every > 0 {
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(every * 60))
                        await ServeSync.run(config: finalConfig, store: store, logger: finalLogger)
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// A full sync of every source from inside `serve`.
enum ServeSync {
    static func run(config: FieldSyncConfig, store: CacheStore, logger: Logger) async {
        let adapters = AdapterFactory.adapters(for: config, transport: URLSessionTransport())
        var runner = SyncRunner(
            store: store, adapters: adapters, logger: logger, brake: config.massDelete, fieldsyncVersion: FieldSyncVersion.current)
        runner.retentionDays = config.retentionDays
        let report = await runner.run(horizon: config.horizon.range(now: Date()))
        logger.notice("sync finished", metadata: ["outcome": "\(report.outcome)"])
    }
}
