import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncSandbox
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import Logging

/// The sandbox served on a free loopback port, with the ServiceTitan and Housecall Pro adapters
/// pointed at it through the real HTTP transport: what `fieldsync sync` does, in-process.
final class SandboxHarness: Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let dataDirectory = repository.appendingPathComponent("Adapters/Sandbox/Data").path
    static let mappings = repository.appendingPathComponent("Mappings").path

    let server: SandboxServer
    let baseURL: URL
    private let task: Task<Void, any Error>

    /// Serves the built-in data set (or `data`) with these faults until ``stop()``.
    static func start(
        data: SandboxData? = nil, faults: [String] = [], exportBatchSize: Int = 40, rateLimit: Int? = nil
    ) async throws -> SandboxHarness {
        var options = SandboxOptions()
        options.port = 0
        options.exportBatchSize = exportBatchSize
        options.rateLimit = rateLimit
        options.faults = try FaultPlan(parsing: faults)
        let server = SandboxServer(data: try data ?? SandboxData.load(from: dataDirectory), options: options)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        for await port in ports {
            return SandboxHarness(server: server, port: port, task: task)
        }
        try await task.value
        throw HarnessError(message: "the sandbox stopped before listening")
    }

    private init(server: SandboxServer, port: Int, task: Task<Void, any Error>) {
        self.server = server
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.task = task
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// Both adapters, with quick retries so that faults cost milliseconds, not seconds.
    func adapters(pageSize: Int = 25, requestTimeout: Duration = .seconds(5)) throws -> [any SourceAdapter] {
        let retry = HTTPRetryPolicy(
            maxAttempts: 6, initialDelay: .milliseconds(5), maximumDelay: .milliseconds(50),
            maximumRetryAfter: .seconds(2))
        var st = ServiceTitanConfiguration(
            apiBaseURL: baseURL.appendingPathComponent("servicetitan"),
            tokenURL: baseURL.appendingPathComponent("servicetitan/connect/token"), tenantID: "1000001",
            clientID: "sandbox-client", clientSecret: "sandbox-secret", appKey: "sandbox-app-key", pageSize: pageSize,
            technicianLinks: ["10101": "maria-lopez", "10102": "dan-okafor", "10103": "priya-shah"],
            timeZone: "America/Chicago")
        st.retry = retry
        st.requestTimeout = requestTimeout
        var hcp = HousecallProConfiguration(
            apiBaseURL: baseURL.appendingPathComponent("housecallpro"), apiKey: "sandbox-hcp-key", pageSize: pageSize,
            technicianLinks: ["pro_81bf4e061aee548ddd145c76211e663a": "sam-becker"], timeZone: "America/Denver")
        hcp.retry = retry
        hcp.requestTimeout = requestTimeout
        let transport = URLSessionTransport()
        return [
            ServiceTitanAdapter(
                sourceName: "lakeshore-st", configuration: st,
                mapping: try BackendMappingLoader.load(path: Self.mappings + "/servicetitan.yaml"), transport: transport),
            HousecallProAdapter(
                sourceName: "frontrange-hcp", configuration: hcp,
                mapping: try BackendMappingLoader.load(path: Self.mappings + "/housecallpro.yaml"), transport: transport),
        ]
    }

    /// One `fieldsync sync` of both sources into `store`.
    func sync(
        into store: CacheStore, brake: MassDeleteBrake = MassDeleteBrake(), fullPass: Bool = false, pageSize: Int = 25,
        requestTimeout: Duration = .seconds(5), now: @escaping @Sendable () -> Date = Date.init
    ) async throws -> SyncReport {
        var runner = SyncRunner(
            store: store, adapters: try adapters(pageSize: pageSize, requestTimeout: requestTimeout),
            logger: Logger(label: "test"), brake: brake, fieldsyncVersion: "test", now: now)
        runner.fullPass = fullPass
        return await runner.run(horizon: FieldSyncConfig.Horizon().range(now: Date()))
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension SyncReport {
    func source(_ name: String) -> SourceReport? { sources.first { $0.source == name } }
}
