import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Order of a run")
struct RunOrderTests {
    @Test("resources are read in order: reference data, technicians, customers, locations, contacts, jobs, appointments, assignments, shifts, non-job appointments")
    func order() async throws {
        let transport = ScriptedTransport()
        _ = try await Fixture.pull(Fixture.adapter(transport))
        let paths = await transport.apiCalls.map(\.path)
        #expect(
            paths == [
                Fixture.businessUnits, Fixture.jobTypes, Fixture.zones, Fixture.technicians, Fixture.customers,
                Fixture.locations, Fixture.contacts, Fixture.jobs, Fixture.appointments, Fixture.assignments,
                Fixture.shifts, Fixture.nonJobAppointments,
            ])
        let referenceCall = try #require(await transport.calls(to: Fixture.jobTypes).first)
        #expect(referenceCall.query["active"] == "Any")
        #expect(referenceCall.query["pageSize"] == "500")
    }

    @Test("reference data is read through all its pages")
    func referencePages() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.jobTypes,
            .json(Fixture.listPage([#"{"id":501,"name":"No Heat","active":true}"#], page: 1, hasMore: true)),
            .json(Fixture.listPage([#"{"id":502,"name":"Drain Cleaning","active":true}"#], page: 2, hasMore: false)))
        await transport.enqueue(
            Fixture.jobs,
            .json(Fixture.exportPage([Fixture.job(jobTypeId: 502)], hasMore: false, continueFrom: "j")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(await transport.calls(to: Fixture.jobTypes).map { $0.query["page"] } == ["1", "2"])
        #expect(merged.jobs.map(\.jobType) == ["plumbing.drain_cleaning"])
    }

    @Test("a reference record that cannot be read is left out with a note, and jobs of its type are rejected")
    func unreadableReferenceRecord() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.jobTypes,
            .json(Fixture.listPage([#"{"id":501,"name":"No Heat","active":true}"#, #"{"id":503,"active":true}"#], hasMore: false)))
        await transport.enqueue(
            Fixture.jobs, .json(Fixture.exportPage([Fixture.job(jobTypeId: 503)], hasMore: false, continueFrom: "j")))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(merged.notes.contains { $0.hasPrefix("job-types page 1: 1 record(s) could not be read") && $0.contains("field `name` is missing") })
        #expect(merged.rejects.first?.reason.contains("job type id 503") == true)
        #expect(merged.failures.isEmpty)
    }

    @Test("when job types cannot be read, jobs are skipped with a failure saying why, and the rest is read")
    func jobsNeedReferenceData() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.jobTypes, .status(503), .status(503), .status(503))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(await transport.calls(to: Fixture.jobs).isEmpty)
        #expect(merged.failures.map(\.part) == ["job-types", "jobs"])
        let jobs = try #require(merged.failures.last)
        #expect(jobs.message.contains("job-types"))
        #expect(jobs.isTransient)
        #expect(await transport.calls(to: Fixture.technicians).count == 1)
        #expect(await transport.calls(to: Fixture.appointments).count == 1)
        #expect(merged.cursors["export/jobs"] == nil)
    }

    @Test("when zones cannot be read, technicians are skipped rather than stored without their zones")
    func techniciansNeedZones() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.zones, .problem(403, title: "Forbidden"))
        let merged = try await Fixture.pull(Fixture.adapter(transport)).merged

        #expect(await transport.calls(to: Fixture.technicians).isEmpty)
        #expect(merged.failures.map(\.part) == ["zones", "technicians"])
        #expect(merged.failures.allSatisfy { !$0.isTransient })
        #expect(await transport.calls(to: Fixture.jobs).count == 1)
    }

    @Test("every page is committed with its own cursors and reported as progress")
    func commitPerPage() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.customers,
            .json(Fixture.exportPage([], hasMore: true, continueFrom: "c1")),
            .json(Fixture.exportPage([], hasMore: true, continueFrom: "c2")),
            .json(Fixture.exportPage([], hasMore: false, continueFrom: "c3")))
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(cursors: Fixture.syncedCursors()))

        let customerCursors = await sink.batches.compactMap { $0.cursors.first { $0.key == "export/customers" }?.value }
        #expect(customerCursors == ["c1", "c2", "c3"])
        #expect(await sink.progressReports.filter { $0.resource == "customers" }.map(\.pages) == [1, 2, 3])
        // One commit per page of every feed and list (reference data is not committed).
        #expect(await sink.batches.count == 3 + 6 + 2)
    }
}
