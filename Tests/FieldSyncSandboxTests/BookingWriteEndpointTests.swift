import FieldSyncSandbox
import Foundation
import Testing

@Suite("Sandbox: what booking write-through needs (lost replies, creating customers)")
struct BookingWriteEndpointTests {
    static let guid = "f1e1d5c0-b00c-4a6e-9d1a-5eb1ceb00c01"

    static func marker(_ value: String) -> [(String, String)] {
        [("externalDataApplicationGuid", guid), ("externalDataKey", "fieldsync.booking"), ("externalDataValues", value)]
    }

    @Test("lost-reply parses with a default hold of 0 and reads back canonically")
    func lostReplySpec() throws {
        let spec = try FaultSpec(parsing: "lost-reply:vendor=st,method=post,path=jpm/v2/tenant/1000001/jobs")
        #expect(spec.kind == .lostReply)
        #expect(spec.hold == 0)
        #expect(spec.method == "POST")
        #expect(spec.description == "lost-reply:vendor=st,path=jpm/v2/tenant/1000001/jobs,method=POST,times=1,hold=0.0")
        #expect(try FaultSpec(parsing: "lost-reply:hold=1.5").hold == 1.5)
    }

    @Test("a lost-reply fault handles the request (the job is committed) and closes the connection without an answer")
    func lostReplyCommits() async throws {
        let options = try SandboxOptions.testing {
            $0.faults = try FaultPlan(parsing: ["lost-reply:vendor=st,method=POST,path=jpm/v2/tenant/1000001/jobs"])
        }
        try await withSandbox(options: options) { server, client in
            let token = try await client.accessToken()
            var body = ServiceTitanWriteTests.newJob(marker: "bk_lost")
            body["externalData"] = ["applicationGuid": .string(Self.guid), "externalData": [["key": "fieldsync.booking", "value": "bk_lost"]]]
            let reply = try? await client.st("POST", "jpm", "jobs", token: token, json: body)
            #expect(reply == nil)

            let found = try await client.st("GET", "jpm", "jobs", query: Self.marker("bk_lost"), token: token)
            #expect(found.json?["data"]?.arrayValue?.count == 1)
            let log = await server.requestLog().filter { $0.method == "POST" && $0.path.hasSuffix("/jobs") }
            #expect(log.map(\.status) == [0])
            #expect(log.map(\.fault) == ["lost-reply"])
        }
    }

    @Test("POST customers creates the customer with its locations, contacts and external data, found by phone and marker")
    func serviceTitanCustomer() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let address: JSONValue = ["street": "1 N State St", "city": "Chicago", "state": "IL", "zip": "60602", "country": "USA"]
            let body: JSONValue = [
                "name": "Ana Ortiz", "type": "Residential", "address": address,
                "locations": [["name": "Ana Ortiz", "address": address]],
                "contacts": [["type": "MobilePhone", "value": "773-555-0900"]],
                "externalData": ["applicationGuid": .string(Self.guid), "externalData": [["key": "fieldsync.booking", "value": "bk_1"]]],
            ]
            let created = try await client.st("POST", "crm", "customers", token: token, json: body)
            #expect(created.status == 200)
            let customer = try #require(created.json)
            let id = try #require(customer["id"]?.intValue)
            #expect(customer["locations"]?.arrayValue?.first?["customerId"]?.intValue == id)
            #expect(customer["contacts"]?.arrayValue?.first?["phoneSettings"]?["phoneNumber"]?.stringValue == "7735550900")
            #expect(customer["externalData"]?.arrayValue?.first?["value"]?.stringValue == "bk_1")

            let byPhone = try await client.st("GET", "crm", "customers", query: [("phone", "(773) 555-0900")], token: token)
            #expect(byPhone.json?["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [id])
            let byMarker = try await client.st("GET", "crm", "customers", query: Self.marker("bk_1"), token: token)
            #expect(byMarker.json?["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [id])
            let export = try await client.st("GET", "crm", "export/customers", token: token)
            #expect(export.json?["data"]?.arrayValue?.contains { $0["id"]?.intValue == id } == true)

            let location = try await client.st(
                "POST", "crm", "locations", token: token,
                json: ["customerId": .int(id), "name": "Garage", "address": address])
            #expect(location.status == 200)
            #expect(location.json?["customerId"]?.intValue == id)
            let unknown = try await client.st(
                "POST", "crm", "locations", token: token, json: ["customerId": 1, "name": "Nowhere", "address": address])
            #expect(unknown.status == 409)
            let missing = try await client.st("POST", "crm", "customers", token: token, json: ["name": "No Address"])
            #expect(missing.status == 400)
        }
    }

    @Test("Housecall Pro POST customers answers 201, q finds the customer by phone digits, and addresses can be added")
    func housecallProCustomer() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let created = try await client.hcp(
                "POST", "customers",
                json: [
                    "first_name": "Lee", "last_name": "Park", "mobile_number": "720-555-0142", "tags": ["fieldsync:bk_2"],
                    "addresses": [["street": "1701 Wynkoop St", "city": "Denver", "state": "CO", "zip": "80202", "country": "US"]],
                ])
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.json?["addresses"]?.arrayValue?.first?["id"]?.stringValue?.hasPrefix("adr_") == true)

            let found = try await client.hcp("GET", "customers", query: [("q", "7205550142")])
            #expect(found.json?["customers"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])

            let added = try await client.hcp(
                "POST", "customers/\(id)/addresses",
                json: ["street": "2 Main St", "city": "Denver", "state": "CO", "zip": "80202", "country": "US"])
            #expect(added.status == 200)
            let after = try await client.hcp("GET", "customers", query: [("q", "Lee Park")])
            #expect(after.json?["customers"]?.arrayValue?.first?["addresses"]?.arrayValue?.count == 2)
            let incomplete = try await client.hcp("POST", "customers/\(id)/addresses", json: ["street": "3 Main St"])
            #expect(incomplete.status == 400)
        }
    }
}
