import FieldSyncCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The sandbox: a real HTTP server on loopback that answers as ServiceTitan (under
/// `/servicetitan`) and Housecall Pro (under `/housecallpro`) do, from a ``SandboxData`` set,
/// with injected faults, a request log, and an API to change records behind a client's back.
///
/// ```swift
/// let server = SandboxServer(data: try SandboxData.load(from: "Adapters/Sandbox/Data"),
///                            options: options)
/// let task = Task {
///     try await server.run { port in print("listening on \(port)") }
/// }
/// try await server.update(.serviceTitan(.jobs), id: "700001", set: ["summary": "Moved"])
/// let log = await server.requestLog()
/// task.cancel()   // stops serving
/// ```
public struct SandboxServer: Sendable {
    /// How this server listens and behaves.
    public let options: SandboxOptions
    let store: SandboxStore
    let faults: FaultInjector
    let log: RequestLog

    public init(data: SandboxData, options: SandboxOptions = SandboxOptions()) {
        self.options = options
        store = SandboxStore(
            data: data, credentials: options.credentials, tokenLifetime: options.tokenLifetime,
            exportBatchSize: options.exportBatchSize, now: options.now)
        faults = FaultInjector(plan: options.faults)
        log = RequestLog(onRequest: options.onRequest)
    }

    /// Serves until the calling task is cancelled. `onListening` is called once with the port
    /// the server is bound to (the chosen one when ``SandboxOptions/port`` is 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let router = Router(context: SandboxRequestContext.self)
        router.add(
            middleware: SandboxMiddleware(
                store: store, faults: faults, limiter: options.rateLimit.map { RateLimiter(limit: max(1, $0)) },
                rateLimit: options.rateLimit ?? 0, log: log, now: options.now))
        STRoutes.register(on: router, store: store)
        HCPRoutes.register(on: router, store: store)
        // The HTTP server's own log is noise (it reports a normal shutdown as an error) unless
        // the caller asked for debugging.
        var logger = options.logger
        if logger.logLevel > .debug { logger.logLevel = .critical }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.run()
    }

    // MARK: Request log

    /// Every request answered so far, oldest first.
    public func requestLog() async -> [RequestLogEntry] {
        await log.all()
    }

    /// Forgets the requests logged so far.
    public func clearRequestLog() async {
        await log.clear()
    }

    /// How many requests each fault matched and hit so far.
    public func faultCounts() async -> [(fault: FaultSpec, matched: Int, fired: Int)] {
        await faults.counts()
    }

    // MARK: Reading and changing records behind the client's back

    /// A record as the vendor would return it now (ServiceTitan records with `active`), or nil.
    public func record(_ resource: SandboxResource, id: String) async -> JSONValue? {
        await store.current(resource, id: id)
    }

    /// Every record of a resource, in id order (deleted ones too when asked).
    public func records(_ resource: SandboxResource, includeDeleted: Bool = false) async -> [JSONValue] {
        await store.all(resource, includeDeleted: includeDeleted)
    }

    /// Sets top-level fields of a record (the id cannot change); the record is stamped modified
    /// now and moves to the end of the export feed.
    @discardableResult
    public func update(_ resource: SandboxResource, id: String, set fields: JSONObject) async throws(SandboxError) -> JSONValue {
        try await store.update(resource, id: id) { json in
            for (key, value) in fields { json[key] = value }
        }
    }

    /// Edits a record with a closure (for nested fields), then stamps it as ``update(_:id:set:)``.
    @discardableResult
    public func update(
        _ resource: SandboxResource, id: String, _ change: @escaping @Sendable (inout JSONValue) -> Void
    ) async throws(SandboxError) -> JSONValue {
        try await store.update(resource, id: id, change: change)
    }

    /// Deactivates a record: ServiceTitan `active: false` (lists show it with `active=Any` or
    /// `False`, exports with `active: false`); a Housecall Pro employee vanishes from
    /// `GET /employees`; other Housecall Pro records are deleted.
    public func deactivate(_ resource: SandboxResource, id: String) async throws(SandboxError) {
        try await store.deactivate(resource, id: id)
    }

    /// Deletes a record: ServiceTitan lists and lookups no longer show it, exports carry it once
    /// more with `active: false`; a Housecall Pro job gets `deleted_at` and vanishes from
    /// `GET /jobs` (`GET /jobs/{id}` answers 404).
    public func delete(_ resource: SandboxResource, id: String) async throws(SandboxError) {
        try await store.delete(resource, id: id)
    }

    /// Adds a record (an id is assigned when it has none), stamped as created now.
    @discardableResult
    public func add(_ resource: SandboxResource, record: JSONValue) async throws(SandboxError) -> JSONValue {
        try await store.add(resource, record: record)
    }

    /// Stamps a record as modified now without changing anything else.
    public func touch(_ resource: SandboxResource, id: String) async throws(SandboxError) {
        try await store.touch(resource, id: id)
    }

    /// Makes every ServiceTitan export continuation token issued so far invalid (`400` on use).
    public func invalidateExportTokens() async {
        await store.invalidateExportTokens()
    }
}
