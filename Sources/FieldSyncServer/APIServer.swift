import FieldSyncEngine
import Foundation
import Hummingbird
import Logging

/// `fieldsync serve`: the HTTP API the AI dispatcher calls. Every `/v1` request needs the bearer
/// token; `/openapi.json` and `/health` are open (they show counts, no shop data).
///
/// On start, before it listens, it finishes what the outbox owes (bookings a crashed process
/// left half-written); then an outbox worker runs beside the server.
public struct APIServer: Sendable {
    public let service: BookingService
    let token: String
    let host: String
    let port: Int
    let logger: Logger
    let workerInterval: Duration

    /// - Parameter token: the bearer token every `/v1` request must carry (never logged).
    public init(
        service: BookingService, token: String, host: String = "127.0.0.1", port: Int = 8080, logger: Logger,
        workerInterval: Duration = .seconds(1)
    ) {
        self.service = service
        self.token = token
        self.host = host
        self.port = port
        self.logger = logger
        self.workerInterval = workerInterval
    }

    /// The router, with every route and middleware (also what the tests drive).
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        router.add(middleware: JSONErrorMiddleware())
        router.get("health") { _, _ -> Response in
            let report = service.health()
            return JSONReply.ok(APIJSON.string(report), status: report.status == "ok" ? .ok : .serviceUnavailable)
        }
        router.get("openapi.json") { _, _ -> Response in JSONReply.ok(OpenAPIDocument.json) }
        let v1 = router.group("v1").add(middleware: BearerAuthMiddleware(token: token))
        BookingRoutes.register(on: v1, service: service)
        return router
    }

    /// Recovers the outbox, then serves until cancelled.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let worker = OutboxWorker(service: service, interval: workerInterval)
        if let recovered = await worker.recover(within: .seconds(30)) {
            if recovered.attempted > 0 {
                logger.notice(
                    "recovered the outbox",
                    metadata: [
                        "attempted": "\(recovered.attempted)", "confirmed": "\(recovered.confirmed)",
                        "failed": "\(recovered.failed)", "owed": "\(recovered.stillOwed)",
                    ])
            }
        } else {
            logger.warning("the outbox is still being recovered after 30 s; serving meanwhile (owed bookings keep their time)")
        }
        var serverLogger = logger
        if serverLogger.logLevel > .debug { serverLogger.logLevel = .critical }
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: serverLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await worker.run() }
            group.addTask { try await app.run() }
            try await group.next()
            group.cancelAll()
        }
    }
}
