import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Appointments and assignments")
struct AppointmentMappingTests {
    static func appointment(id: Int, start: String, end: String, status: String = "Dispatched", active: Bool = true) -> String {
        #"{"id":\#(id),"jobId":9001,"appointmentNumber":"J-9001-1","start":"\#(start)","end":"\#(end)","arrivalWindowStart":"2026-11-23T15:00:00Z","arrivalWindowEnd":"2026-11-23T17:00:00Z","status":"\#(status)","specialInstructions":null,"createdOn":"2026-11-20T00:00:00Z","modifiedOn":"2026-11-21T00:00:00Z","customerId":3001,"unused":false,"createdById":1,"isConfirmed":true,"active":\#(active)}"#
    }

    @Test("an appointment maps its job, times, arrival window and status, with no technicians of its own")
    func mapsAppointment() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.appointments,
            .json(Fixture.exportPage([Self.appointment(id: 8001, start: "2026-11-23T15:00:00Z", end: "2026-11-23T17:30:00Z")], hasMore: false, continueFrom: "a")))
        let sink = try await Fixture.pull(Fixture.adapter(transport))
        let appointment = try #require(await sink.merged.appointments.first)

        #expect(appointment.jobExternalID == "9001")
        #expect(appointment.range == TimeRange(start: Fixture.date("2026-11-23T15:00:00Z"), end: Fixture.date("2026-11-23T17:30:00Z")))
        #expect(appointment.arrivalWindow == TimeRange(start: Fixture.date("2026-11-23T15:00:00Z"), end: Fixture.date("2026-11-23T17:00:00Z")))
        #expect(appointment.status == "dispatched")
        #expect(appointment.technicianIDs.isEmpty)
        #expect(appointment.assignedSeparately)
        #expect(appointment.source.externalID == "8001")
        #expect(appointment.source.remoteVersion == "2026-11-21T00:00:00Z")
    }

    @Test("an appointment that ends before it starts is rejected; a deactivated one is a tombstone")
    func rejectsAndTombstones() async throws {
        let reversed = Self.appointment(id: 8002, start: "2026-11-23T17:00:00Z", end: "2026-11-23T15:00:00Z")
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.appointments,
            .json(
                Fixture.exportPage(
                    [reversed, Self.appointment(id: 8003, start: "2026-11-23T15:00:00Z", end: "2026-11-23T16:00:00Z", active: false)],
                    hasMore: false, continueFrom: "a")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(merged.appointments.isEmpty)
        #expect(merged.rejects.map(\.reason) == ["ends before it starts"])
        #expect(merged.rejects.first?.rawPayload == reversed)
        #expect(merged.tombstones == [Tombstone(entity: .appointments, externalID: "8003", remoteVersion: "2026-11-21T00:00:00Z")])
    }

    @Test("an appointment status the mapping does not know is rejected, naming the status")
    func unmappedStatus() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.appointments,
            .json(Fixture.exportPage([Self.appointment(id: 8004, start: "2026-11-23T15:00:00Z", end: "2026-11-23T16:00:00Z", status: "Paused")], hasMore: false, continueFrom: "a")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged
        #expect(merged.rejects.first?.reason.contains("appointment status \"Paused\"") == true)
    }

    @Test("an assignment links a local technician to an appointment; a removed one arrives inactive")
    func assignments() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.assignments,
            .json(
                Fixture.exportPage(
                    [
                        #"{"id":61,"technicianId":10101,"technicianName":"Maria Lopez","assignedById":1,"assignedOn":"2026-11-21T00:00:00Z","status":"Scheduled","isPaused":false,"jobId":9001,"appointmentId":8001,"createdOn":"2026-11-21T00:00:00Z","modifiedOn":"2026-11-21T01:00:00Z","active":true}"#,
                        #"{"id":62,"technicianId":10142,"technicianName":"Dan Okafor","assignedById":1,"assignedOn":"2026-11-21T00:00:00Z","status":"Scheduled","isPaused":false,"jobId":9001,"appointmentId":8001,"createdOn":"2026-11-21T00:00:00Z","modifiedOn":"2026-11-21T02:00:00Z","active":false}"#,
                    ], hasMore: false, continueFrom: "x")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(
            merged.assignments == [
                AppointmentAssignment(
                    appointmentExternalID: "8001", technicianID: "maria-lopez", active: true,
                    source: SourceRef(backend: "servicetitan", source: Fixture.sourceName, externalID: "61", remoteVersion: "2026-11-21T01:00:00Z")),
                AppointmentAssignment(
                    appointmentExternalID: "8001", technicianID: "lakeshore-st-10142", active: false,
                    source: SourceRef(backend: "servicetitan", source: Fixture.sourceName, externalID: "62", remoteVersion: "2026-11-21T02:00:00Z")),
            ])
    }
}
