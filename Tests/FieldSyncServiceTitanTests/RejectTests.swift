import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Rejects")
struct RejectTests {
    @Test("a record that cannot be read is rejected with its text exactly as received, and the page goes on")
    func keepsRawTextAndGoesOn() async throws {
        let odd = #"{ "id" : 10150 ,  "name":"Odd \u00e9 Tech", "active" : "yes", "skills" : [ ] }"#
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.technicians,
            .json(
                Fixture.exportPage(
                    [#"{"id":10101,"name":"Maria Lopez","active":true}"#, odd, #"{"id":10102,"name":"Priya Shah","active":true}"#],
                    hasMore: false, continueFrom: "t")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(merged.technicians.map(\.source.externalID) == ["10101", "10102"])
        let reject = try #require(merged.rejects.first)
        #expect(merged.rejects.count == 1)
        #expect(reject.rawPayload == odd)
        #expect(reject.externalID == "10150")
        #expect(reject.backend == "servicetitan")
        #expect(reject.source == Fixture.sourceName)
        #expect(reject.recordKind == "technician")
        #expect(reject.part == "technicians")
        #expect(reject.location == "technicians page 1")
        #expect(reject.reason == "the record could not be read: field `active` has the wrong type")
    }

    @Test("a record without a field the spec requires is rejected naming the field")
    func missingField() async throws {
        let transport = ScriptedTransport()
        let noStart = #"{"id":5,"shiftType":"Normal","title":"x","active":true,"technicianId":10101,"end":"2026-11-23T22:00:00Z","modifiedOn":"2026-11-20T01:00:00Z"}"#
        await transport.enqueue(Fixture.shifts, .json(Fixture.listPage([noStart], hasMore: false)))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(merged.rejects.map(\.reason) == ["the record could not be read: field `start` is missing"])
        #expect(merged.rejects.first?.location == "technician-shifts page 1")
    }

    @Test("a time that is not RFC 3339 is rejected naming the field")
    func badTimestamp() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.shifts,
            .json(Fixture.listPage([Fixture.shift(id: 5, start: "next Tuesday", end: "2026-11-23T22:00:00Z", modifiedOn: "2026-11-20T01:00:00Z")], hasMore: false)))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged
        #expect(merged.rejects.map(\.reason) == ["field `start` is not an RFC 3339 date-time"])
    }
}
