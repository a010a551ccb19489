import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Shifts and non-job appointments")
struct AvailabilityMappingTests {
    static func nonJob(id: Int, start: String, duration: String, allDay: Bool = false, active: Bool = true) -> String {
        #"{"id":\#(id),"technicianId":10101,"start":"\#(start)","name":"Team meeting","duration":"\#(duration)","timesheetCodeId":0,"summary":"","clearDispatchBoard":false,"clearTechnicianView":false,"removeTechnicianFromCapacityPlanning":false,"allDay":\#(allDay),"showOnTechnicianSchedule":true,"active":\#(active),"createdOn":"2026-11-01T00:00:00Z","modifiedOn":"2026-11-20T0\#(id % 10):00:00Z","createdById":1}"#
    }

    static func pull(shifts: [String] = [], nonJob: [String] = [], mapping: BackendMapping = Fixture.mapping) async throws -> RecordingSink.Merged {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.shifts, .json(Fixture.listPage(shifts, hasMore: false)))
        await transport.enqueue(Fixture.nonJobAppointments, .json(Fixture.listPage(nonJob, hasMore: false)))
        return try await Fixture.pull(Fixture.adapter(transport, mapping: mapping)).merged
    }

    @Test("shift types become shift, on-call and time-off windows on the shift's technician, in the tenant's zone")
    func shiftKinds() async throws {
        let merged = try await Self.pull(shifts: [
            Fixture.shift(id: 1, type: "Normal", start: "2026-11-23T14:00:00Z", end: "2026-11-23T22:00:00Z", modifiedOn: "2026-11-20T01:00:00Z"),
            Fixture.shift(id: 2, technician: 10142, type: "OnCall", start: "2026-11-23T22:00:00Z", end: "2026-11-24T06:00:00Z", modifiedOn: "2026-11-20T02:00:00Z"),
            Fixture.shift(id: 3, type: "TimeOff", start: "2026-11-25T00:00:00Z", end: "2026-11-26T00:00:00Z", modifiedOn: "2026-11-20T03:00:00Z"),
        ])
        #expect(merged.availability.map(\.kind) == [.shift, .onCall, .timeOff])
        #expect(merged.availability.map(\.technicianID) == ["maria-lopez", "lakeshore-st-10142", "maria-lopez"])
        #expect(merged.availability.map(\.source.externalID) == ["shift/1", "shift/2", "shift/3"])
        let first = try #require(merged.availability.first)
        #expect(first.range == TimeRange(start: Fixture.date("2026-11-23T14:00:00Z"), end: Fixture.date("2026-11-23T22:00:00Z")))
        #expect(first.title == "Day shift")
        #expect(first.sourceTimeZone == "America/Chicago")
        #expect(!first.allDay)
        #expect(first.source.remoteVersion == "2026-11-20T01:00:00Z")
    }

    @Test("the mapping's shift types win over the defaults, and an unknown shift type is rejected")
    func mappedShiftTypes() async throws {
        var mapping = Fixture.mapping
        mapping.shiftTypes = ["OnCall": .shift]
        let merged = try await Self.pull(
            shifts: [
                Fixture.shift(id: 4, type: "OnCall", start: "2026-11-23T22:00:00Z", end: "2026-11-24T06:00:00Z", modifiedOn: "2026-11-20T04:00:00Z"),
                Fixture.shift(id: 5, type: "Training", start: "2026-11-23T22:00:00Z", end: "2026-11-24T06:00:00Z", modifiedOn: "2026-11-20T05:00:00Z"),
            ], mapping: mapping)
        #expect(merged.availability.map(\.kind) == [.shift])
        #expect(merged.rejects.first?.reason.contains("shift type \"Training\"") == true)
        #expect(merged.rejects.first?.externalID == "5")
    }

    @Test("a deactivated shift or non-job appointment is a tombstone of its window")
    func tombstones() async throws {
        let merged = try await Self.pull(
            shifts: [Fixture.shift(id: 6, start: "2026-11-23T14:00:00Z", end: "2026-11-23T22:00:00Z", modifiedOn: "2026-11-20T06:00:00Z", active: false)],
            nonJob: [Self.nonJob(id: 77, start: "2026-11-24T15:00:00Z", duration: "01:00:00", active: false)])
        #expect(merged.availability.isEmpty)
        #expect(
            merged.tombstones == [
                Tombstone(entity: .availability, externalID: "shift/6", remoteVersion: "2026-11-20T06:00:00Z"),
                Tombstone(entity: .availability, externalID: "non-job/77", remoteVersion: "2026-11-20T07:00:00Z"),
            ])
    }

    @Test("a non-job appointment lasts its duration, in hh:mm:ss or d.hh:mm:ss; a bad duration is rejected")
    func nonJobAppointments() async throws {
        let bad = Self.nonJob(id: 73, start: "2026-11-24T15:00:00Z", duration: "soon")
        let merged = try await Self.pull(nonJob: [
            Self.nonJob(id: 71, start: "2026-11-24T15:00:00Z", duration: "02:30:00"),
            Self.nonJob(id: 72, start: "2026-11-25T06:00:00Z", duration: "1.00:00:00", allDay: true),
            bad,
        ])
        try #require(merged.availability.count == 2)
        let meeting = merged.availability[0]
        #expect(meeting.kind == .nonJobAppointment)
        #expect(meeting.range == TimeRange(start: Fixture.date("2026-11-24T15:00:00Z"), end: Fixture.date("2026-11-24T17:30:00Z")))
        #expect(meeting.title == "Team meeting")
        #expect(meeting.technicianID == "maria-lopez")
        #expect(meeting.source.externalID == "non-job/71")
        #expect(meeting.sourceTimeZone == "America/Chicago")
        let day = merged.availability[1]
        #expect(day.allDay)
        #expect(day.range.duration == 86_400)
        #expect(merged.rejects.map(\.externalID) == ["73"])
        #expect(merged.rejects.first?.rawPayload == bad)
        #expect(merged.rejects.first?.recordKind == "non-job-appointment")
    }
}
