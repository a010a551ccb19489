import FieldSyncCore
import FieldSyncHousecallPro
import Foundation
import Testing

@Suite("Requests to Housecall Pro")
struct RequestTests {
    @Test("every request carries the Token header, and X-Company-Id when a company id is configured")
    func headers() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        try await pullOnce(makeAdapter(server, companyID: "co_42"))
        let requests = await server.requests
        #expect(requests.count >= 5)
        for request in requests {
            #expect(request.header("Authorization") == "Token \(ScriptedHousecallPro.apiKey)")
            #expect(request.header("X-Company-Id") == "co_42")
            #expect(request.method == "GET")
        }
    }

    @Test("no X-Company-Id header is sent without a company id")
    func noCompanyHeader() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        try await pullOnce(makeAdapter(server))
        let requests = await server.requests
        #expect(!requests.isEmpty)
        #expect(requests.allSatisfy { $0.header("X-Company-Id") == nil })
    }

    @Test("a run reads job types, employees, customers and then jobs, under the base URL's path prefix")
    func order() async throws {
        let server = ScriptedHousecallPro(HCP.small)
        try await pullOnce(makeAdapter(server))
        let paths = await server.requests.map(\.url.path)
        var distinct: [String] = []
        for path in paths where distinct.last != path { distinct.append(path) }
        #expect(
            distinct == [
                "/housecallpro/job_fields/job_types", "/housecallpro/employees", "/housecallpro/customers", "/housecallpro/jobs",
            ])
    }

    @Test("a list is read page after page, with page and page_size, until total_pages")
    func paging() async throws {
        var data = HCP.small
        data.employees = (1...5).map { HCP.employee("pro_\($0)", created: $0) }
        let server = ScriptedHousecallPro(data)
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2))
        let employeeRequests = await server.requests.filter { $0.apiPath == "/employees" }
        #expect(employeeRequests.map { $0.query["page"] } == ["1", "2", "3"])
        #expect(employeeRequests.allSatisfy { $0.query["page_size"] == "2" })
        #expect(employeeRequests.allSatisfy { $0.query["sort_by"] == "created_at" && $0.query["sort_direction"] == "asc" })
        let technicians = await sink.merged.technicians
        #expect(technicians.map(\.source.externalID) == ["pro_1", "pro_2", "pro_3", "pro_4", "pro_5"])
        let progress = await sink.progressReports.filter { $0.resource == "employees" }
        #expect(progress.map(\.pages) == [1, 2, 3])
        #expect(progress.last?.records == 5)
        #expect(progress.last?.total == 5)
    }

    @Test("each page is committed on its own")
    func commitPerPage() async throws {
        var data = HCP.small
        data.jobs = (1...5).map { HCP.job("job_\($0)", created: $0) }
        let server = ScriptedHousecallPro(data)
        let sink = try await pullOnce(makeAdapter(server, pageSize: 2))
        let jobBatches = await sink.batches.filter { !$0.jobs.isEmpty }
        #expect(jobBatches.map(\.jobs.count) == [2, 2, 1])
    }

    @Test("the API key appears in no URL, error, failure, note or reject")
    func noSecretAnywhere() async throws {
        let key = ScriptedHousecallPro.apiKey
        var data = HCP.small
        data.jobs.append(HCP.job("job_2", created: 2, jobType: "Gutter Cleaning"))
        data.jobs.append(FakeRecord(id: "zz", createdAt: HCP.stamp(9), updatedAt: HCP.stamp(9), json: "\"not a job\""))
        let server = ScriptedHousecallPro(data)
        await server.setScript { request, _ in
            request.apiPath == "/customers"
                ? ScriptedHousecallPro.json(403, #"{"error":{"message":"Key \#(key) may not read customers"}}"#) : nil
        }
        let sink = try await pullOnce(makeAdapter(server))
        let merged = await sink.merged
        let texts =
            await server.requests.map(\.url.absoluteString) + merged.notes + merged.failures.map(\.message)
            + merged.rejects.map(\.reason) + merged.cursors.map(\.value)
        #expect(!merged.failures.isEmpty && !merged.rejects.isEmpty && !merged.notes.isEmpty)
        #expect(!texts.contains { $0.contains(key) })

        await server.setScript { _, _ in ScriptedHousecallPro.json(401, #"{"error":{"message":"bad token \#(key)"}}"#) }
        let error = await #expect(throws: HousecallProError.self) { try await pullOnce(makeAdapter(server)) }
        #expect(error?.description.contains(key) == false)
        #expect(error.map { String(reflecting: $0) }?.contains(key) == false)
    }

    @Test("printing or dumping the configuration does not show the API key")
    func configurationHidesKey() {
        let configuration = HousecallProConfiguration(apiKey: "very-secret-key")
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!"\(configuration)".contains("very-secret-key"))
        #expect(!String(reflecting: configuration).contains("very-secret-key"))
        #expect(!dumped.contains("very-secret-key"))
        #expect(configuration.apiBaseURL.absoluteString == "https://api.housecallpro.com")
        #expect(configuration.pageSize == 100)
        #expect(configuration.fullPassInterval == .seconds(86_400))
    }
}
