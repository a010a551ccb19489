import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Retries and failures")
struct RetryTests {
    @Test("a 429 waits as long as Retry-After asks, then reads the page")
    func retryAfterHonoured() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        await server.setScript { request, number in
            request.apiPath == "/employees" && number == 2
                ? ScriptedHousecallPro.json(429, #"{"error":{"message":"Too many requests"}}"#, headers: ["Retry-After": "7"])
                : nil
        }
        let sleeps = SleepLog()
        let sink = try await pullOnce(makeAdapter(server, sleeps: sleeps))
        #expect(await sleeps.sleeps == [.seconds(7)])
        #expect(await sink.merged.technicians.map(\.source.externalID) == ["pro_1"])
        #expect(await sink.merged.failures.isEmpty)
        #expect(await server.requests.filter { $0.apiPath == "/employees" }.count == 2)
    }

    @Test("a truncated body is asked for again")
    func truncatedBodyRetried() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        await server.setScript { request, number in
            request.apiPath == "/employees" && number == 2
                ? ScriptedHousecallPro.json(200, #"{"page":1,"page_size":2,"total_pages":1,"total_items":1,"employees":[{"id":"pro_1","first_na"#)
                : nil
        }
        let sleeps = SleepLog()
        let sink = try await pullOnce(makeAdapter(server, sleeps: sleeps))
        #expect(await server.requests.filter { $0.apiPath == "/employees" }.count == 2)
        #expect(await sleeps.sleeps.count == 1)
        #expect(await sink.merged.technicians.map(\.source.externalID) == ["pro_1"])
        #expect(await sink.merged.failures.isEmpty)
        #expect(await sink.merged.rejects.isEmpty)
    }

    @Test("a body that stays truncated fails its resource as transient, and the other resources still run")
    func truncatedBodyFailsResource() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        await server.setScript { request, _ in
            request.apiPath == "/employees" ? ScriptedHousecallPro.json(200, #"{"page":1,"employees":[{"#) : nil
        }
        let sink = try await pullOnce(makeAdapter(server, maxAttempts: 4))
        #expect(await server.requests.filter { $0.apiPath == "/employees" }.count == 4)
        let merged = await sink.merged
        #expect(merged.failures.count == 1)
        #expect(merged.failures.first?.part == "employees")
        #expect(merged.failures.first?.isTransient == true)
        #expect(merged.failures.first?.message.contains("employees page 1") == true)
        #expect(!merged.sweeps.contains { $0.entity == .technicians })
        #expect(merged.jobs.map(\.source.externalID) == ["job_1"])
        #expect(merged.customers.count == 1)
    }

    @Test("a 401 stops the pull with an error that names the problem and not the key")
    func unauthorizedStops() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        let adapter = HousecallProAdapter(
            sourceName: testSource,
            configuration: HousecallProConfiguration(apiBaseURL: ScriptedHousecallPro.base, apiKey: "wrong-key-987654"),
            mapping: testMapping, transport: server, sleep: SleepLog().sleep)
        let error = await #expect(throws: HousecallProError.self) {
            try await adapter.pull(pullRequest(run: 1), into: RecordingSink())
        }
        #expect(error?.code == .unauthorized)
        #expect(error?.isTransient == false)
        #expect(error?.description.contains("Housecall Pro refused the API key") == true)
        #expect(error?.description.contains("wrong-key-987654") == false)
        // Not retried, and nothing after it was asked.
        #expect(await server.requests.count == 1)
    }

    @Test("a 500 that persists fails the resource as transient after the policy's attempts")
    func serverErrorFailsResource() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        await server.setScript { request, _ in
            request.apiPath == "/customers" ? ScriptedHousecallPro.json(500, #"{"error":{"message":"oops"}}"#) : nil
        }
        let sink = try await pullOnce(makeAdapter(server, maxAttempts: 3))
        #expect(await server.requests.filter { $0.apiPath == "/customers" }.count == 3)
        let failures = await sink.merged.failures
        #expect(failures.map(\.part) == ["customers"])
        #expect(failures.first?.isTransient == true)
        #expect(failures.first?.message.contains("oops") == true)
        #expect(await sink.merged.jobs.count == 1)
    }

    @Test("a 404 is a failure that retrying will not fix")
    func notFoundIsPermanent() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        await server.setScript { request, _ in
            request.apiPath == "/customers" ? ScriptedHousecallPro.json(404, #"{"error":{"message":"Not found"}}"#) : nil
        }
        let sink = try await pullOnce(makeAdapter(server))
        #expect(await server.requests.filter { $0.apiPath == "/customers" }.count == 1)
        #expect(await sink.merged.failures.first?.isTransient == false)
    }

    @Test("no answer at all fails the resource as transient after the policy's attempts")
    func transportErrorFailsResource() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        let failing = ThrowingTransport(inner: server, failingPath: "/employees")
        let adapter = HousecallProAdapter(
            sourceName: testSource,
            configuration: HousecallProConfiguration(
                apiBaseURL: ScriptedHousecallPro.base, apiKey: ScriptedHousecallPro.apiKey,
                retry: HTTPRetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(1))),
            mapping: testMapping, transport: failing, sleep: SleepLog().sleep)
        let sink = RecordingSink()
        try await adapter.pull(pullRequest(run: 1), into: sink)
        let failures = await sink.merged.failures
        #expect(failures.map(\.part) == ["employees"])
        #expect(failures.first?.isTransient == true)
        #expect(failures.first?.message.contains("no answer") == true)
        #expect(await sink.merged.jobs.count == 1)
    }

    @Test("when job types cannot be read, jobs are not read and the failure says why")
    func jobTypesNeededForJobs() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        await server.setScript { request, _ in
            request.apiPath == "/job_fields/job_types" ? ScriptedHousecallPro.json(503, "{}") : nil
        }
        let sink = try await pullOnce(makeAdapter(server))
        let failures = await sink.merged.failures
        #expect(failures.map(\.part) == ["job_types", "jobs"])
        #expect(failures.last?.message.contains("job types could not be") == true)
        #expect(failures.allSatisfy { $0.isTransient })
        #expect(await server.requests.filter { $0.apiPath == "/jobs" }.isEmpty)
        #expect(await sink.merged.technicians.count == 1)
    }
}

/// Throws a transport error for one path; passes the rest on.
struct ThrowingTransport: HTTPTransport {
    let inner: ScriptedHousecallPro
    let failingPath: String

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        if request.apiPath == failingPath {
            throw HTTPTransportError(url: request.url, message: "connection refused")
        }
        return try await inner.send(request)
    }
}
