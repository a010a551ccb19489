import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Technicians")
struct TechnicianMappingTests {
    static let maria = """
        {"id":10101,"userId":5,"name":"Maria Lopez","firstName":"Maria","lastName":"Lopez","mainZoneId":71,"zoneIds":[71,72],\
        "email":"maria@lakeshore.test","phoneNumber":"+1 312 555 0100","mobilePhone":"+1 312 555 0199",\
        "home":{"street":"1200 N Lake Shore Dr","unit":"Apt 4","country":"USA","city":"Chicago","state":"IL","zip":"60610","latitude":41.9,"longitude":-87.62},\
        "skills":[{"id":1,"name":"HVAC"},{"id":2,"name":"Gas Furnace Certified"},{"id":3,"name":"Water Heater"},{"id":4,"name":"hvac"}],\
        "active":true,"dailyGoal":0,"isManagedTech":true,"status":"Idle","modifiedOn":"2026-11-20T08:00:00.1234567Z","unknownField":{"x":[1,2]}}
        """
    static let retired = """
        {"id":10142,"userId":6,"name":"","firstName":"Dan","lastName":"Okafor","phoneNumber":"+1 312 555 0142","mobilePhone":null,\
        "active":false,"modifiedOn":"2026-11-21T09:00:00Z"}
        """

    @Test("a technician maps with its link, name, phone, email, skills, zones, home base, zone and version")
    func mapsEveryField() async throws {
        let transport = ScriptedTransport()
        await Fixture.scriptReferenceData(transport)
        await transport.enqueue(
            Fixture.technicians, .json(Fixture.exportPage([Self.maria, Self.retired], hasMore: false, continueFrom: "t")))
        let sink = try await Fixture.pull(Fixture.adapter(transport))
        let technicians = await sink.merged.technicians
        try #require(technicians.count == 2)

        let maria = technicians[0]
        #expect(maria.id == "maria-lopez")
        #expect(maria.name == "Maria Lopez")
        #expect(maria.phone == "+1 312 555 0199")
        #expect(maria.email == "maria@lakeshore.test")
        #expect(maria.skills == ["hvac", "gas-furnace", "water-heater"])
        #expect(maria.zones == ["North Shore", "Loop"])
        #expect(
            maria.homeBase
                == Location(
                    street: "1200 N Lake Shore Dr, Apt 4", city: "Chicago", region: "IL", postalCode: "60610", country: "USA",
                    latitude: 41.9, longitude: -87.62))
        #expect(maria.timeZone == "America/Chicago")
        #expect(maria.active)
        #expect(
            maria.source
                == SourceRef(
                    backend: "servicetitan", source: Fixture.sourceName, externalID: "10101",
                    remoteVersion: "2026-11-20T08:00:00.1234567Z"))
    }

    @Test("a deactivated technician keeps its details with active = false; unlinked ones get <source>-<id>")
    func deactivated() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.technicians, .json(Fixture.exportPage([Self.retired], hasMore: false, continueFrom: "t")))
        let sink = try await Fixture.pull(Fixture.adapter(transport))
        let dan = try #require(await sink.merged.technicians.first)

        #expect(dan.id == "lakeshore-st-10142")
        #expect(!dan.active)
        #expect(dan.name == "Dan Okafor")
        #expect(dan.phone == "+1 312 555 0142")
        #expect(dan.homeBase == nil)
        #expect(await sink.merged.tombstones.isEmpty)
    }
}
