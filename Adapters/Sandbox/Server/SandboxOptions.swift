import Foundation
import Logging

/// How a ``SandboxServer`` listens and behaves.
///
/// ```swift
/// var options = SandboxOptions()
/// options.port = 0                         // any free port
/// options.exportBatchSize = 2              // tiny pages, to exercise continuation
/// options.faults = try FaultPlan(parsing: ["429:path=export/jobs,after=1,times=2"])
/// ```
public struct SandboxOptions: Sendable {
    /// The address to bind (loopback by default).
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free one (``SandboxServer/run(onListening:)`` reports it).
    public var port: Int = 8089
    /// The credentials both vendors accept (the defaults of the built-in data set).
    public var credentials: SandboxCredentials = SandboxCredentials()
    /// ServiceTitan access tokens live this many seconds (`expires_in`).
    public var tokenLifetime: Int = 900
    /// Records per ServiceTitan export page.
    public var exportBatchSize: Int = 1000
    /// Requests per second allowed per ServiceTitan tenant and per Housecall Pro API key; more
    /// get `429` with `Retry-After: 1`. Nil (the default here) turns the limit off;
    /// `fieldsync sandbox serve` uses 60, ServiceTitan's documented limit.
    public var rateLimit: Int?
    /// The faults to inject.
    public var faults: FaultPlan = FaultPlan()
    /// Called with every request-log entry as it is recorded (`serve --log-requests` prints them).
    public var onRequest: (@Sendable (RequestLogEntry) -> Void)?
    /// The clock: record stamps, token expiry and rate-limit windows read it.
    public var now: @Sendable () -> Date = { Date() }
    /// Where the HTTP server logs (warnings and errors only; never credentials).
    public var logger: Logger = Logger(label: "fieldsync.sandbox")

    public init() {}
}
