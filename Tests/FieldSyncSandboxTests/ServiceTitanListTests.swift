import FieldSyncCore
import FieldSyncSandbox
import Foundation
import Testing

@Suite("ServiceTitan: list endpoints")
struct ServiceTitanListTests {
    @Test("pages carry page, pageSize and hasMore; totalCount only with includeTotal")
    func paging() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let total = TestData.builtIn[serviceTitan: .jobs].count
            let first = try #require(try await client.st("GET", "jpm", "jobs", query: [("pageSize", "100"), ("includeTotal", "true")], token: token).json)
            #expect(SpecShapes.stPageRequired.isSubset(of: first.keySet))
            #expect(first["page"]?.intValue == 1)
            #expect(first["pageSize"]?.intValue == 100)
            #expect(first["hasMore"]?.boolValue == true)
            #expect(first["totalCount"]?.intValue == Int64(total))
            #expect(first["data"]?.arrayValue?.count == 100)
            let pages = (total + 99) / 100
            let last = try #require(
                try await client.st("GET", "jpm", "jobs", query: [("pageSize", "100"), ("page", "\(pages)")], token: token).json)
            #expect(last["hasMore"]?.boolValue == false)
            #expect(last["totalCount"] == .null)
            #expect(last["data"]?.arrayValue?.count == total - (pages - 1) * 100)
        }
    }

    @Test("walking every page returns every record once, in id order")
    func walkAllPages() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            var ids: [Int64] = []
            var page = 1
            while true {
                let json = try #require(try await client.st("GET", "crm", "customers", query: [("page", String(page)), ("pageSize", "37")], token: token).json)
                ids += json["data"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
                if json["hasMore"]?.boolValue != true { break }
                page += 1
            }
            #expect(ids.count == TestData.builtIn[serviceTitan: .customers].count)
            #expect(ids == ids.sorted())
            #expect(Set(ids).count == ids.count)
        }
    }

    @Test("inactive records need active=Any or active=False")
    func activeFilter() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            func names(_ active: String?) async throws -> [JSONValue] {
                let query = active.map { [("active", $0)] } ?? []
                return try await client.st("GET", "settings", "technicians", query: query, token: token).json?["data"]?.arrayValue ?? []
            }
            let byDefault = try await names(nil)
            let any = try await names("Any")
            let inactive = try await names("False")
            #expect(byDefault.allSatisfy { $0["active"]?.boolValue == true })
            #expect(any.count == byDefault.count + inactive.count)
            #expect(inactive.count == 1)
            #expect(inactive.allSatisfy { $0["active"]?.boolValue == false })
        }
    }

    @Test("modifiedOnOrAfter returns only records changed since, including ones changed behind the client's back")
    func modifiedSince() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))  // 2027-01-15
        try await withSandbox(options: .testing(clock: clock)) { server, client in
            let token = try await client.accessToken()
            let since = "2027-01-01T00:00:00Z"
            let before = try await client.st("GET", "settings", "technicians", query: [("modifiedOnOrAfter", since)], token: token)
            #expect(before.json?["data"]?.arrayValue?.isEmpty == true)
            try await server.update(.serviceTitan(.technicians), id: "10102", set: ["mobilePhone": "312-555-0199"])
            let after = try #require(try await client.st("GET", "settings", "technicians", query: [("modifiedOnOrAfter", since)], token: token).json)
            let changed = try #require(after["data"]?.arrayValue?.first)
            #expect(changed["id"]?.intValue == 10102)
            #expect(changed["mobilePhone"]?.stringValue == "312-555-0199")
        }
    }

    @Test("a bad query value gets 400 naming the parameter")
    func badParameter() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let tooBig = try await client.st("GET", "jpm", "jobs", query: [("pageSize", "5001")], token: token)
            #expect(tooBig.status == 400)
            #expect(tooBig.json?["errors"]?["pageSize"] != nil)
            // An unescaped `+` offset arrives as a space, as on the real service.
            let url = "/servicetitan/jpm/v2/tenant/1000001/jobs?modifiedOnOrAfter=2026-11-01T00:00:00+00:00"
            let plus = try await client.send(
                "GET", url, headers: ["Authorization": "Bearer \(token)", "ST-App-Key": "sandbox-app-key"])
            #expect(plus.status == 400)
            #expect(plus.json?["errors"]?["modifiedOnOrAfter"] != nil)
        }
    }

    @Test("technician shifts filter by technician and start/end bounds")
    func shiftFilters() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let from = "2026-11-23T00:00:00Z"
            let to = "2026-11-30T00:00:00Z"
            let json = try #require(try await client.st(
                "GET", "dispatch", "technician-shifts",
                query: [("technicianId", "10101"), ("startsOnOrAfter", from), ("endsOnOrBefore", to), ("pageSize", "500")],
                token: token).json)
            let shifts = try #require(json["data"]?.arrayValue)
            #expect(!shifts.isEmpty)
            let start = try #require(RFC3339.parseInstant(from))
            let end = try #require(RFC3339.parseInstant(to))
            for shift in shifts {
                #expect(shift["technicianId"]?.intValue == 10101)
                #expect((shift["start"]?.stringValue.flatMap { RFC3339.parseInstant($0) } ?? 0) >= start)
                #expect((shift["end"]?.stringValue.flatMap { RFC3339.parseInstant($0) } ?? .max) <= end)
            }
            let types = Set(shifts.compactMap { $0["shiftType"]?.stringValue })
            #expect(types.contains("Normal"))
        }
    }

    @Test("appointments filter by job and start window; sort=-Id reverses the order")
    func appointmentFilters() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let byJob = try await client.st("GET", "jpm", "appointments", query: [("jobId", "700001")], token: token)
            #expect(byJob.json?["data"]?.arrayValue?.allSatisfy { $0["jobId"]?.intValue == 700001 } == true)
            #expect(byJob.json?["data"]?.arrayValue?.isEmpty == false)
            let window = try await client.st(
                "GET", "jpm", "appointments",
                query: [("startsOnOrAfter", "2026-11-24T00:00:00Z"), ("startsBefore", "2026-11-25T00:00:00Z"), ("sort", "-Id"), ("pageSize", "200")],
                token: token)
            let list = try #require(window.json?["data"]?.arrayValue)
            let ids = list.compactMap { $0["id"]?.intValue }
            #expect(!ids.isEmpty)
            #expect(ids == ids.sorted(by: >))
            #expect(list.allSatisfy { ($0["start"]?.stringValue ?? "").hasPrefix("2026-11-24") })
        }
    }

    @Test("non-job appointments filter by start bounds and technician")
    func nonJobFilters() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let json = try #require(try await client.st(
                "GET", "dispatch", "non-job-appointments",
                query: [("startsOnOrAfter", "2026-11-23T00:00:00Z"), ("startsOnOrBefore", "2026-11-24T00:00:00Z"), ("technicianId", "10101")],
                token: token).json)
            let list = try #require(json["data"]?.arrayValue)
            #expect(list.count == 1)
            #expect(list.first?["name"]?.stringValue == "Team Meeting")
        }
    }
}
