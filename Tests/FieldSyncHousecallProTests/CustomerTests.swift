import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Customers")
struct CustomerTests {
    static var addresses: [[String: Any]] {
        var billing = HCP.addressObject
        billing["id"] = "adr_bill"
        billing["type"] = "billing"
        var second = HCP.addressObject
        second["id"] = "adr_2"
        second["street"] = "9 Oak Ave"
        second["street_line_2"] = NSNull()
        return [billing, HCP.addressObject, second]
    }

    @Test("a customer becomes a record with one service location per service address")
    func mapping() async throws {
        var data = HCP.small
        data.customers = [HCP.customer("cus_1", created: 1, updated: 4, addresses: Self.addresses)]
        let merged = try await pullOnce(makeAdapter(ScriptedHousecallPro(data))).merged
        let customer = try #require(merged.customers.first)
        #expect(customer.customer.name == "Ada Quill")
        #expect(customer.customer.phone == "555-0111")
        #expect(customer.customer.address?.street == "12 Elm St, Unit 4")
        #expect(customer.active)
        #expect(customer.source == SourceRef(backend: "housecallpro", source: "frontrange-hcp", externalID: "cus_1", remoteVersion: HCP.stamp(4)))
        #expect(merged.locations.map(\.source.externalID) == ["adr_1", "adr_2"])
        #expect(merged.locations.allSatisfy { $0.customerExternalID == "cus_1" })
        #expect(merged.locations.last?.address.street == "9 Oak Ave")
    }

    @Test("customers are read completely on the first run, oldest first, ending with customer and location sweeps")
    func fullPass() async throws {
        var data = HCP.small
        data.customers = (1...3).map { HCP.customer("cus_\($0)", created: $0, addresses: [HCP.addressObject]) }
        let server = ScriptedHousecallPro(data)
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2), run: 8)
        let requests = await server.requests.filter { $0.apiPath == "/customers" }
        #expect(requests.map { $0.query["page"] } == ["1", "2"])
        #expect(requests.allSatisfy { $0.query["sort_by"] == "created_at" && $0.query["sort_direction"] == "asc" })
        let batches = await sink.batches.filter { !$0.customers.isEmpty }
        #expect(batches.first?.sweeps.isEmpty == true)
        #expect(batches.last?.sweeps == [Sweep(entity: .customers, sinceRun: 8), Sweep(entity: .locations, sinceRun: 8)])
        #expect(await sink.cursors[HousecallProCursorKey.customersFullPass]?.value == RFC3339.string(HCP.day0))
        #expect(await sink.cursors[HousecallProCursorKey.customersWalk]?.value == "")
    }

    @Test("customers are not read when no full pass is due")
    func skippedWhenNotDue() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        let sink = try await pullOnce(makeAdapter(server), cursors: incrementalCursors(mark: 0))
        #expect(await server.requests.filter { $0.apiPath == "/customers" }.isEmpty)
        #expect(await sink.merged.customers.isEmpty)
        #expect(await sink.merged.jobs.count == 1)
    }

    @Test("a customers pass stopped part-way resumes on the next run, even when no pass is due then")
    func resumes() async throws {
        var data = HCP.small
        data.customers = (1...3).map { HCP.customer("cus_\($0)", created: $0, addresses: []) }
        let server = ScriptedHousecallPro(data)
        let adapter = makeAdapter(server, pageSize: 2)
        let first = RecordingSink(interrupt: { batch, before in
            batch.cursors.contains { $0.key.hasPrefix("customers/") } && before.contains { !$0.customers.isEmpty }
        })
        await #expect(throws: PullInterrupted.self) { try await adapter.pull(pullRequest(run: 1), into: first) }
        await server.clearRequests()
        let second = try await pullOnce(adapter, run: 2, cursors: await first.cursors)
        #expect(await server.requests.filter { $0.apiPath == "/customers" }.map { $0.query["page"] } == ["2"])
        #expect(await second.merged.customers.map(\.source.externalID) == ["cus_3"])
        #expect(await second.merged.sweeps.contains(Sweep(entity: .customers, sinceRun: 1)))
    }
}

@Suite("Customers that cannot be used")
struct CustomerRejectTests {
    @Test("a customer without an id is rejected; an address without an id is rejected and its customer kept")
    func missingIDs() async throws {
        var noAddressID = HCP.addressObject
        noAddressID.removeValue(forKey: "id")
        var data = HCP.small
        let anonymous = FakeRecord(
            id: "x", createdAt: HCP.stamp(1), updatedAt: HCP.stamp(1), json: #"{"first_name":"No","addresses":[]}"#)
        data.customers = [anonymous, HCP.customer("cus_2", created: 2, addresses: [noAddressID, HCP.addressObject])]
        let merged = try await pullOnce(makeAdapter(ScriptedHousecallPro(data), pageSize: 10)).merged
        #expect(merged.customers.map(\.source.externalID) == ["cus_2"])
        #expect(merged.locations.map(\.source.externalID) == ["adr_1"])
        #expect(merged.rejects.map(\.recordKind) == ["customer", "location"])
        #expect(merged.rejects.first?.rawPayload == anonymous.json)
        #expect(merged.rejects.last?.reason == "an address of customer cus_2 has no id")
        #expect(merged.rejects.allSatisfy { $0.part == "customers" && $0.location == "customers page 1" })
    }
}
