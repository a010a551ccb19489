import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Customers, locations and contacts")
struct CustomerMappingTests {
    @Test("customers keep their name and bill-to address, locations their customer and address; deactivated ones are tombstones")
    func customersAndLocations() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.customers,
            .json(
                Fixture.exportPage(
                    [
                        #"{"id":3001,"active":true,"name":"Ada Byron","type":"Residential","address":{"street":"12 W Elm St","unit":null,"city":"Chicago","state":"IL","zip":"60610","country":"USA","latitude":41.9,"longitude":-87.63},"customFields":[],"balance":0,"modifiedOn":"2026-11-19T00:00:00Z"}"#,
                        #"{"id":3002,"active":false,"name":"Gone Away","type":"Residential","address":{"street":"1 Main","city":"Chicago","state":"IL","zip":"60601","country":"USA"},"modifiedOn":"2026-11-19T01:00:00Z"}"#,
                    ], hasMore: false, continueFrom: "c")))
        await transport.enqueue(
            Fixture.locations,
            .json(
                Fixture.exportPage(
                    [
                        #"{"id":4001,"customerId":3001,"active":true,"name":"Home","address":{"street":"12 W Elm St","unit":"2F","city":"Chicago","state":"IL","zip":"60610","country":"USA"},"modifiedOn":"2026-11-19T00:00:00Z"}"#,
                        #"{"id":4002,"customerId":3001,"active":false,"name":"Old flat","address":{"street":"9 Oak","city":"Chicago","state":"IL","zip":"60611","country":"USA"},"modifiedOn":"2026-11-19T02:00:00Z"}"#,
                    ], hasMore: false, continueFrom: "l")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        let customer = try #require(merged.customers.first)
        #expect(merged.customers.count == 1)
        #expect(customer.customer.name == "Ada Byron")
        #expect(customer.customer.phone == nil)
        #expect(customer.customer.address?.street == "12 W Elm St")
        #expect(customer.customer.address?.region == "IL")
        #expect(customer.customer.address?.postalCode == "60610")
        #expect(customer.active)
        #expect(customer.source.externalID == "3001")

        let location = try #require(merged.locations.first)
        #expect(merged.locations.count == 1)
        #expect(location.customerExternalID == "3001")
        #expect(location.name == "Home")
        #expect(location.address.street == "12 W Elm St, 2F")
        #expect(location.source.externalID == "4001")

        #expect(
            merged.tombstones == [
                Tombstone(entity: .customers, externalID: "3002", remoteVersion: "2026-11-19T01:00:00Z"),
                Tombstone(entity: .locations, externalID: "4002", remoteVersion: "2026-11-19T02:00:00Z"),
            ])
    }

    @Test("contacts become contact-only customer updates: mobile number first, then the newest, and the newest e-mail")
    func contacts() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.contacts,
            .json(
                Fixture.exportPage(
                    [
                        #"{"id":1,"customerId":3001,"type":"Phone","value":"312-555-0001","active":true,"modifiedOn":"2026-11-19T01:00:00Z","phoneSettings":{"phoneNumber":"3125550001","doNotText":false}}"#,
                        #"{"id":2,"customerId":3001,"type":"MobilePhone","value":"312-555-0002","active":true,"modifiedOn":"2026-11-19T00:00:00Z"}"#,
                        #"{"id":3,"customerId":3001,"type":"Phone","value":"312-555-0003","active":true,"modifiedOn":"2026-11-19T03:00:00Z"}"#,
                        #"{"id":4,"customerId":3001,"type":"Email","value":"old@example.test","active":true,"modifiedOn":"2026-11-19T01:00:00Z"}"#,
                        #"{"id":5,"customerId":3001,"type":"Email","value":"new@example.test","active":true,"modifiedOn":"2026-11-19T02:00:00Z"}"#,
                        #"{"id":6,"customerId":3002,"type":"Email","value":"gone@example.test","active":false,"modifiedOn":"2026-11-19T02:00:00Z"}"#,
                        #"{"id":7,"customerId":3003,"type":"Fax","value":"312-555-0007","active":true,"modifiedOn":"2026-11-19T02:00:00Z"}"#,
                    ], hasMore: false, continueFrom: "k")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(
            merged.customers == [
                CustomerRecord(
                    customer: Customer(name: nil, phone: "312-555-0002", email: "new@example.test"), active: true,
                    source: SourceRef(backend: "servicetitan", source: Fixture.sourceName, externalID: "3001"))
            ])
        #expect(merged.tombstones.isEmpty)
    }
}
