import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Jobs → jobs")
struct JobMappingTests {
    /// Pulls `jobs` (a first run: a full pass) and returns everything committed.
    static func pull(
        _ jobs: [FakeRecord], mapping: BackendMapping = testMapping, links: [String: String] = [:]
    ) async throws -> PullBatch {
        var data = HCP.small
        data.jobs = jobs
        return try await pullOnce(makeAdapter(ScriptedHousecallPro(data), pageSize: 10, links: links, mapping: mapping)).merged
    }

    static func defaulting(_ mapping: BackendMapping) -> BackendMapping {
        var mapping = mapping
        mapping.unmappedJobType = .useDefault(.init(jobType: "general.service", trade: "general", urgency: .routine))
        return mapping
    }

    @Test("a job takes its type's rule, status, summary, customer, service address, ids, number and version")
    func fields() async throws {
        let merged = try await Self.pull([HCP.job("job_1", created: 1, updated: 7)])
        let job = try #require(merged.jobs.first)
        #expect(job.jobType == "hvac.furnace_repair")
        #expect(job.trade == "hvac")
        #expect(job.requiredSkills == ["hvac", "gas_furnace"])
        #expect(job.urgency == .urgent)
        #expect(job.status == "scheduled")
        #expect(job.summary == "Furnace makes a noise")
        #expect(job.customer.name == "Ada Quill")
        #expect(job.customer.phone == "555-0111")
        #expect(job.customer.email == "ada@example.test")
        #expect(
            job.customer.address
                == Location(street: "12 Elm St, Unit 4", city: "Denver", region: "CO", postalCode: "80202", country: "US"))
        #expect(job.customerExternalID == "cus_1")
        #expect(job.locationExternalID == "adr_1")
        #expect(job.vendorJobType == "Furnace Repair")
        #expect(job.number == "101")
        #expect(job.source == SourceRef(backend: "housecallpro", source: "frontrange-hcp", externalID: "job_1", remoteVersion: HCP.stamp(7)))
    }

    @Test("the trade comes from the business unit when the job type's rule has none; coordinates are kept")
    func tradeFromBusinessUnit() async throws {
        var address = HCP.addressObject
        address["latitude"] = 39.75
        address["longitude"] = "-104.99"
        let merged = try await Self.pull([
            HCP.job("job_1", jobType: "Drain Clog", businessUnit: "Plumbing", extra: ["address": address])
        ])
        let job = try #require(merged.jobs.first)
        #expect(job.jobType == "plumbing.drain_clog")
        #expect(job.trade == "plumbing")
        #expect(job.urgency == nil)
        #expect(job.customer.address?.latitude == 39.75)
        #expect(job.customer.address?.longitude == -104.99)
    }

    @Test("a company customer without a person's name is named by the company; mobile comes before home")
    func companyCustomer() async throws {
        var customer = HCP.customerObject
        customer["first_name"] = NSNull()
        customer["last_name"] = NSNull()
        customer["mobile_number"] = "555-0199"
        let merged = try await Self.pull([HCP.job("job_1", extra: ["customer": customer])])
        #expect(merged.jobs.first?.customer.name == "Quill Ltd")
        #expect(merged.jobs.first?.customer.phone == "555-0199")
    }

    @Test("a job type the mapping does not list is quarantined with a reason naming the type and the file")
    func unknownTypeQuarantined() async throws {
        let record = HCP.job("job_1", jobType: "Gutter Cleaning")
        let merged = try await Self.pull([record, HCP.job("job_2", created: 2)])
        #expect(merged.jobs.map(\.source.externalID) == ["job_2"])
        #expect(!merged.appointments.contains { $0.jobExternalID == "job_1" })
        let reject = try #require(merged.rejects.first)
        #expect(reject.backend == "housecallpro")
        #expect(reject.source == "frontrange-hcp")
        #expect(reject.recordKind == "job")
        #expect(reject.externalID == "job_1")
        #expect(reject.reason.contains("\"Gutter Cleaning\""))
        #expect(reject.reason.contains("Mappings/housecallpro.yaml"))
        #expect(reject.rawPayload == record.json)
        #expect(reject.location == "jobs page 1")
        #expect(reject.part == "jobs")
    }

    @Test("a job type the mapping does not list gets the default rule when the file says so, with a note")
    func unknownTypeDefaulted() async throws {
        let merged = try await Self.pull(
            [HCP.job("job_1", jobType: "Gutter Cleaning"), HCP.job("job_2", created: 2, jobType: "Gutter Cleaning")],
            mapping: Self.defaulting(testMapping))
        #expect(merged.rejects.isEmpty)
        #expect(merged.jobs.map(\.jobType) == ["general.service", "general.service"])
        #expect(merged.jobs.map(\.vendorJobType) == ["Gutter Cleaning", "Gutter Cleaning"])
        #expect(merged.jobs.first?.trade == "general")
        #expect(merged.notes.contains { $0.contains("2 jobs of type \"Gutter Cleaning\"") && $0.contains("default rule") })
        #expect(merged.appointments.count == 2)
    }

    @Test("the job types list names the types the mapping lacks")
    func jobTypesNote() async throws {
        var data = HCP.small
        data.jobTypes.append(HCP.jobType("jt_9", "Gutter Cleaning"))
        let merged = try await pullOnce(makeAdapter(ScriptedHousecallPro(data), pageSize: 10)).merged
        #expect(merged.notes.contains { $0.contains("does not list (their jobs are quarantined): Gutter Cleaning") })
        #expect(merged.completeParts.contains("job_types"))
    }

    @Test("a job type given only by id is named from the job types list")
    func jobTypeByID() async throws {
        let job = HCP.job("job_1", extra: ["job_fields": ["job_type": ["id": "jt_2"]]])
        let merged = try await Self.pull([job])
        #expect(merged.jobs.first?.jobType == "plumbing.drain_clog")
        #expect(merged.jobs.first?.vendorJobType == "Drain Clog")
    }

    @Test("a job without a job type is quarantined, or defaulted with a note, as the mapping says")
    func missingJobType() async throws {
        let quarantined = try await Self.pull([HCP.job("job_1", jobType: nil)])
        #expect(quarantined.jobs.isEmpty)
        #expect(quarantined.rejects.first?.reason.contains("has no job type") == true)
        #expect(quarantined.rejects.first?.reason.contains("Mappings/housecallpro.yaml") == true)

        let defaulted = try await Self.pull([HCP.job("job_1", jobType: nil)], mapping: Self.defaulting(testMapping))
        #expect(defaulted.jobs.first?.jobType == "general.service")
        #expect(defaulted.jobs.first?.vendorJobType == nil)
        #expect(defaulted.notes.contains { $0.contains("1 job without a job type got the default rule") })
    }

    @Test("a work status the mapping does not list rejects the job, naming the status")
    func unknownWorkStatus() async throws {
        let merged = try await Self.pull([HCP.job("job_1", workStatus: "on hold"), HCP.job("job_2", created: 2)])
        #expect(merged.jobs.map(\.source.externalID) == ["job_2"])
        #expect(merged.rejects.first?.reason.contains("work status \"on hold\"") == true)
        #expect(merged.rejects.first?.reason.contains("Mappings/housecallpro.yaml") == true)
    }

    @Test("work statuses map through the file, whatever their case")
    func statuses() async throws {
        let merged = try await Self.pull([
            HCP.job("job_1", created: 1, workStatus: "In Progress"), HCP.job("job_2", created: 2, workStatus: "complete rated"),
            HCP.job("job_3", created: 3, workStatus: "pro canceled"),
        ])
        #expect(merged.jobs.map(\.status) == ["in_progress", "completed", "cancelled"])
        // Appointment statuses: from the file ("in progress" → working), else derived.
        #expect(merged.appointments.map(\.status) == ["working", "done", "cancelled"])
    }
}
