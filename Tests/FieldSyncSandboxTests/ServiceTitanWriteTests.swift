import FieldSyncSandbox
import Foundation
import Testing

@Suite("ServiceTitan: write endpoints")
struct ServiceTitanWriteTests {
    static let guid = "8a4f2c10-5b7e-4d1a-9c3e-2f6b8d0e1a77"

    /// A job booked for Maria Lopez on Thursday 2026-11-26, 20:00–21:00 UTC, marked with external data.
    static func newJob(campaign: Bool = true, marker: String = "booking-42") -> JSONValue {
        var body: JSONValue = [
            "customerId": 400001, "locationId": 500001, "businessUnitId": 2001, "jobTypeId": 3003, "priority": "Normal",
            "appointments": [[
                "start": "2026-11-26T20:00:00Z", "end": "2026-11-26T21:00:00Z",
                "arrivalWindowStart": "2026-11-26T20:00:00Z", "arrivalWindowEnd": "2026-11-26T22:00:00Z",
                "technicianIds": [10101],
            ]],
            "summary": "Booked by the AI dispatcher",
            "externalData": ["applicationGuid": .string(guid), "externalData": [["key": "fieldsync-booking", "value": .string(marker)]]],
        ]
        if campaign { body["campaignId"] = 61 }
        return body
    }

    @Test("a job created with an appointment and external data can be found again by its marker")
    func createAndFind() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let created = try await client.st("POST", "jpm", "jobs", token: token, json: Self.newJob())
            #expect(created.status == 200)
            let job = try #require(created.json)
            #expect(SpecShapes.jobRequired.isSubset(of: job.keySet))
            #expect(job.keySet.isSubset(of: SpecShapes.jobProperties))
            #expect(job["jobStatus"]?.stringValue == "Scheduled")
            #expect(job["appointmentCount"]?.intValue == 1)
            #expect(job["externalData"]?.arrayValue?.first?["value"]?.stringValue == "booking-42")
            let jobID = try #require(job["id"]?.intValue)

            let found = try await client.st(
                "GET", "jpm", "jobs",
                query: [("externalDataApplicationGuid", Self.guid), ("externalDataKey", "fieldsync-booking"), ("externalDataValues", "booking-42")],
                token: token)
            let list = try #require(found.json?["data"]?.arrayValue)
            #expect(list.map { $0["id"]?.intValue } == [jobID])
            #expect(list.first?["externalData"]?.arrayValue?.count == 1)

            let appointments = try await client.st("GET", "jpm", "appointments", query: [("jobId", String(jobID))], token: token)
            let appointment = try #require(appointments.json?["data"]?.arrayValue?.first)
            #expect(appointment["start"]?.stringValue == "2026-11-26T20:00:00Z")
            let assignments = try await client.st("GET", "dispatch", "appointment-assignments", query: [("jobId", String(jobID))], token: token)
            #expect(assignments.json?["data"]?.arrayValue?.map { $0["technicianId"]?.intValue } == [10101])
            #expect(assignments.json?["data"]?.arrayValue?.first?["technicianName"]?.stringValue == "Maria Lopez")
        }
    }

    @Test("without campaignId the job is refused with a validation problem naming it")
    func campaignRequired() async throws {
        try await withSandbox(options: .testing()) { server, client in
            let token = try await client.accessToken()
            let before = await server.records(.serviceTitan(.jobs)).count
            let reply = try await client.st("POST", "jpm", "jobs", token: token, json: Self.newJob(campaign: false))
            #expect(reply.status == 422)
            let body = try #require(reply.json)
            #expect(SpecShapes.problemRequired.isSubset(of: body.keySet))
            #expect(body["errors"]?["campaignId"] != nil)
            #expect(await server.records(.serviceTitan(.jobs)).count == before)
        }
    }

    @Test("a location of another customer, or an unknown technician, is refused with 400")
    func badReferences() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            var body = Self.newJob()
            body["locationId"] = 500050
            #expect(try await client.st("POST", "jpm", "jobs", token: token, json: body).status == 400)
            body = Self.newJob()
            body["appointments"] = [["start": "2026-11-26T20:00:00Z", "end": "2026-11-26T21:00:00Z", "technicianIds": [99999]]]
            #expect(try await client.st("POST", "jpm", "jobs", token: token, json: body).status == 400)
        }
    }

    @Test("assign, unassign, reschedule, hold and release an appointment")
    func appointmentLifecycle() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let job = try #require(try await client.st("POST", "jpm", "jobs", token: token, json: Self.newJob()).json)
            let jobID = try #require(job["id"]?.intValue)
            let appointmentID = try #require(job["firstAppointmentId"]?.intValue)

            let assigned = try await client.st(
                "POST", "dispatch", "appointment-assignments/assign-technicians",
                token: token, json: ["jobAppointmentId": .int(appointmentID), "technicianIds": [10104]])
            #expect(assigned.status == 200)
            #expect(SpecShapes.dispatchAppointmentRequired.isSubset(of: assigned.json?.keySet ?? []))
            func techs() async throws -> Set<Int64> {
                let reply = try await client.st("GET", "dispatch", "appointment-assignments", query: [("jobId", String(jobID))], token: token)
                return Set(reply.json?["data"]?.arrayValue?.compactMap { $0["technicianId"]?.intValue } ?? [])
            }
            #expect(try await techs() == [10101, 10104])
            let unassigned = try await client.st(
                "POST", "dispatch", "appointment-assignments/unassign-technicians",
                token: token, json: ["jobAppointmentId": .int(appointmentID), "technicianIds": [10101]])
            #expect(unassigned.status == 200)
            #expect(try await techs() == [10104])

            let moved = try await client.st(
                "PATCH", "jpm", "appointments/\(appointmentID)/reschedule", token: token,
                json: ["start": "2026-11-27T15:00:00Z", "end": "2026-11-27T16:30:00Z"])
            #expect(moved.status == 200)
            #expect(moved.json?["start"]?.stringValue == "2026-11-27T15:00:00Z")
            #expect(moved.json?["end"]?.stringValue == "2026-11-27T16:30:00Z")
            let backwards = try await client.st(
                "PATCH", "jpm", "appointments/\(appointmentID)/reschedule", token: token,
                json: ["start": "2026-11-27T15:00:00Z", "end": "2026-11-27T14:00:00Z"])
            #expect(backwards.status == 400)

            #expect(try await client.st("PUT", "jpm", "appointments/\(appointmentID)/hold", token: token, json: ["reasonId": 1, "memo": "Parts on order"]).status == 200)
            let held = try await client.st("GET", "jpm", "appointments/\(appointmentID)", token: token)
            #expect(held.json?["status"]?.stringValue == "Hold")
            #expect(try await client.st("DELETE", "jpm", "appointments/\(appointmentID)/hold", token: token).status == 200)
            let released = try await client.st("GET", "jpm", "appointments/\(appointmentID)", token: token)
            #expect(released.json?["status"]?.stringValue == "Scheduled")
        }
    }

    @Test("a second appointment can be added and deleted; the last one cannot be deleted")
    func addAndDeleteAppointments() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let job = try #require(try await client.st("POST", "jpm", "jobs", token: token, json: Self.newJob()).json)
            let jobID = try #require(job["id"]?.intValue)
            let first = try #require(job["firstAppointmentId"]?.intValue)
            let added = try await client.st(
                "POST", "jpm", "appointments", token: token,
                json: ["jobId": .int(jobID), "start": "2026-11-30T15:00:00Z", "end": "2026-11-30T17:00:00Z", "technicianIds": [10101]])
            #expect(added.status == 200)
            #expect(SpecShapes.appointmentRequired.isSubset(of: added.json?.keySet ?? []))
            let second = try #require(added.json?["id"]?.intValue)
            let reread = try await client.st("GET", "jpm", "jobs/\(jobID)", token: token)
            #expect(reread.json?["appointmentCount"]?.intValue == 2)
            #expect(reread.json?["lastAppointmentId"]?.intValue == second)

            #expect(try await client.st("DELETE", "jpm", "appointments/\(second)", token: token).status == 200)
            #expect(try await client.st("GET", "jpm", "appointments/\(second)", token: token).status == 404)
            let last = try await client.st("DELETE", "jpm", "appointments/\(first)", token: token)
            #expect(last.status == 409)
        }
    }

    @Test("cancelling a job cancels its appointments, and the export shows both changes")
    func cancelJob() async throws {
        try await withSandbox(options: .testing()) { _, client in
            let token = try await client.accessToken()
            let start = try await ServiceTitanExportTests.drain(client, token: token, module: "jpm", feed: "jobs")
            let job = try #require(try await client.st("POST", "jpm", "jobs", token: token, json: Self.newJob()).json)
            let jobID = try #require(job["id"]?.intValue)
            let missingMemo = try await client.st("PUT", "jpm", "jobs/\(jobID)/cancel", token: token, json: ["reasonId": 3])
            #expect(missingMemo.status == 422)
            #expect(try await client.st("PUT", "jpm", "jobs/\(jobID)/cancel", token: token, json: ["reasonId": 3, "memo": "Customer fixed it"]).status == 200)
            let appointment = try await client.st("GET", "jpm", "appointments", query: [("jobId", String(jobID))], token: token)
            #expect(appointment.json?["data"]?.arrayValue?.first?["status"]?.stringValue == "Canceled")
            let changes = try await ServiceTitanExportTests.drain(client, token: token, module: "jpm", feed: "jobs", from: start.last)
            #expect(changes.records.map { $0["id"]?.intValue } == [jobID])
            #expect(changes.records.first?["jobStatus"]?.stringValue == "Canceled")
        }
    }
}
