import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncServiceTitan
import Foundation

/// The sandbox serving a generated data set on a free loopback port, and ServiceTitan adapters
/// pointed at it through the real HTTP transport (what `fieldsync sync` does, in-process).
final class IngestSandbox: Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sourceName = "lakeshore-st"

    let server: SandboxServer
    let baseURL: URL
    let mapping: BackendMapping
    private let task: Task<Void, any Error>

    /// Serves `data` (rate limit off, `exportBatchSize` records per export page) until ``stop()``.
    static func start(data: SandboxData, exportBatchSize: Int) async throws -> IngestSandbox {
        var options = SandboxOptions()
        options.port = 0
        options.exportBatchSize = exportBatchSize
        options.rateLimit = nil
        let server = SandboxServer(data: data, options: options)
        let mapping = try BackendMappingLoader.load(path: repository.appendingPathComponent("Mappings/servicetitan.yaml").path)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        for await port in ports {
            return IngestSandbox(server: server, port: port, mapping: mapping, task: task)
        }
        try await task.value
        throw BenchError("the sandbox stopped before listening")
    }

    private init(server: SandboxServer, port: Int, mapping: BackendMapping, task: Task<Void, any Error>) {
        self.server = server
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.mapping = mapping
        self.task = task
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// The sandbox tenant's settings, shared by ``adapter(pageSize:transport:)`` and
    /// ``configurationYAML(pageSize:)``.
    static let tenantID = "1000001"
    static let clientID = "sandbox-client"
    static let clientSecret = "sandbox-secret"
    static let appKey = "sandbox-app-key"
    static let technicianLinks = ["10101": "maria-lopez", "10102": "dan-okafor", "10103": "priya-shah"]
    static let timeZone = "America/Chicago"

    var apiBaseURL: URL { baseURL.appendingPathComponent("servicetitan") }
    var tokenURL: URL { baseURL.appendingPathComponent("servicetitan/connect/token") }

    /// A ServiceTitan adapter for the sandbox's tenant, reading `pageSize` records per list page,
    /// sending through `transport`.
    func adapter(pageSize: Int, transport: any HTTPTransport) -> ServiceTitanAdapter {
        let configuration = ServiceTitanConfiguration(
            apiBaseURL: apiBaseURL, tokenURL: tokenURL, tenantID: Self.tenantID, clientID: Self.clientID,
            clientSecret: Self.clientSecret, appKey: Self.appKey, pageSize: pageSize, technicianLinks: Self.technicianLinks,
            timeZone: Self.timeZone)
        return ServiceTitanAdapter(
            sourceName: Self.sourceName, configuration: configuration, mapping: mapping, transport: transport)
    }

    /// A fieldsync configuration file naming the same source as ``adapter(pageSize:transport:)``,
    /// with the repository's `Mappings/` (its `rules.yaml` included) and the default horizon:
    /// what `fieldsync reconcile` would load for this sandbox.
    func configurationYAML(pageSize: Int) -> String {
        let links = Self.technicianLinks.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
        return """
            database: cache.sqlite
            mappings: \(Self.repository.appendingPathComponent("Mappings").path)
            sources:
              - name: \(Self.sourceName)
                type: servicetitan
                api_url: \(apiBaseURL.absoluteString)
                auth_url: \(tokenURL.absoluteString)
                tenant: "\(Self.tenantID)"
                client_id: \(Self.clientID)
                client_secret: \(Self.clientSecret)
                app_key: \(Self.appKey)
                time_zone: \(Self.timeZone)
                page_size: \(pageSize)
                technicians: { \(links) }

            """
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
