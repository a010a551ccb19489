import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Records that cannot be read")
struct RejectTests {
    @Test("a record that is not valid JSON, or not an object, is rejected with its exact text and the page goes on")
    func badRecordsKeepRawText() async throws {
        let broken = #"{ "id": "job_2", "work_status": tru }"#
        let number = "42"
        var data = HCP.small
        data.jobs = [
            HCP.job("job_1", created: 1),
            FakeRecord(id: "job_2", createdAt: HCP.stamp(2), updatedAt: HCP.stamp(2), json: broken),
            FakeRecord(id: "job_3", createdAt: HCP.stamp(3), updatedAt: HCP.stamp(3), json: number),
            HCP.job("job_4", created: 4),
        ]
        let merged = try await pullOnce(makeAdapter(ScriptedHousecallPro(data), pageSize: 10)).merged
        #expect(merged.jobs.map(\.source.externalID) == ["job_1", "job_4"])
        #expect(merged.rejects.map(\.rawPayload) == [broken, number])
        #expect(merged.rejects.map(\.reason) == ["record 2 of the page is not valid JSON", "record 3 of the page is not a JSON object"])
        #expect(merged.rejects.allSatisfy { $0.location == "jobs page 1" && $0.part == "jobs" && $0.recordKind == "job" })
        #expect(merged.failures.isEmpty)
        // The full pass still completes: the page was read.
        #expect(merged.sweeps.contains { $0.entity == .jobs })
    }

    @Test("fields of an unexpected type are read leniently instead of rejecting the record")
    func lenientFields() async throws {
        let job = HCP.job(
            "job_1",
            extra: [
                "invoice_number": 1042, "description": ["not", "text"], "assigned_employees": "nobody",
                "schedule": ["scheduled_start": HCP.stamp(60), "scheduled_end": HCP.stamp(120), "arrival_window": "15"],
            ])
        let merged = try await JobMappingTests.pull([job])
        let parsed = try #require(merged.jobs.first)
        #expect(parsed.number == "1042")
        #expect(parsed.summary == nil)
        #expect(
            merged.appointments.first?.arrivalWindow
                == TimeRange(start: AppointmentMappingTests.date(60), end: AppointmentMappingTests.date(75)))
        #expect(merged.appointments.first?.technicianIDs == [])
    }

    @Test("rejects and notes never carry customer names, phones or addresses, except in the raw payload")
    func noPersonalData() async throws {
        let merged = try await JobMappingTests.pull([
            HCP.job("job_1", jobType: "Gutter Cleaning"), HCP.job("job_2", workStatus: "weird"),
            HCP.job("job_3", schedule: ["scheduled_start": HCP.stamp(60), "scheduled_end": HCP.stamp(0)]),
        ])
        let texts = merged.rejects.map(\.reason) + merged.notes + merged.failures.map(\.message)
        #expect(merged.rejects.count == 3)
        for secret in ["Ada", "Quill", "555-01", "Elm St", "ada@example.test"] {
            #expect(!texts.contains { $0.contains(secret) })
        }
    }
}
