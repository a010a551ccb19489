import FieldSyncSandbox
import Foundation
import Testing

@Suite("Responses match the vendors' published shapes")
struct ShapeTests {
    static let cases: [(module: String, path: String, required: Set<String>, exact: Set<String>?)] = [
        ("settings", "technicians", SpecShapes.technicianRequired, nil),
        ("settings", "business-units", SpecShapes.businessUnitRequired, nil),
        ("dispatch", "technician-shifts", SpecShapes.shiftRequired, nil),
        ("dispatch", "non-job-appointments", SpecShapes.nonJobAppointmentRequired, nil),
        ("dispatch", "zones", SpecShapes.zoneRequired, nil),
        ("dispatch", "appointment-assignments", SpecShapes.assignmentRequired, nil),
        ("jpm", "jobs", SpecShapes.jobRequired, SpecShapes.jobProperties),
        ("jpm", "appointments", SpecShapes.appointmentRequired, SpecShapes.appointmentProperties),
        ("jpm", "job-types", SpecShapes.jobTypeRequired, nil),
        ("crm", "customers", SpecShapes.customerRequired, nil),
        ("crm", "locations", SpecShapes.locationRequired, nil),
    ]

    @Test("every ServiceTitan list record has its schema's required keys")
    func serviceTitanLists() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            for c in Self.cases {
                let json = try #require(try await client.st("GET", c.module, c.path, query: [("pageSize", "5000"), ("active", "Any")], token: token).json)
                #expect(SpecShapes.stPageRequired.isSubset(of: json.keySet))
                let records = try #require(json["data"]?.arrayValue)
                #expect(!records.isEmpty, "\(c.path)")
                for record in records {
                    let keys = record.keySet
                    #expect(c.required.isSubset(of: keys), "\(c.path) lacks \(c.required.subtracting(keys))")
                    if let exact = c.exact { #expect(keys == exact, "\(c.path): \(keys.symmetricDifference(exact))") }
                }
            }
        }
    }

    @Test("technicians carry only properties the spec defines")
    func technicianProperties() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let records = try await client.st("GET", "settings", "technicians", token: token).json?["data"]?.arrayValue ?? []
            #expect(!records.isEmpty)
            for record in records { #expect(record.keySet.isSubset(of: SpecShapes.technicianProperties)) }
        }
    }

    @Test("job exports add active to the list shape")
    func jobExport() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let records = try await client.st("GET", "jpm", "export/jobs", token: token).json?["data"]?.arrayValue ?? []
            #expect(!records.isEmpty)
            for record in records { #expect(record.keySet == SpecShapes.jobProperties.union(["active"])) }
        }
    }

    @Test("Housecall Pro jobs have exactly the spec's job properties")
    func housecallProJobs() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let jobs = try await client.hcp("GET", "jobs", query: [("page_size", "100"), ("expand[]", "appointments")]).json?["jobs"]?.arrayValue ?? []
            #expect(!jobs.isEmpty)
            for job in jobs {
                #expect(job.keySet == SpecShapes.hcpJobProperties)
                #expect(job["assigned_employees"]?.arrayValue?.allSatisfy { $0.keySet == SpecShapes.hcpEmployeeProperties } == true)
            }
        }
    }
}
