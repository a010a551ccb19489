import FieldSyncSandbox
import Foundation
import Testing

@Suite("Housecall Pro")
struct HousecallProTests {
    static var liveJobCount: Int {
        TestData.builtIn[housecallPro: .jobs].filter { $0["deleted_at"]?.isNull ?? true }.count
    }

    static var sam: String { TestData.builtIn.technicianID(.housecallPro, named: "Sam Becker") ?? "" }

    @Test("calls need Authorization: Token <key>; others get 401 with error.message")
    func tokenAuth() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let wrong = try await client.hcp("GET", "employees", key: "nope")
            #expect(wrong.status == 401)
            #expect(wrong.json?["error"]?["message"]?.stringValue != nil)
            let bearer = try await client.send("GET", "/housecallpro/employees", headers: ["Authorization": "Bearer sandbox-hcp-key"])
            #expect(bearer.status == 401)
            #expect(try await client.hcp("GET", "employees").status == 200)
        }
    }

    @Test("jobs page with page, page_size, total_pages and total_items; page_size is capped at 100")
    func paging() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let json = try #require(try await client.hcp("GET", "jobs", query: [("page_size", "25"), ("page", "2")]).json)
            #expect(SpecShapes.hcpPageRequired.isSubset(of: json.keySet))
            let total = Self.liveJobCount
            #expect(json["total_items"]?.intValue == Int64(total))
            #expect(json["total_pages"]?.intValue == Int64((total + 24) / 25))
            #expect(json["page"]?.intValue == 2)
            #expect(json["jobs"]?.arrayValue?.count == 25)
            let capped = try #require(try await client.hcp("GET", "jobs", query: [("page_size", "500")]).json)
            #expect(capped["page_size"]?.intValue == 100)
            #expect(capped["jobs"]?.arrayValue?.count == min(100, total))
        }
    }

    @Test("expand[]=appointments puts schedule.appointments on each job; without it they are absent")
    func expandAppointments() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let plain = try #require(try await client.hcp("GET", "jobs", query: [("page_size", "100")]).json?["jobs"]?.arrayValue)
            #expect(plain.allSatisfy { $0["schedule"]?["appointments"] == nil })
            let expanded = try #require(try await client.hcp(
                "GET", "jobs", query: [("page_size", "100"), ("expand[]", "appointments"), ("sort_by", "updated_at"), ("sort_direction", "desc")]
            ).json?["jobs"]?.arrayValue)
            let scheduled = expanded.filter { $0["work_status"]?.stringValue == "scheduled" }
            #expect(!scheduled.isEmpty)
            for job in scheduled {
                let appointments = try #require(job["schedule"]?["appointments"]?.arrayValue)
                #expect(!appointments.isEmpty)
                #expect(appointments.allSatisfy { $0.keySet == SpecShapes.hcpAppointmentProperties })
            }
            let stamps = expanded.compactMap { $0["updated_at"]?.stringValue }
            #expect(stamps == stamps.sorted(by: >))
        }
    }

    @Test("jobs filter by scheduled start, employee and work status")
    func filters() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let json = try #require(try await client.hcp(
                "GET", "jobs",
                query: [("scheduled_start_min", "2026-11-23T00:00:00Z"), ("scheduled_start_max", "2026-11-28T00:00:00Z"),
                        ("employee_ids[]", Self.sam), ("work_status[]", "scheduled"), ("page_size", "100")]).json)
            let jobs = try #require(json["jobs"]?.arrayValue)
            #expect(!jobs.isEmpty)
            for job in jobs {
                #expect(job["work_status"]?.stringValue == "scheduled")
                let start = job["schedule"]?["scheduled_start"]?.stringValue ?? ""
                #expect(start >= "2026-11-23" && start < "2026-11-28")
                #expect(job["assigned_employees"]?.arrayValue?.contains { $0["id"]?.stringValue == Self.sam } == true)
            }
        }
    }

    @Test("a deleted job is absent from GET /jobs and answers 404 by id")
    func deletedJob() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let deleted = try #require(TestData.builtIn[housecallPro: .jobs].first { !($0["deleted_at"]?.isNull ?? true) }?["id"]?.stringValue)
            #expect(try await client.hcp("GET", "jobs/\(deleted)").status == 404)
            let all = try await client.hcp("GET", "jobs", query: [("page_size", "100"), ("page", "1")])
            #expect(all.json?["jobs"]?.arrayValue?.contains { $0["id"]?.stringValue == deleted } == false)

            let victim = try #require(all.json?["jobs"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await client.hcp("GET", "jobs/\(victim)").status == 200)
            try await server.delete(.housecallPro(.jobs), id: victim)
            #expect(try await client.hcp("GET", "jobs/\(victim)").status == 404)
            let after = try await client.hcp("GET", "jobs", query: [("page_size", "1")])
            #expect(after.json?["total_items"]?.intValue == Int64(Self.liveJobCount - 1))
            #expect(await server.record(.housecallPro(.jobs), id: victim)?["deleted_at"]?.stringValue != nil)
        }
    }

    @Test("a deactivated employee vanishes from GET /employees")
    func deactivatedEmployee() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let before = try #require(try await client.hcp("GET", "employees").json)
            #expect(before["total_items"]?.intValue == 4)
            #expect(before["employees"]?.arrayValue?.allSatisfy { $0.keySet == SpecShapes.hcpEmployeeProperties } == true)
            try await server.deactivate(.housecallPro(.employees), id: Self.sam)
            let after = try #require(try await client.hcp("GET", "employees").json)
            #expect(after["total_items"]?.intValue == 3)
            #expect(after["employees"]?.arrayValue?.contains { $0["id"]?.stringValue == Self.sam } == false)
        }
    }

    @Test("job appointments can be added, changed and deleted, and the job's schedule follows")
    func appointments() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let list = try await client.hcp("GET", "jobs", query: [("work_status[]", "scheduled"), ("page_size", "1")])
            let jobID = try #require(list.json?["jobs"]?.arrayValue?.first?["id"]?.stringValue)
            let before = try #require(try await client.hcp("GET", "jobs/\(jobID)/appointments").json?["appointments"]?.arrayValue)
            let added = try await client.hcp(
                "POST", "jobs/\(jobID)/appointments",
                json: ["start_time": "2027-01-05T16:00:00Z", "end_time": "2027-01-05T18:00:00Z", "arrival_window_minutes": 60,
                       "dispatched_employees_ids": [.string(Self.sam)]])
            #expect(added.status == 201)
            let appointment = try #require(added.json)
            #expect(appointment.keySet == SpecShapes.hcpAppointmentProperties)
            #expect(appointment["start_date"]?.stringValue == "2027-01-05")
            let appointmentID = try #require(appointment["id"]?.stringValue)
            let job = try #require(try await client.hcp("GET", "jobs/\(jobID)", query: [("expand[]", "appointments")]).json)
            #expect(job["schedule"]?["appointments"]?.arrayValue?.count == before.count + 1)
            #expect(job["schedule"]?["scheduled_end"]?.stringValue == "2027-01-05T18:00:00Z")
            #expect(job["assigned_employees"]?.arrayValue?.contains { $0["id"]?.stringValue == Self.sam } == true)

            let moved = try await client.hcp(
                "PUT", "jobs/\(jobID)/appointments/\(appointmentID)",
                json: ["start_time": "2027-01-06T16:00:00Z", "end_time": "2027-01-06T17:00:00Z", "dispatched_employees_ids": [.string(Self.sam)]])
            #expect(moved.json?["start_time"]?.stringValue == "2027-01-06T16:00:00Z")
            #expect(try await client.hcp("DELETE", "jobs/\(jobID)/appointments/\(appointmentID)").status == 200)
            let after = try await client.hcp("GET", "jobs/\(jobID)/appointments")
            #expect(after.json?["appointments"]?.arrayValue?.count == before.count)
        }
    }

    @Test("dispatch replaces who is on a job; schedule and unschedule set and clear it")
    func dispatchAndSchedule() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let list = try await client.hcp("GET", "jobs", query: [("work_status[]", "unscheduled")])
            let jobID = try #require(list.json?["jobs"]?.arrayValue?.first?["id"]?.stringValue)
            let scheduled = try await client.hcp(
                "PUT", "jobs/\(jobID)/schedule",
                json: ["start_time": "2026-12-03T15:00:00Z", "end_time": "2026-12-03T17:00:00Z", "arrival_window_in_minutes": 120,
                       "dispatched_employees": [["employee_id": .string(Self.sam)]]])
            #expect(scheduled.status == 200)
            #expect(scheduled.json?["arrival_window_minutes"]?.intValue == 120)
            let job = try #require(try await client.hcp("GET", "jobs/\(jobID)").json)
            #expect(job["work_status"]?.stringValue == "scheduled")
            #expect(job["schedule"]?["scheduled_start"]?.stringValue == "2026-12-03T15:00:00Z")

            let other = try #require(try await client.hcp("GET", "employees").json?["employees"]?.arrayValue?.last?["id"]?.stringValue)
            let dispatched = try await client.hcp("PUT", "jobs/\(jobID)/dispatch", json: ["dispatched_employees": [["employee_id": .string(other)]]])
            #expect(dispatched.json?["assigned_employees"]?.arrayValue?.map { $0["id"]?.stringValue } == [other])

            let cleared = try await client.hcp("DELETE", "jobs/\(jobID)/schedule")
            #expect(cleared.json?["deleted"]?.boolValue == true)
            let after = try #require(try await client.hcp("GET", "jobs/\(jobID)").json)
            #expect(after["work_status"]?.stringValue == "needs scheduling")
            #expect(after["schedule"]?["scheduled_start"] == .null)
        }
    }

    @Test("POST /jobs creates a job in the spec's shape for a customer's address")
    func createJob() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let customer = try #require(try await client.hcp("GET", "customers", query: [("page_size", "1")]).json?["customers"]?.arrayValue?.first)
            #expect(customer.keySet == SpecShapes.hcpCustomerProperties)
            let customerID = try #require(customer["id"]?.stringValue)
            let addressID = try #require(customer["addresses"]?.arrayValue?.first?["id"]?.stringValue)
            let type = try #require(try await client.hcp("GET", "job_fields/job_types").json?["job_types"]?.arrayValue?.first)
            let created = try await client.hcp(
                "POST", "jobs",
                json: ["customer_id": .string(customerID), "address_id": .string(addressID),
                       "schedule": ["scheduled_start": "2026-12-04T16:00:00Z", "scheduled_end": "2026-12-04T17:00:00Z", "arrival_window": 60],
                       "assigned_employee_ids": [.string(Self.sam)], "job_fields": ["job_type_id": type["id"] ?? .null],
                       "notes": "Booked by the AI dispatcher"])
            #expect(created.status == 201)
            let job = try #require(created.json)
            #expect(job.keySet == SpecShapes.hcpJobProperties)
            #expect(job["work_status"]?.stringValue == "scheduled")
            #expect(job["job_fields"]?["job_type"]?["name"] == type["name"])
            let jobID = try #require(job["id"]?.stringValue)
            #expect(try await client.hcp("GET", "jobs/\(jobID)").status == 200)
            let missing = try await client.hcp("POST", "jobs", json: ["customer_id": .string(customerID)])
            #expect(missing.status == 422)
        }
    }

    @Test("booking windows mark a window taken when every employee asked about is busy")
    func bookingWindows() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_795_000_000))  // 2026-11-18
        try await withSandbox(options: .testing(clock: clock)) { _, client in
            let reply = try await client.hcp(
                "GET", "company/schedule_availability/booking_windows",
                query: [("start_date", "2026-11-24T00:00:00"), ("show_for_days", "1"), ("service_duration", "60"), ("employee_ids[]", Self.sam)])
            let windows = try #require(reply.json?["booking_windows"]?.arrayValue)
            #expect(windows.count == 9)
            #expect(windows.contains { $0["available"]?.boolValue == false })
            #expect(windows.allSatisfy { $0.keySet == ["start_time", "end_time", "available"] })
        }
    }
}
