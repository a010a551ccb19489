import FieldSyncCore
import FieldSyncSandbox
import FieldSyncServiceTitan
import Foundation
import Testing

@Suite("ServiceTitan booking writer, against the sandbox over HTTP")
struct ServiceTitanBookingWriterTests {
    static let jobsPath = "jpm/v2/tenant/1000001/jobs"

    @Test("create books the job, its appointment and the technician, marked, for the customer found by phone")
    func createForKnownCustomer() async throws {
        try await WriterSandbox.with { sandbox in
            let customers = await sandbox.count(.serviceTitan(.customers))
            let locations = await sandbox.count(.serviceTitan(.locations))
            let intent = BookingSamples.serviceTitan()
            let remote = try await sandbox.serviceTitan.create(intent)

            #expect(remote.customerID == "400001")
            #expect(remote.locationID == "500001")
            #expect(remote.technicianExternalIDs == ["10101"])
            #expect(await sandbox.count(.serviceTitan(.customers)) == customers)
            #expect(await sandbox.count(.serviceTitan(.locations)) == locations)

            let job = try #require(await sandbox.server.record(.serviceTitan(.jobs), id: remote.jobID))
            #expect(job["customerId"]?.intValue == 400001)
            #expect(job["jobTypeId"]?.intValue == 3001)
            #expect(job["businessUnitId"]?.intValue == 2001)
            #expect(job["priority"]?.stringValue == "High")
            #expect(job["campaignId"]?.intValue == 61)
            let appointment = try #require(await sandbox.server.record(.serviceTitan(.appointments), id: remote.appointmentID))
            #expect(appointment["jobId"]?.intValue == Int64(remote.jobID))
            #expect(appointment["start"]?.stringValue.flatMap { RFC3339.parseDate($0) } == intent.start)
            #expect(appointment["end"]?.stringValue.flatMap { RFC3339.parseDate($0) } == intent.end)
            let assignments = await sandbox.server.records(.serviceTitan(.appointmentAssignments))
                .filter { $0["appointmentId"]?.intValue == Int64(remote.appointmentID) }
            #expect(assignments.map { $0["technicianId"]?.intValue } == [10101])

            // The marker is what find looks the job up by: the same ids come back.
            let maybeFound = try await sandbox.serviceTitan.find(intent)
            let found = try #require(maybeFound)
            #expect(found.jobID == remote.jobID)
            #expect(found.appointmentID == remote.appointmentID)
            #expect(found.customerID == remote.customerID)
            #expect(found.locationID == remote.locationID)
            #expect(found.technicianExternalIDs == ["10101"])
            #expect(found.start == intent.start && found.end == intent.end)
            let neverBooked = try await sandbox.serviceTitan.find(BookingSamples.serviceTitan("bk_never_booked"))
            #expect(neverBooked == nil)
        }
    }

    @Test("a caller ServiceTitan does not know is created once, with the location, phone and marker, then reused")
    func newCustomerCreatedOnce() async throws {
        try await WriterSandbox.with { sandbox in
            let customers = await sandbox.count(.serviceTitan(.customers))
            let locations = await sandbox.count(.serviceTitan(.locations))
            let first = try await sandbox.serviceTitan.create(
                BookingSamples.serviceTitan(customer: BookingSamples.newChicagoCustomer, address: BookingSamples.newChicagoAddress))
            #expect(await sandbox.count(.serviceTitan(.customers)) == customers + 1)
            #expect(await sandbox.count(.serviceTitan(.locations)) == locations + 1)
            let customer = try #require(await sandbox.server.record(.serviceTitan(.customers), id: first.customerID ?? ""))
            #expect(customer["name"]?.stringValue == "Ana Ortiz")
            let location = try #require(await sandbox.server.record(.serviceTitan(.locations), id: first.locationID ?? ""))
            #expect(location["address"]?["street"]?.stringValue == "1 N State St")
            let contacts = await sandbox.server.records(.serviceTitan(.customerContacts))
                .filter { $0["customerId"]?.intValue == Int64(first.customerID ?? "") }
            #expect(Set(contacts.compactMap { $0["type"]?.stringValue }) == ["MobilePhone", "Email"])

            // A second booking for the same phone, a day later, reuses the customer and location.
            let second = try await sandbox.serviceTitan.create(
                BookingSamples.serviceTitan(
                    customer: BookingSamples.newChicagoCustomer, address: BookingSamples.newChicagoAddress,
                    start: BookingSamples.tomorrowAt10.addingTimeInterval(86_400)))
            #expect(second.customerID == first.customerID)
            #expect(second.locationID == first.locationID)
            #expect(second.jobID != first.jobID)
            #expect(await sandbox.count(.serviceTitan(.customers)) == customers + 1)
        }
    }

    @Test("a reply lost after the job was committed is an unknown outcome; find returns it and no second job exists")
    func lostReply() async throws {
        try await WriterSandbox.with(faults: ["lost-reply:vendor=st,method=POST,path=\(Self.jobsPath)"]) { sandbox in
            let jobs = await sandbox.count(.serviceTitan(.jobs))
            let intent = BookingSamples.serviceTitan()
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.serviceTitan.create(intent) }
            #expect(error?.isUnknownOutcome == true, "\(String(describing: error))")
            #expect(await sandbox.faultsFired() == 1)
            #expect(await sandbox.count(.serviceTitan(.jobs)) == jobs + 1)

            let maybeFound = try await sandbox.serviceTitan.find(intent)
            let found = try #require(maybeFound)
            #expect(found.technicianExternalIDs == ["10101"])
            #expect(await sandbox.count(.serviceTitan(.jobs)) == jobs + 1)
        }
    }

    @Test("429 on the job POST is unavailable with the server's Retry-After, and nothing is written")
    func rateLimited() async throws {
        try await WriterSandbox.with(faults: ["429:vendor=st,method=POST,path=\(Self.jobsPath),retry-after=7"]) { sandbox in
            let jobs = await sandbox.count(.serviceTitan(.jobs))
            let error = await writeError { () async throws(BookingWriteError) in
                try await sandbox.serviceTitan.create(BookingSamples.serviceTitan())
            }
            #expect(error?.unavailable?.retryAfter == 7, "\(String(describing: error))")
            #expect(await sandbox.count(.serviceTitan(.jobs)) == jobs)
        }
    }

    @Test("503 on the job POST is an unknown outcome: the engine must look before writing again")
    func serverErrorOnWrite() async throws {
        try await WriterSandbox.with(faults: ["503:vendor=st,method=POST,path=\(Self.jobsPath)"]) { sandbox in
            let intent = BookingSamples.serviceTitan()
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.serviceTitan.create(intent) }
            #expect(error?.isUnknownOutcome == true, "\(String(describing: error))")
            let foundAfter503 = try await sandbox.serviceTitan.find(intent)
            #expect(foundAfter503 == nil)
            // Nothing was found, so creating again is safe, and books once.
            let remote = try await sandbox.serviceTitan.create(intent)
            let foundAfterRetry = try await sandbox.serviceTitan.find(intent)
            #expect(foundAfterRetry?.jobID == remote.jobID)
        }
    }

    @Test("a technician ServiceTitan does not have is refused with ServiceTitan's own message")
    func unknownTechnician() async throws {
        try await WriterSandbox.with { sandbox in
            let jobs = await sandbox.count(.serviceTitan(.jobs))
            let error = await writeError { () async throws(BookingWriteError) in
                try await sandbox.serviceTitan.create(BookingSamples.serviceTitan(technician: "99999"))
            }
            let refusal = try #require(error?.refusal, "\(String(describing: error))")
            #expect(refusal.status == 400)
            #expect(refusal.message.contains("One or more validation errors occurred."))
            #expect(refusal.message.contains("Technician 99999 does not exist"))
            #expect(await sandbox.count(.serviceTitan(.jobs)) == jobs)
        }
    }

    @Test("a job type ServiceTitan does not have is refused before anything is sent")
    func unknownJobType() async throws {
        try await WriterSandbox.with { sandbox in
            let error = await writeError { () async throws(BookingWriteError) in
                try await sandbox.serviceTitan.create(BookingSamples.serviceTitan(jobType: "Roof Repair"))
            }
            let refusal = try #require(error?.refusal)
            #expect(refusal.message.contains("Roof Repair"))
            #expect(await sandbox.server.requestLog().allSatisfy { $0.method == "GET" || $0.path.hasSuffix("connect/token") })
        }
    }

    @Test("without a campaign, create refuses and says which setting is missing; plan still works")
    func missingCampaign() async throws {
        try await WriterSandbox.with(campaignID: nil) { sandbox in
            let intent = BookingSamples.serviceTitan()
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.serviceTitan.create(intent) }
            #expect(error?.refusal?.message.contains("campaign_id") == true)
            let shadowPlan = try await sandbox.serviceTitan.plan(intent)
            #expect(shadowPlan.count == 1)
        }
    }

    @Test("plan writes nothing and lists the requests create would send, with their bodies")
    func planWritesNothing() async throws {
        try await WriterSandbox.with { sandbox in
            let before = [
                await sandbox.count(.serviceTitan(.customers)), await sandbox.count(.serviceTitan(.locations)),
                await sandbox.count(.serviceTitan(.jobs)), await sandbox.count(.serviceTitan(.appointments)),
            ]
            let intent = BookingSamples.serviceTitan(customer: BookingSamples.newChicagoCustomer, address: BookingSamples.newChicagoAddress)
            let planned = try await sandbox.serviceTitan.plan(intent)
            let after = [
                await sandbox.count(.serviceTitan(.customers)), await sandbox.count(.serviceTitan(.locations)),
                await sandbox.count(.serviceTitan(.jobs)), await sandbox.count(.serviceTitan(.appointments)),
            ]
            #expect(before == after)
            #expect(await sandbox.server.requestLog().allSatisfy { $0.method == "GET" || $0.path.hasSuffix("connect/token") })

            #expect(planned.map(\.method) == ["POST", "POST"])
            #expect(planned.map(\.path) == ["crm/v2/tenant/1000001/customers", Self.jobsPath])
            let customer = try JSONSerialization.jsonObject(with: Data(planned[0].body.utf8)) as? [String: Any]
            #expect(customer?["name"] as? String == "Ana Ortiz")
            let job = try #require(try JSONSerialization.jsonObject(with: Data(planned[1].body.utf8)) as? [String: Any])
            #expect(job["customerId"] as? String == "<customer id from step 1>")
            #expect(job["locationId"] as? String == "<location id from step 1>")
            #expect(job["jobTypeId"] as? Int == 3001)
            #expect(job["campaignId"] as? Int == 61)
            let appointment = try #require((job["appointments"] as? [[String: Any]])?.first)
            #expect(appointment["technicianIds"] as? [Int] == [10101])

            // A known caller at a known address: only the job.
            let knownCallerPlan = try await sandbox.serviceTitan.plan(BookingSamples.serviceTitan())
            #expect(knownCallerPlan.map(\.purpose)
                == ["create the job with its appointment and technician"])
        }
    }

    @Test("busyTimes returns the technician's appointments as ServiceTitan has them, cancelled ones left out")
    func busyTimes() async throws {
        try await WriterSandbox.with { sandbox in
            let intent = BookingSamples.serviceTitan()
            _ = try await sandbox.serviceTitan.create(intent)
            let week = TimeRange(start: intent.start.addingTimeInterval(-3 * 86_400), end: intent.start.addingTimeInterval(4 * 86_400))
            let busy = try await sandbox.serviceTitan.busyTimes(technicianExternalID: "10101", in: week)
            #expect(busy.contains(TimeRange(start: intent.start, end: intent.end)))
            #expect(busy.allSatisfy { $0.overlaps(week) })

            // The same, worked out from the sandbox's own records.
            let mine = Set(
                await sandbox.server.records(.serviceTitan(.appointmentAssignments))
                    .filter { $0["technicianId"]?.intValue == 10101 && $0["active"]?.boolValue != false }
                    .compactMap { $0["appointmentId"]?.intValue })
            let expected = await sandbox.server.records(.serviceTitan(.appointments)).compactMap { a -> TimeRange? in
                guard let id = a["id"]?.intValue, mine.contains(id), a["status"]?.stringValue != "Canceled",
                    let start = a["start"]?.stringValue.flatMap({ RFC3339.parseDate($0) }),
                    let end = a["end"]?.stringValue.flatMap({ RFC3339.parseDate($0) })
                else { return nil }
                let range = TimeRange(start: start, end: end)
                return range.overlaps(week) ? range : nil
            }
            #expect(Set(busy) == Set(expected))
        }
    }

    @Test("after a partial attempt (customer created, job lost to a 503), create finds the customer by its marker")
    func partialAttempt() async throws {
        try await WriterSandbox.with(faults: ["503:vendor=st,method=POST,path=\(Self.jobsPath)"]) { sandbox in
            let customers = await sandbox.count(.serviceTitan(.customers))
            let jobs = await sandbox.count(.serviceTitan(.jobs))
            // No phone: only the marker can find the customer again.
            let intent = BookingSamples.serviceTitan(
                customer: BookingCustomer(name: "Ana Ortiz", email: "ana@example.com"), address: BookingSamples.newChicagoAddress)
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.serviceTitan.create(intent) }
            #expect(error?.isUnknownOutcome == true)
            #expect(await sandbox.count(.serviceTitan(.customers)) == customers + 1)
            let foundAfterPartial = try await sandbox.serviceTitan.find(intent)
            #expect(foundAfterPartial == nil)

            let remote = try await sandbox.serviceTitan.create(intent)
            #expect(await sandbox.count(.serviceTitan(.customers)) == customers + 1)
            #expect(await sandbox.count(.serviceTitan(.jobs)) == jobs + 1)
            let foundAfterRetry = try await sandbox.serviceTitan.find(intent)
            #expect(foundAfterRetry?.customerID == remote.customerID)
        }
    }
}
