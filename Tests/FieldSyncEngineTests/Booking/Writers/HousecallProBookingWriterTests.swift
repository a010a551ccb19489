import FieldSyncCore
import FieldSyncHousecallPro
import FieldSyncSandbox
import Foundation
import Testing

@Suite("Housecall Pro booking writer, against the sandbox over HTTP")
struct HousecallProBookingWriterTests {
    static let sam = BookingSamples.samBecker
    static let existingCustomer = "cus_a690eb5f77f68822e71d3180da89e10a"

    /// The job as the sandbox holds it.
    static func job(_ sandbox: WriterSandbox, _ id: String) async throws -> JSONValue {
        try #require(await sandbox.server.record(.housecallPro(.jobs), id: id))
    }

    @Test("create books the job scheduled with the technician, tagged, for the customer found by phone")
    func createForKnownCustomer() async throws {
        try await WriterSandbox.with { sandbox in
            let customers = await sandbox.count(.housecallPro(.customers))
            let intent = BookingSamples.housecallPro()
            let remote = try await sandbox.housecallPro.create(intent)

            #expect(remote.customerID == Self.existingCustomer)
            #expect(remote.locationID == "adr_ab2df538fe03b850c9258fc34b6262f0")
            #expect(remote.technicianExternalIDs == [Self.sam])
            #expect(remote.start == intent.start && remote.end == intent.end)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers)

            let job = try await Self.job(sandbox, remote.jobID)
            #expect(job["tags"]?.arrayValue?.compactMap(\.stringValue) == [HousecallProBookingWriter.markerTag(intent.bookingID)])
            #expect(job["lead_source"]?.stringValue == "fieldsync")
            #expect(job["description"]?.stringValue == "No hot water")
            #expect(job["job_fields"]?["job_type"]?["name"]?.stringValue == "Furnace Repair")
            #expect(job["schedule"]?["arrival_window"]?.intValue == 60)
            let appointment = try #require(job["schedule"]?["appointments"]?.arrayValue?.first)
            #expect(appointment["id"]?.stringValue == remote.appointmentID)
            #expect(appointment["dispatched_employees_ids"]?.arrayValue?.compactMap(\.stringValue) == [Self.sam])
            #expect(job["assigned_employees"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [Self.sam])

            let maybeFound = try await sandbox.housecallPro.find(intent)
            let found = try #require(maybeFound)
            #expect(found == remote)
            let neverBooked = try await sandbox.housecallPro.find(BookingSamples.housecallPro("bk_never_booked"))
            #expect(neverBooked == nil)
        }
    }

    @Test("a caller Housecall Pro does not know is created once, with the service address and the tag, then reused")
    func newCustomerCreatedOnce() async throws {
        try await WriterSandbox.with { sandbox in
            let customers = await sandbox.count(.housecallPro(.customers))
            let intent = BookingSamples.housecallPro(customer: BookingSamples.newDenverCustomer, address: BookingSamples.newDenverAddress)
            let first = try await sandbox.housecallPro.create(intent)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers + 1)
            let customer = try #require(await sandbox.server.record(.housecallPro(.customers), id: first.customerID ?? ""))
            #expect(customer["first_name"]?.stringValue == "Lee")
            #expect(customer["last_name"]?.stringValue == "Park")
            #expect(customer["mobile_number"]?.stringValue == "720-555-0142")
            #expect(customer["tags"]?.arrayValue?.compactMap(\.stringValue) == [HousecallProBookingWriter.markerTag(intent.bookingID)])
            let address = try #require(customer["addresses"]?.arrayValue?.first)
            #expect(address["id"]?.stringValue == first.locationID)
            #expect(address["type"]?.stringValue == "service")

            let second = try await sandbox.housecallPro.create(
                BookingSamples.housecallPro(
                    customer: BookingSamples.newDenverCustomer, address: BookingSamples.newDenverAddress,
                    start: BookingSamples.tomorrowAt10.addingTimeInterval(86_400)))
            #expect(second.customerID == first.customerID)
            #expect(second.locationID == first.locationID)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers + 1)
        }
    }

    @Test("a known customer at a new address gets the address added, not a second customer")
    func newAddressForKnownCustomer() async throws {
        try await WriterSandbox.with { sandbox in
            let customers = await sandbox.count(.housecallPro(.customers))
            let remote = try await sandbox.housecallPro.create(BookingSamples.housecallPro(address: BookingSamples.newDenverAddress))
            #expect(remote.customerID == Self.existingCustomer)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers)
            let customer = try #require(await sandbox.server.record(.housecallPro(.customers), id: Self.existingCustomer))
            let streets = customer["addresses"]?.arrayValue?.compactMap { $0["street"]?.stringValue } ?? []
            #expect(streets == ["6090 N Federal Blvd", "1701 Wynkoop St"])
            #expect(customer["addresses"]?.arrayValue?.last?["id"]?.stringValue == remote.locationID)
        }
    }

    @Test("a reply lost after the job was committed is an unknown outcome; find returns it and no second job exists")
    func lostReply() async throws {
        try await WriterSandbox.with(faults: ["lost-reply:vendor=hcp,method=POST,path=housecallpro/jobs"]) { sandbox in
            let jobs = await sandbox.count(.housecallPro(.jobs))
            let intent = BookingSamples.housecallPro()
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.housecallPro.create(intent) }
            #expect(error?.isUnknownOutcome == true, "\(String(describing: error))")
            #expect(await sandbox.count(.housecallPro(.jobs)) == jobs + 1)
            let maybeFound = try await sandbox.housecallPro.find(intent)
            let found = try #require(maybeFound)
            #expect(found.technicianExternalIDs == [Self.sam])
            #expect(await sandbox.count(.housecallPro(.jobs)) == jobs + 1)
        }
    }

    @Test("429 on the job POST is unavailable with the server's Retry-After, and nothing is written")
    func rateLimited() async throws {
        try await WriterSandbox.with(faults: ["429:vendor=hcp,method=POST,path=housecallpro/jobs,retry-after=5"]) { sandbox in
            let jobs = await sandbox.count(.housecallPro(.jobs))
            let error = await writeError { () async throws(BookingWriteError) in
                try await sandbox.housecallPro.create(BookingSamples.housecallPro())
            }
            #expect(error?.unavailable?.retryAfter == 5, "\(String(describing: error))")
            #expect(await sandbox.count(.housecallPro(.jobs)) == jobs)
        }
    }

    @Test("503 on the job POST is an unknown outcome")
    func serverErrorOnWrite() async throws {
        try await WriterSandbox.with(faults: ["503:vendor=hcp,method=POST,path=housecallpro/jobs"]) { sandbox in
            let intent = BookingSamples.housecallPro()
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.housecallPro.create(intent) }
            #expect(error?.isUnknownOutcome == true, "\(String(describing: error))")
            let foundAfter503 = try await sandbox.housecallPro.find(intent)
            #expect(foundAfter503 == nil)
        }
    }

    @Test("an employee Housecall Pro does not have is refused with Housecall Pro's own message")
    func unknownTechnician() async throws {
        try await WriterSandbox.with { sandbox in
            let jobs = await sandbox.count(.housecallPro(.jobs))
            let error = await writeError { () async throws(BookingWriteError) in
                try await sandbox.housecallPro.create(BookingSamples.housecallPro(technician: "pro_nobody"))
            }
            let refusal = try #require(error?.refusal, "\(String(describing: error))")
            #expect(refusal.status == 422)
            #expect(refusal.message.contains("employee pro_nobody not found"))
            #expect(await sandbox.count(.housecallPro(.jobs)) == jobs)
        }
    }

    @Test("a job type Housecall Pro does not have is refused before anything is sent")
    func unknownJobType() async throws {
        try await WriterSandbox.with { sandbox in
            let error = await writeError { () async throws(BookingWriteError) in
                try await sandbox.housecallPro.create(BookingSamples.housecallPro(jobType: "Roof Repair"))
            }
            #expect(error?.refusal?.message.contains("Roof Repair") == true)
            #expect(await sandbox.server.requestLog().allSatisfy { $0.method == "GET" })
        }
    }

    @Test("plan writes nothing and lists the requests create would send, with their bodies")
    func planWritesNothing() async throws {
        try await WriterSandbox.with { sandbox in
            let customers = await sandbox.count(.housecallPro(.customers))
            let jobs = await sandbox.count(.housecallPro(.jobs))
            let intent = BookingSamples.housecallPro(customer: BookingSamples.newDenverCustomer, address: BookingSamples.newDenverAddress)
            let planned = try await sandbox.housecallPro.plan(intent)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers)
            #expect(await sandbox.count(.housecallPro(.jobs)) == jobs)
            #expect(await sandbox.server.requestLog().allSatisfy { $0.method == "GET" })

            #expect(planned.map(\.path) == ["customers", "jobs"])
            let job = try #require(try JSONSerialization.jsonObject(with: Data(planned[1].body.utf8)) as? [String: Any])
            #expect(job["customer_id"] as? String == "<customer id from step 1>")
            #expect(job["address_id"] as? String == "<address id from step 1>")
            #expect(job["assigned_employee_ids"] as? [String] == [Self.sam])
            #expect(job["tags"] as? [String] == [HousecallProBookingWriter.markerTag(intent.bookingID)])
            #expect((job["schedule"] as? [String: Any])?["arrival_window"] as? Int == 60)

            let knownCallerPlan = try await sandbox.housecallPro.plan(BookingSamples.housecallPro())
            #expect(knownCallerPlan.map(\.path) == ["jobs"])
        }
    }

    @Test("busyTimes returns the technician's appointments as Housecall Pro has them, cancelled jobs left out")
    func busyTimes() async throws {
        try await WriterSandbox.with { sandbox in
            let intent = BookingSamples.housecallPro()
            _ = try await sandbox.housecallPro.create(intent)
            let week = TimeRange(start: intent.start.addingTimeInterval(-3 * 86_400), end: intent.start.addingTimeInterval(4 * 86_400))
            let busy = try await sandbox.housecallPro.busyTimes(technicianExternalID: Self.sam, in: week)
            #expect(busy.contains(TimeRange(start: intent.start, end: intent.end)))

            var expected: [TimeRange] = []
            for job in await sandbox.server.records(.housecallPro(.jobs)) {
                guard job["work_status"]?.stringValue?.contains("cancel") != true, job["deleted_at"]?.isNull != false else { continue }
                for a in job["schedule"]?["appointments"]?.arrayValue ?? []
                where a["dispatched_employees_ids"]?.arrayValue?.contains(.string(Self.sam)) == true {
                    guard let start = a["start_time"]?.stringValue.flatMap({ RFC3339.parseDate($0) }),
                        let end = a["end_time"]?.stringValue.flatMap({ RFC3339.parseDate($0) })
                    else { continue }
                    let range = TimeRange(start: start, end: end)
                    if range.overlaps(week) { expected.append(range) }
                }
            }
            #expect(busy.sorted { $0.start < $1.start } == expected.sorted { $0.start < $1.start })
        }
    }

    @Test("after a partial attempt (customer created, job lost to a 503), create finds the customer by its tag")
    func partialAttempt() async throws {
        try await WriterSandbox.with(faults: ["503:vendor=hcp,method=POST,path=housecallpro/jobs"]) { sandbox in
            let customers = await sandbox.count(.housecallPro(.customers))
            let jobs = await sandbox.count(.housecallPro(.jobs))
            // No phone: only the tag can find the customer again.
            let intent = BookingSamples.housecallPro(
                customer: BookingCustomer(name: "Lee Park", email: "lee@example.com"), address: BookingSamples.newDenverAddress)
            let error = await writeError { () async throws(BookingWriteError) in try await sandbox.housecallPro.create(intent) }
            #expect(error?.isUnknownOutcome == true)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers + 1)

            let remote = try await sandbox.housecallPro.create(intent)
            #expect(await sandbox.count(.housecallPro(.customers)) == customers + 1)
            #expect(await sandbox.count(.housecallPro(.jobs)) == jobs + 1)
            let foundAfterRetry = try await sandbox.housecallPro.find(intent)
            #expect(foundAfterRetry?.jobID == remote.jobID)
        }
    }
}
