import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Jobs")
struct JobMappingTests {
    static func pullJobs(_ records: [String], mapping: BackendMapping = Fixture.mapping) async throws -> RecordingSink.Merged {
        let transport = ScriptedTransport()
        await Fixture.scriptReferenceData(transport)
        await transport.enqueue(Fixture.jobs, .json(Fixture.exportPage(records, hasMore: false, continueFrom: "j")))
        return try await Fixture.pull(Fixture.adapter(transport, mapping: mapping)).merged
    }

    @Test("a job takes its type, skills, trade and urgency from the mapping rule, and its ids, number and summary from the record")
    func mapsFromRule() async throws {
        let merged = try await Self.pullJobs([Fixture.job()])
        let job = try #require(merged.jobs.first)

        #expect(job.jobType == "hvac.no_heat")
        #expect(job.requiredSkills == ["hvac", "gas-furnace"])
        #expect(job.trade == "hvac")
        #expect(job.urgency == .urgent)
        #expect(job.status == "scheduled")
        #expect(job.summary == "No heat since Monday")
        #expect(job.customerExternalID == "3001")
        #expect(job.locationExternalID == "4001")
        #expect(job.number == "J-9001")
        #expect(job.vendorJobType == "No Heat")
        #expect(job.customer == Customer())
        #expect(job.source == SourceRef(backend: "servicetitan", source: Fixture.sourceName, externalID: "9001", remoteVersion: "2026-11-21T10:00:00.123Z"))
    }

    @Test("without trade or urgency in the rule, a job takes the business unit's trade and the priority's urgency")
    func fallsBackToBusinessUnitAndPriority() async throws {
        let merged = try await Self.pullJobs([Fixture.job(id: 9002, jobTypeId: 502, businessUnitId: 2, priority: "Urgent")])
        let job = try #require(merged.jobs.first)

        #expect(job.jobType == "plumbing.drain_cleaning")
        #expect(job.trade == "plumbing")
        #expect(job.urgency == .emergency)
        #expect(job.requiredSkills == ["plumbing"])
    }

    @Test("a job type the mapping does not list is quarantined with its raw record, naming the type and the mapping file")
    func unmappedTypeQuarantined() async throws {
        let record = Fixture.job(id: 9003, jobTypeId: 599)
        let merged = try await Self.pullJobs([record, Fixture.job()])

        #expect(merged.jobs.map(\.source.externalID) == ["9001"])
        let reject = try #require(merged.rejects.first)
        #expect(reject.externalID == "9003")
        #expect(reject.recordKind == "job")
        #expect(reject.reason.contains("\"Mystery Noise\""))
        #expect(reject.reason.contains("Mappings/servicetitan.yaml"))
        #expect(reject.rawPayload == record)
        #expect(reject.part == "jobs")
        #expect(reject.location == "jobs page 1")
    }

    @Test("a job type the mapping does not list takes the default rule when the file says so, with a note")
    func unmappedTypeDefaulted() async throws {
        var mapping = Fixture.mapping
        mapping.unmappedJobType = .useDefault(.init(jobType: "general.service", trade: nil, skills: ["general"]))
        let merged = try await Self.pullJobs([Fixture.job(id: 9003, jobTypeId: 599)], mapping: mapping)

        let job = try #require(merged.jobs.first)
        #expect(job.jobType == "general.service")
        #expect(job.requiredSkills == ["general"])
        #expect(job.vendorJobType == "Mystery Noise")
        #expect(job.trade == "hvac")  // from business unit 1
        #expect(merged.rejects.isEmpty)
        #expect(merged.notes.contains { $0.hasPrefix("jobs page 1:") && $0.contains("\"Mystery Noise\"") && $0.contains("default") })
    }

    @Test("a job status the mapping does not know is rejected, naming the status")
    func unmappedStatus() async throws {
        let merged = try await Self.pullJobs([Fixture.job(status: "Parked")])
        #expect(merged.jobs.isEmpty)
        #expect(merged.rejects.first?.reason.contains("job status \"Parked\"") == true)
    }

    @Test("a job type id the tenant does not have is rejected")
    func unknownJobTypeID() async throws {
        let merged = try await Self.pullJobs([Fixture.job(jobTypeId: 777)])
        #expect(merged.rejects.first?.reason.contains("job type id 777") == true)
    }

    @Test("a deactivated job is a tombstone, whatever its type")
    func deactivatedJob() async throws {
        let merged = try await Self.pullJobs([Fixture.job(jobTypeId: 777, active: false)])
        #expect(merged.jobs.isEmpty)
        #expect(merged.rejects.isEmpty)
        #expect(merged.tombstones == [Tombstone(entity: .jobs, externalID: "9001", remoteVersion: "2026-11-21T10:00:00.123Z")])
    }
}
