import FieldSyncSandbox
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Fault injection")
struct FaultTests {
    static func plan(_ specs: String...) throws -> FaultPlan { try FaultPlan(parsing: specs) }

    @Test("429 fires after N matching requests, N times, with Retry-After")
    func rateLimitBurst() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("429:path=export/jobs,after=2,times=3,retry-after=7") }
        try await withSandbox(options: options) { server, client in
            let token = try await client.accessToken()
            var statuses: [Int] = []
            for _ in 0..<7 {
                let reply = try await client.st("GET", "jpm", "export/jobs", token: token)
                statuses.append(reply.status)
                if reply.status == 429 {
                    #expect(reply.header("Retry-After") == "7")
                    #expect(SpecShapes.problemRequired.isSubset(of: reply.json?.keySet ?? []))
                }
            }
            #expect(statuses == [200, 200, 429, 429, 429, 200, 200])
            // Other paths are not affected.
            #expect(try await client.st("GET", "jpm", "jobs", token: token).status == 200)
            let log = await server.requestLog().filter { $0.path.hasSuffix("export/jobs") }
            #expect(log.map(\.status) == statuses)
            #expect(log.filter { $0.fault == "429" }.count == 3)
        }
    }

    @Test("a 5xx fault answers with the chosen status in the vendor's error shape")
    func serverError() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("502:vendor=hcp,path=jobs,times=2") }
        try await withSandbox(options: options) { _, client in
            let first = try await client.hcp("GET", "jobs")
            #expect(first.status == 502)
            #expect(first.json?["error"]?["message"]?.stringValue != nil)
            #expect(try await client.hcp("GET", "jobs").status == 502)
            #expect(try await client.hcp("GET", "jobs").status == 200)
        }
    }

    @Test("a slow fault delays the answer but answers")
    func slow() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("slow:vendor=hcp,delay=0.6") }
        try await withSandbox(options: options) { server, client in
            let started = Date()
            let reply = try await client.hcp("GET", "employees")
            #expect(reply.status == 200)
            #expect(Date().timeIntervalSince(started) >= 0.55)
            #expect(try await client.hcp("GET", "employees").status == 200)
            let log = await server.requestLog()
            #expect(log.map(\.fault) == ["slow", nil])
            #expect(log[0].durationMilliseconds >= 590)
        }
    }

    @Test("a timeout fault holds the request past the client's timeout")
    func timeout() async throws {
        // The hold is far longer than the client waits, so the client's own timeout is what ends
        // the request, however slow the machine.
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("timeout:vendor=hcp,hold=20") }
        try await withSandbox(options: options) { _, client in
            let started = Date()
            let timedOut = try? await client.hcp("GET", "employees", timeout: 1)
            #expect(timedOut == nil)
            #expect(Date().timeIntervalSince(started) < 15)
            let next = try await client.hcp("GET", "employees")
            #expect(next.status == 200)
        }
    }

    @Test("a drop fault closes the connection without an answer")
    func drop() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("drop:vendor=hcp") }
        try await withSandbox(options: options) { server, client in
            let dropped = try? await client.hcp("GET", "employees")
            #expect(dropped == nil)
            let next = try await client.hcp("GET", "employees")
            #expect(next.status == 200)
            let log = await server.requestLog()
            #expect(log.first?.status == 0)
            #expect(log.first?.fault == "drop")
        }
    }

    @Test("a truncated body keeps a valid status and headers but is not JSON")
    func truncated() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("truncate:path=export/technicians") }
        try await withSandbox(options: options) { _, client in
            let token = try await client.accessToken()
            let cut = try await client.st("GET", "settings", "export/technicians", token: token)
            #expect(cut.status == 200)
            #expect(cut.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(cut.header("Content-Length") == String(cut.body.count))
            #expect(cut.json == nil)
            #expect(cut.text.hasPrefix("{\"hasMore\""))
            let whole = try await client.st("GET", "settings", "export/technicians", token: token)
            #expect(whole.json != nil)
            #expect(whole.body.count > cut.body.count)
        }
    }

    @Test("a truncate fault in abort mode breaks the connection mid-body")
    func truncatedAbort() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("truncate:vendor=hcp,path=jobs,mode=abort") }
        try await withSandbox(options: options) { _, client in
            let cut = try? await client.hcp("GET", "jobs", query: [("page_size", "100")])
            #expect(cut == nil)
            let next = try await client.hcp("GET", "jobs")
            #expect(next.json != nil)
        }
    }

    @Test("an expired-token fault answers a valid token with 401 and revokes it")
    func expiredToken() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("expired-token:after=1") }
        try await withSandbox(options: options) { _, client in
            let token = try await client.accessToken()
            #expect(try await client.st("GET", "jpm", "jobs", token: token).status == 200)
            let refused = try await client.st("GET", "jpm", "jobs", token: token)
            #expect(refused.status == 401)
            #expect(try await client.st("GET", "jpm", "jobs", token: token).status == 401)
            let fresh = try await client.accessToken()
            #expect(try await client.st("GET", "jpm", "jobs", token: fresh).status == 200)
        }
    }

    @Test("a bad-cursor fault rejects a continuation token that was valid")
    func badCursor() async throws {
        let options = try SandboxOptions.testing {
            $0.exportBatchSize = 50
            $0.faults = try Self.plan("bad-cursor:path=export/jobs")
        }
        try await withSandbox(options: options) { _, client in
            let token = try await client.accessToken()
            let first = try #require(try await client.st("GET", "jpm", "export/jobs", token: token).json)
            let cursor = try #require(first["continueFrom"]?.stringValue)
            let rejected = try await client.st("GET", "jpm", "export/jobs", query: [("from", cursor)], token: token)
            #expect(rejected.status == 400)
            #expect(rejected.json?["title"]?.stringValue?.contains("continuation token") == true)
            #expect(try await client.st("GET", "jpm", "export/jobs", query: [("from", cursor)], token: token).status == 200)
        }
    }

    @Test("change-between-pages modifies a record already served, so it comes again on a later page")
    func changeBetweenPages() async throws {
        let options = try SandboxOptions.testing {
            $0.exportBatchSize = 30
            $0.faults = try Self.plan("change-between-pages:path=export/appointments")
        }
        try await withSandbox(options: options) { _, client in
            let token = try await client.accessToken()
            let (records, _, _) = try await ServiceTitanExportTests.drain(client, token: token, module: "jpm", feed: "appointments")
            let ids = records.compactMap { $0["id"]?.intValue }
            let total = TestData.builtIn[serviceTitan: .appointments].count
            #expect(ids.count == total + 1)
            #expect(Set(ids).count == total)
            let twice = try #require(ids.first)
            let copies = records.filter { $0["id"]?.intValue == twice }
            #expect(copies.count == 2)
            #expect(copies[0]["modifiedOn"] != copies[1]["modifiedOn"])
        }
    }

    @Test("change-between-pages on a list shifts a record between pages")
    func changeBetweenListPages() async throws {
        let options = try SandboxOptions.testing { $0.faults = try Self.plan("change-between-pages:vendor=hcp,path=jobs") }
        try await withSandbox(options: options) { server, client in
            let first = try #require(try await client.hcp(
                "GET", "jobs", query: [("sort_by", "updated_at"), ("sort_direction", "asc"), ("page_size", "10")]).json?["jobs"]?.arrayValue)
            let touched = try #require(first.first?["id"]?.stringValue)
            let now = try #require(await server.record(.housecallPro(.jobs), id: touched))
            #expect(now["updated_at"] != first.first?["updated_at"])
        }
    }

    @Test("past the per-tenant rate limit, requests get 429 with Retry-After until the next second")
    func rateLimit() async throws {
        let clock = TestClock()
        try await withSandbox(options: .testing(clock: clock) { $0.rateLimit = 3 }) { _, client in
            let token = try await client.accessToken()
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(try await client.st("GET", "jpm", "job-types", token: token).status) }
            #expect(statuses == [200, 200, 200, 429, 429])
            let limited = try await client.st("GET", "jpm", "job-types", token: token)
            #expect(limited.header("Retry-After") == "1")
            // Housecall Pro is limited per API key, separately.
            #expect(try await client.hcp("GET", "employees").status == 200)
            clock.advance(seconds: 1)
            #expect(try await client.st("GET", "jpm", "job-types", token: token).status == 200)
        }
    }

    @Test("the request log records method, path, query, status and vendor, never header values")
    func requestLog() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let token = try await client.accessToken()
            _ = try await client.st("GET", "jpm", "jobs", query: [("pageSize", "5")], token: token)
            _ = try await client.hcp("GET", "employees")
            let log = await server.requestLog()
            #expect(log.map(\.method) == ["POST", "GET", "GET"])
            #expect(log.map(\.vendor) == [.serviceTitan, .serviceTitan, .housecallPro])
            #expect(log[1].path == "/servicetitan/jpm/v2/tenant/1000001/jobs")
            #expect(log[1].queryValue("pageSize") == "5")
            #expect(log.map(\.status) == [200, 200, 200])
            let encoded = String(decoding: try JSONEncoder().encode(log), as: UTF8.self)
            #expect(!encoded.contains(token))
            #expect(!encoded.contains("sandbox-hcp-key"))
            #expect(!encoded.contains("sandbox-secret"))
        }
    }
}
