import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncSandbox
import FieldSyncServer
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing

/// The whole booking path as the AI agent meets it: the sandbox (ServiceTitan and Housecall Pro)
/// over real HTTP, the shipped sandbox configuration synced into a real SQLite cache, and
/// `fieldsync serve`'s API server on a free loopback port.
final class APIHarness: Sendable {
    static let configPath = SandboxHarness.repository.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path
    static let token = "test-token-\(UUID().uuidString)"

    let sandbox: SandboxHarness
    let workspace: Workspace
    let config: FieldSyncConfig
    let store: CacheStore
    let service: BookingService
    let baseURL: URL
    private let task: Task<Void, any Error>

    /// Serves the API over a freshly synced cache. `configure` changes the configuration first
    /// (shadow mode, limits).
    static func start(
        faults: [String] = [], configure: (inout FieldSyncConfig) -> Void = { _ in }
    ) async throws -> APIHarness {
        let sandbox = try await SandboxHarness.start(faults: faults)
        let workspace = try Workspace()
        var config = try FieldSyncConfig.load(
            path: configPath, environment: [FieldSyncConfig.sandboxURLVariable: sandbox.baseURL.absoluteString])
        config.databasePath = workspace.path("cache.sqlite")
        config.booking.waitSeconds = 10
        // Unanswered writes give up after 3 s, so the faults cost seconds, not minutes.
        for i in config.sources.indices {
            config.sources[i].booking.writeTimeout = .seconds(3)
            switch config.sources[i].kind {
            case .serviceTitan(var c, let m):
                c.requestTimeout = .seconds(3)
                config.sources[i].kind = .serviceTitan(c, mapping: m)
            case .housecallPro(var c, let m):
                c.requestTimeout = .seconds(3)
                config.sources[i].kind = .housecallPro(c, mapping: m)
            case .icalendar:
                break
            }
        }
        configure(&config)
        let logger = Logger(label: "test")
        let store = try CacheStore.open(path: config.databasePath, logger: logger)
        let runner = SyncRunner(
            store: store, adapters: AdapterFactory.adapters(for: config, transport: URLSessionTransport()), logger: logger,
            brake: config.massDelete, fieldsyncVersion: "test")
        let report = await runner.run(horizon: config.horizon.range(now: Date()))
        try #require(report.sources.allSatisfy { $0.state == .succeeded }, "the sandbox synced")
        let service = try BookingService(config: config, store: store, transport: URLSessionTransport(), logger: logger)
        let server = APIServer(
            service: service, token: token, port: 0, logger: logger, workerInterval: .milliseconds(200))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        for await port in ports {
            return APIHarness(
                sandbox: sandbox, workspace: workspace, config: config, store: store, service: service,
                baseURL: URL(string: "http://127.0.0.1:\(port)")!, task: task)
        }
        try await task.value
        throw HarnessError(message: "the API server stopped before listening")
    }

    private init(
        sandbox: SandboxHarness, workspace: Workspace, config: FieldSyncConfig, store: CacheStore, service: BookingService,
        baseURL: URL, task: Task<Void, any Error>
    ) {
        self.sandbox = sandbox
        self.workspace = workspace
        self.config = config
        self.store = store
        self.service = service
        self.baseURL = baseURL
        self.task = task
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
        await sandbox.stop()
    }

    /// Runs `body` with a harness, stopping it afterwards.
    static func with(
        faults: [String] = [], configure: (inout FieldSyncConfig) -> Void = { _ in },
        _ body: (APIHarness) async throws -> Void
    ) async throws {
        let harness = try await start(faults: faults, configure: configure)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// One HTTP exchange.
    struct Reply: Sendable {
        var status: Int
        var body: Data
        var headers: [String: String]

        var text: String { String(decoding: body, as: UTF8.self) }

        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            do {
                return try APIJSON.decoder.decode(type, from: body)
            } catch {
                Issue.record("cannot decode \(T.self) from \(text): \(error)")
                throw error
            }
        }

        var failure: BookingFailure? {
            (try? APIJSON.decoder.decode([String: BookingFailure].self, from: body))?["error"]
        }
    }

    /// Sends a request with the token (or `token`, or none when it is "").
    func send(
        _ method: String, _ path: String, body: String? = nil, headers: [String: String] = [:], token: String = APIHarness.token
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
        request.httpMethod = method
        request.timeoutInterval = 60
        if !token.isEmpty { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Reply(status: http.statusCode, body: data, headers: fields)
    }

    /// `POST /v1/slots/search`.
    func search(_ request: SlotSearchRequest) async throws -> SlotSearchAnswer {
        let reply = try await send("POST", "/v1/slots/search", body: APIJSON.string(request))
        try #require(reply.status == 200, "\(reply.text)")
        return try reply.decode(SlotSearchAnswer.self)
    }

    /// `POST /v1/bookings` with an idempotency key.
    func book(_ request: BookingRequest, key: String = UUID().uuidString) async throws -> Reply {
        try await send("POST", "/v1/bookings", body: APIJSON.string(request), headers: ["Idempotency-Key": key])
    }

    /// The sandbox's ServiceTitan jobs whose summary contains `text` (each test's bookings carry a
    /// unique one).
    func serviceTitanJobs(summaryContaining text: String) async -> [JSONValue] {
        await sandbox.server.records(.serviceTitan(.jobs)).filter { job in
            job["summary"]?.stringValue?.contains(text) == true
        }
    }

    /// The sandbox's ServiceTitan appointments of `jobIDs`.
    func serviceTitanAppointments(ofJobs jobIDs: Set<Int64>) async -> [JSONValue] {
        await sandbox.server.records(.serviceTitan(.appointments)).filter { jobIDs.contains($0["jobId"]?.intValue ?? -1) }
    }

    /// The sandbox's Housecall Pro jobs fieldsync created for `bookingID` (by its tag).
    func housecallProJobs(marked bookingID: String) async -> [JSONValue] {
        await sandbox.server.records(.housecallPro(.jobs)).filter { job in
            (job["tags"]?.arrayValue ?? []).contains { $0.stringValue == "fieldsync:\(bookingID)" }
        }
    }
}

/// Requests the tests send.
enum APISamples {
    /// A no-heat call in Chicago (ServiceTitan's shop), tomorrow.
    static func noHeatSearch(from: Date = tomorrowMorning, urgency: Urgency = .urgent, limit: Int = 10) -> SlotSearchRequest {
        SlotSearchRequest(
            jobType: "No Heat",
            address: APIAddress(street: "1418 W Addison St", city: "Chicago", state: "IL", zip: "60613"),
            urgency: urgency, from: from, to: from.addingTimeInterval(3 * 86_400), limit: limit)
    }

    /// 08:00 UTC tomorrow: before the Chicago and Denver working days begin.
    static var tomorrowMorning: Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: ((now / 86_400).rounded(.down) + 1) * 86_400 + 8 * 3600)
    }

    static func booking(
        _ slot: SlotSearchAnswer.Slot, jobType: String = "No Heat", name: String = "Pat Doe", phone: String = "+1 312 555 0100",
        address: APIAddress = APIAddress(street: "1418 W Addison St", city: "Chicago", state: "IL", zip: "60613"),
        summary: String = "Furnace will not start; house at 55F"
    ) -> BookingRequest {
        BookingRequest(
            technicianID: slot.technicianID, start: slot.start, end: slot.end,
            job: .init(
                jobType: jobType, customer: .init(name: name, phone: phone), address: address,
                summary: summary, urgency: .urgent))
    }
}
