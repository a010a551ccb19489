import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Job schedules → appointments")
struct AppointmentMappingTests {
    static func date(_ minutes: Int) -> Date { HCP.day0.addingTimeInterval(Double(minutes) * 60) }

    @Test("each expanded appointment becomes one, with its window, arrival window and dispatched technicians")
    func expandedAppointments() async throws {
        let job = HCP.job(
            "job_1", updated: 3,
            appointments: [
                [
                    "id": "appt_1", "start_time": HCP.stamp(600), "end_time": HCP.stamp(720), "arrival_window_minutes": 60,
                    "dispatched_employees_ids": ["pro_1", "pro_2", "pro_1"], "anytime": false,
                ],
                // The spec's examples leave the offset out; such times are UTC.
                [
                    "id": "appt_2", "start_time": "2026-11-03T09:00:00", "end_time": "2026-11-03T10:30:00",
                    "arrival_window_minutes": 0, "dispatched_employees_ids": [],
                ],
            ])
        let merged = try await JobMappingTests.pull([job], links: ["pro_1": "sam-becker"])
        #expect(merged.appointments.count == 2)
        let first = try #require(merged.appointments.first)
        #expect(first.jobExternalID == "job_1")
        #expect(first.range == TimeRange(start: Self.date(600), end: Self.date(720)))
        #expect(first.arrivalWindow == TimeRange(start: Self.date(600), end: Self.date(660)))
        #expect(first.technicianIDs == ["sam-becker", "frontrange-hcp-pro_2"])
        #expect(first.status == "scheduled")
        #expect(first.source == SourceRef(backend: "housecallpro", source: "frontrange-hcp", externalID: "appt_1", remoteVersion: HCP.stamp(3)))
        let second = try #require(merged.appointments.last)
        #expect(second.range == TimeRange(start: Self.date(33 * 60), end: Self.date(34 * 60 + 30)))
        #expect(second.arrivalWindow == nil)
        #expect(second.technicianIDs.isEmpty)
    }

    @Test("a scheduled job without appointment items has one appointment from its schedule and assigned employees")
    func scheduleAppointment() async throws {
        let job = HCP.job(
            "job_1",
            schedule: ["scheduled_start": HCP.stamp(60), "scheduled_end": HCP.stamp(180), "arrival_window": 30,
                "appointments": []],
            assigned: ["pro_1", "pro_7"])
        let merged = try await JobMappingTests.pull([job], links: ["pro_7": "pat"])
        let appointment = try #require(merged.appointments.first)
        #expect(merged.appointments.count == 1)
        #expect(appointment.source.externalID == "job_1/schedule")
        #expect(appointment.range == TimeRange(start: Self.date(60), end: Self.date(180)))
        #expect(appointment.arrivalWindow == TimeRange(start: Self.date(60), end: Self.date(90)))
        #expect(appointment.technicianIDs == ["frontrange-hcp-pro_1", "pat"])
    }

    @Test("a schedule without an end lasts the job type's usual duration")
    func scheduleWithoutEnd() async throws {
        let job = HCP.job("job_1", schedule: ["scheduled_start": HCP.stamp(60)])
        let merged = try await JobMappingTests.pull([job])
        #expect(merged.appointments.first?.range == TimeRange(start: Self.date(60), end: Self.date(180)))
    }

    @Test("an unscheduled job has no appointment")
    func unscheduled() async throws {
        let job = HCP.job("job_1", workStatus: "needs scheduling", schedule: ["scheduled_start": NSNull(), "arrival_window": 0])
        let merged = try await JobMappingTests.pull([job])
        #expect(merged.jobs.map(\.status) == ["open"])
        #expect(merged.appointments.isEmpty)
        #expect(merged.rejects.isEmpty)
    }

    @Test("an appointment that ends before it starts is rejected and its job kept")
    func endsBeforeStart() async throws {
        let job = HCP.job(
            "job_1",
            appointments: [
                ["id": "appt_bad", "start_time": HCP.stamp(600), "end_time": HCP.stamp(540)],
                ["id": "appt_ok", "start_time": HCP.stamp(600), "end_time": HCP.stamp(660)],
            ])
        let merged = try await JobMappingTests.pull([job])
        #expect(merged.jobs.map(\.source.externalID) == ["job_1"])
        #expect(merged.appointments.map(\.source.externalID) == ["appt_ok"])
        let reject = try #require(merged.rejects.first)
        #expect(reject.recordKind == "appointment")
        #expect(reject.externalID == "appt_bad")
        #expect(reject.reason.contains("ends before it starts"))
        #expect(reject.rawPayload == job.json)

        let backwards = HCP.job("job_2", schedule: ["scheduled_start": HCP.stamp(60), "scheduled_end": HCP.stamp(0)])
        let second = try await JobMappingTests.pull([backwards])
        #expect(second.jobs.count == 1)
        #expect(second.appointments.isEmpty)
        #expect(second.rejects.first?.externalID == "job_2/schedule")
        #expect(second.rejects.first?.reason.contains("ends before it starts") == true)
    }
}
