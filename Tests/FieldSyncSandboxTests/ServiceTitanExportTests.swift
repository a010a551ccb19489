import FieldSyncSandbox
import Foundation
import Testing

@Suite("ServiceTitan: export feeds")
struct ServiceTitanExportTests {
    /// Follows an export feed from `from` until hasMore is false.
    static func drain(
        _ client: SandboxClient, token: String, module: String, feed: String, from: String? = nil
    ) async throws -> (records: [JSONValue], pages: Int, last: String) {
        var records: [JSONValue] = []
        var from = from
        var pages = 0
        while true {
            let reply = try await client.st("GET", module, "export/\(feed)", query: from.map { [("from", $0)] } ?? [], token: token)
            let json = try #require(reply.json, "\(reply.status) \(reply.text)")
            #expect(SpecShapes.stExportRequired.isSubset(of: json.keySet))
            records += json["data"]?.arrayValue ?? []
            pages += 1
            from = json["continueFrom"]?.stringValue
            if json["hasMore"]?.boolValue != true { break }
            if pages > 1000 { throw SandboxTestError("export never ends") }
        }
        return (records, pages, from ?? "")
    }

    @Test("following continueFrom returns every job once, across pages")
    func continuation() async throws {
        try await withSandbox(options: .testing { $0.exportBatchSize = 40 }) { _, client in
            let token = try await client.accessToken()
            let (records, pages, _) = try await Self.drain(client, token: token, module: "jpm", feed: "jobs")
            let total = TestData.builtIn[serviceTitan: .jobs].count
            #expect(records.count == total)
            #expect(Set(records.compactMap { $0["id"]?.intValue }).count == total)
            #expect(pages == (total + 39) / 40)
            #expect(records.allSatisfy { $0["active"] != nil })
        }
    }

    @Test("after a change, the next export returns just the changed record with its new modifiedOn")
    func changeComesAgain() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let token = try await client.accessToken()
            let first = try await Self.drain(client, token: token, module: "jpm", feed: "appointments")
            let quiet = try await Self.drain(client, token: token, module: "jpm", feed: "appointments", from: first.last)
            #expect(quiet.records.isEmpty)
            let before = try #require(first.records.first { $0["id"]?.intValue == 800010 })
            try await server.update(.serviceTitan(.appointments), id: "800010", set: ["specialInstructions": "Gate code 4411"])
            let next = try await Self.drain(client, token: token, module: "jpm", feed: "appointments", from: first.last)
            #expect(next.records.count == 1)
            let changed = try #require(next.records.first)
            #expect(changed["id"]?.intValue == 800010)
            #expect(changed["specialInstructions"]?.stringValue == "Gate code 4411")
            #expect(changed["modifiedOn"] != before["modifiedOn"])
            #expect((changed["modifiedOn"]?.stringValue ?? "") > (before["modifiedOn"]?.stringValue ?? ""))
        }
    }

    @Test("a deleted record comes once more with active false and leaves the list")
    func deletedRecord() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let token = try await client.accessToken()
            let start = try await Self.drain(client, token: token, module: "crm", feed: "locations")
            try await server.delete(.serviceTitan(.locations), id: "500002")
            let next = try await Self.drain(client, token: token, module: "crm", feed: "locations", from: start.last)
            #expect(next.records.map { $0["id"]?.intValue } == [500002])
            #expect(next.records.first?["active"]?.boolValue == false)
            let list = try await client.st("GET", "crm", "locations", query: [("ids", "500002"), ("active", "Any")], token: token)
            #expect(list.json?["data"]?.arrayValue?.isEmpty == true)
            #expect(try await client.st("GET", "crm", "locations/500002", token: token).status == 404)
        }
    }

    @Test("a deactivated technician stays in lists with active=Any and exports with active false")
    func deactivated() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let token = try await client.accessToken()
            let start = try await Self.drain(client, token: token, module: "settings", feed: "technicians")
            try await server.deactivate(.serviceTitan(.technicians), id: "10104")
            let next = try await Self.drain(client, token: token, module: "settings", feed: "technicians", from: start.last)
            #expect(next.records.map { $0["active"] } == [false])
            let any = try await client.st("GET", "settings", "technicians", query: [("ids", "10104"), ("active", "Any")], token: token)
            #expect(any.json?["data"]?.arrayValue?.first?["active"]?.boolValue == false)
        }
    }

    @Test("from=<date> starts at records modified on or after that day")
    func fromDate() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))  // 2027-01-15
        try await withSandbox(options: .testing(clock: clock)) { server, client in
            let token = try await client.accessToken()
            try await server.touch(.serviceTitan(.customers), id: "400007")
            let (records, _, _) = try await Self.drain(client, token: token, module: "crm", feed: "customers", from: "2027-01-01")
            #expect(records.map { $0["id"]?.intValue } == [400007])
        }
    }

    @Test("customer contacts export at export/customers/contacts with active")
    func contacts() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let (records, _, _) = try await Self.drain(client, token: token, module: "crm", feed: "customers/contacts")
            #expect(records.count == TestData.builtIn[serviceTitan: .customerContacts].count)
            #expect(records.allSatisfy { SpecShapes.contactExportRequired.isSubset(of: $0.keySet) })
            let list = try await client.st("GET", "crm", "customers/contacts", token: token)
            #expect(list.status == 400)  // the list needs a modified bound
        }
    }

    @Test("a continuation token the server no longer accepts gets 400 saying so")
    func rejectedToken() async throws {
        try await withSandbox(options: .testing { $0.exportBatchSize = 50 }) { server, client in
            let token = try await client.accessToken()
            let page = try #require(try await client.st("GET", "jpm", "export/jobs", token: token).json)
            let cursor = try #require(page["continueFrom"]?.stringValue)
            #expect(try await client.st("GET", "jpm", "export/jobs", query: [("from", cursor)], token: token).status == 200)
            await server.invalidateExportTokens()
            let reply = try await client.st("GET", "jpm", "export/jobs", query: [("from", cursor)], token: token)
            #expect(reply.status == 400)
            let body = try #require(reply.json)
            #expect(SpecShapes.problemRequired.isSubset(of: body.keySet))
            #expect(body["title"]?.stringValue?.lowercased().contains("continuation token") == true)
            let garbage = try await client.st("GET", "jpm", "export/jobs", query: [("from", "not-a-token")], token: token)
            #expect(garbage.status == 400)
            // A token for another feed is not accepted either.
            let other = try #require(try await client.st("GET", "crm", "export/customers", token: token).json?["continueFrom"]?.stringValue)
            #expect(try await client.st("GET", "jpm", "export/jobs", query: [("from", other)], token: token).status == 400)
        }
    }
}
