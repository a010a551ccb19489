import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncStore
import Foundation
import Testing

/// The booking API as the AI dispatcher calls it: over HTTP, against the sandbox's ServiceTitan
/// and Housecall Pro, from a cache synced from them.
@Suite("Booking API", .serialized)
struct BookingAPITests {
    @Test("every /v1 request needs the bearer token; the OpenAPI document is open")
    func authentication() async throws {
        try await APIHarness.with { api in
            let search = APIJSON.string(APISamples.noHeatSearch())
            let none = try await api.send("POST", "/v1/slots/search", body: search, token: "")
            #expect(none.status == 401)
            #expect(none.failure?.code == "unauthorized")
            #expect(none.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            let wrong = try await api.send("POST", "/v1/slots/search", body: search, token: APIHarness.token + "x")
            #expect(wrong.status == 401)
            let booking = try await api.send("GET", "/v1/bookings/bk_nothing", token: "wrong")
            #expect(booking.status == 401, "a wrong token learns nothing, not even whether a booking exists")

            let document = try await api.send("GET", "/openapi.json", token: "")
            #expect(document.status == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: document.body) as? [String: Any])
            let paths = try #require(json["paths"] as? [String: Any])
            for path in ["/v1/slots/search", "/v1/bookings", "/v1/bookings/{id}", "/v1/holds", "/v1/holds/{id}/book", "/v1/holds/{id}"] {
                #expect(paths[path] != nil, "\(path) is documented")
            }
            #expect((json["openapi"] as? String)?.hasPrefix("3.1") == true)
        }
    }

    @Test("errors are JSON with a code a program can act on")
    func errors() async throws {
        try await APIHarness.with { api in
            let unknownRoute = try await api.send("GET", "/v1/nothing-here")
            #expect(unknownRoute.status == 404)
            #expect(unknownRoute.failure?.code == "not_found")

            let notJSON = try await api.send("POST", "/v1/slots/search", body: "{job_type")
            #expect(notJSON.status == 400)
            #expect(notJSON.failure?.code == "invalid_request")

            let missingField = try await api.send("POST", "/v1/bookings", body: #"{"technician_id": "maria-lopez"}"#, headers: ["Idempotency-Key": "k1"])
            #expect(missingField.status == 400)
            #expect(missingField.failure?.message.contains("start is required") == true, "\(missingField.text)")

            var unknownType = APISamples.noHeatSearch()
            unknownType.jobType = "Chimney Sweep"
            let type = try await api.send("POST", "/v1/slots/search", body: APIJSON.string(unknownType))
            #expect(type.status == 422)
            #expect(type.failure?.code == "unknown_job_type")
            #expect(type.failure?.message.contains("No Heat") == true, "the message lists the known job types")

            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first)
            let noKey = try await api.send("POST", "/v1/bookings", body: APIJSON.string(APISamples.booking(slot)))
            #expect(noKey.status == 400)
            #expect(noKey.failure?.code == "idempotency_key_required")

            let missing = try await api.send("GET", "/v1/bookings/bk_does_not_exist")
            #expect(missing.status == 404)
            #expect(missing.failure?.code == "not_found")
        }
    }

    @Test("a search ranks qualified technicians' free slots, with reasons and the data's age")
    func search() async throws {
        try await APIHarness.with { api in
            let answer = try await api.search(APISamples.noHeatSearch())
            #expect(!answer.slots.isEmpty)
            #expect(answer.asOf != nil)
            #expect(answer.jobType.code == "hvac.no_heat")
            #expect(answer.jobType.durationMinutes == 120)
            let qualified: Set = ["maria-lopez", "lakeshore-st-10107", "sam-becker"]  // hvac + gas-furnace
            for slot in answer.slots {
                #expect(qualified.contains(slot.technicianID), "\(slot.technicianID) has the skills")
                #expect(slot.end.timeIntervalSince(slot.start) == 7200)
                #expect(!slot.reasons.isEmpty)
                #expect(slot.start >= APISamples.tomorrowMorning)
            }
        }
    }

    @Test("a booking is written once to ServiceTitan, and its remote ids show in GET /v1/bookings/{id}")
    func bookServiceTitan() async throws {
        try await APIHarness.with { api in
            let mark = "test-\(UUID().uuidString.prefix(8))"
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let reply = try await api.book(APISamples.booking(slot, summary: "No heat \(mark)"))
            #expect(reply.status == 201, "\(reply.text)")
            let view = try reply.decode(BookingView.self)
            #expect(view.status == "confirmed")
            #expect(view.mode == "live")
            #expect(view.source == "lakeshore-st")
            let jobID = try #require(view.remote.jobID)
            #expect(view.remote.appointmentID != nil)
            #expect(reply.headers["location"] == "/v1/bookings/\(view.bookingID)")

            let jobs = await api.serviceTitanJobs(summaryContaining: mark)
            #expect(jobs.count == 1)
            #expect(jobs.first?["id"]?.intValue.map(String.init) == jobID)

            let shown = try await api.send("GET", "/v1/bookings/\(view.bookingID)").decode(BookingView.self)
            #expect(shown.status == "confirmed")
            #expect(shown.remote == view.remote)
            #expect(shown.events?.map(\.status) == ["writing", "writing", "confirmed"])
        }
    }

    @Test("a Housecall Pro technician's booking is written to Housecall Pro under its own job type name")
    func bookHousecallPro() async throws {
        try await APIHarness.with { api in
            var search = APISamples.noHeatSearch()
            search.address = APIAddress(street: "1701 Wynkoop St", city: "Denver", state: "CO", zip: "80202")
            search.technicianID = "sam-becker"
            let slot = try #require(try await api.search(search).slots.first { $0.technicianID == "sam-becker" })
            let request = APISamples.booking(
                slot, name: "Lee Park", phone: "720-555-0142",
                address: APIAddress(street: "1701 Wynkoop St", city: "Denver", state: "CO", zip: "80202"))
            let reply = try await api.book(request)
            #expect(reply.status == 201, "\(reply.text)")
            let view = try reply.decode(BookingView.self)
            #expect(view.source == "frontrange-hcp")
            let jobs = await api.housecallProJobs(marked: view.bookingID)
            #expect(jobs.count == 1)
            #expect(jobs.first?["job_fields"]?["job_type"]?["name"]?.stringValue == "Furnace Repair")
        }
    }

    @Test("a slot taken is refused with 409 slot_taken and other slots")
    func slotTaken() async throws {
        try await APIHarness.with { api in
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first)
            let first = try await api.book(APISamples.booking(slot))
            #expect(first.status == 201, "\(first.text)")
            let second = try await api.book(APISamples.booking(slot, name: "Someone Else", phone: "+1 312 555 0177"))
            #expect(second.status == 409)
            let failure = try #require(second.failure)
            #expect(failure.code == "slot_taken")
            let alternatives = try #require(failure.alternatives)
            #expect(!alternatives.isEmpty)
            #expect(!alternatives.contains { $0.technicianID == slot.technicianID && $0.start < slot.end && slot.start < $0.end })

            // The slot no longer shows in a search either.
            let again = try await api.search(APISamples.noHeatSearch(limit: 50))
            #expect(!again.slots.contains { $0.technicianID == slot.technicianID && $0.start < slot.end && slot.start < $0.end })
        }
    }

    @Test("a retry with the same Idempotency-Key gets the first answer; a different request under it is refused")
    func idempotency() async throws {
        try await APIHarness.with { api in
            let mark = "test-\(UUID().uuidString.prefix(8))"
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let request = APISamples.booking(slot, summary: "Retry \(mark)")
            let key = UUID().uuidString
            let first = try await api.book(request, key: key)
            let retry = try await api.book(request, key: key)
            #expect(first.status == 201)
            #expect(retry.status == 201)
            #expect(retry.headers["idempotent-replayed"] == "true")
            #expect(try retry.decode(BookingView.self).bookingID == first.decode(BookingView.self).bookingID)
            #expect(await api.serviceTitanJobs(summaryContaining: mark).count == 1)

            var changed = request
            changed.job.summary = "something else"
            let misuse = try await api.book(changed, key: key)
            #expect(misuse.status == 422)
            #expect(misuse.failure?.code == "idempotency_key_reused")

            // A refused request replays its refusal too.
            let taken = try await api.book(APISamples.booking(slot, name: "Other"), key: "k-taken")
            let takenAgain = try await api.book(APISamples.booking(slot, name: "Other"), key: "k-taken")
            #expect(taken.status == 409)
            #expect(takenAgain.status == 409)
            #expect(takenAgain.failure?.bookingID == taken.failure?.bookingID)
        }
    }

    @Test("a booking answered 202 and refused later replays as the refusal, never as 201")
    func replayAfterLaterRefusal() async throws {
        try await APIHarness.with(
            faults: ["429:path=jpm/v2/tenant/1000001/jobs,method=POST,times=all,retry-after=60"],
            configure: { $0.booking.waitSeconds = 1 }
        ) { api in
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let request = APISamples.booking(slot)
            let first = try await api.book(request, key: "later-refused")
            #expect(first.status == 202, "\(first.text)")
            let view = try first.decode(BookingView.self)
            #expect(view.status == "writing")
            #expect(view.error?.code == "backend_unavailable")
            // A monitor sees the write still owed, without a token and without any booking's details.
            let health = try await api.send("GET", "/health", token: "")
            #expect(health.status == 200)
            let report = try health.decode(HealthReport.self)
            #expect(report.owedWrites == 1)
            #expect((report.oldestOwedSeconds ?? -1) >= 0)
            #expect(!health.text.contains(view.bookingID))
            // What the outbox worker records when the backend finally says no.
            try api.store.failBooking(id: view.bookingID, code: "backend_refused", message: "Technician is inactive", now: Date())
            let replay = try await api.book(request, key: "later-refused")
            #expect(replay.status == 422, "\(replay.text)")
            #expect(replay.failure?.code == "backend_refused")
            #expect(replay.failure?.bookingID == view.bookingID)
        }
    }

    @Test("shadow mode decides, holds and records what it would send, and writes nothing")
    func shadowMode() async throws {
        try await APIHarness.with(configure: { $0.booking.shadowAll = true }) { api in
            let before = await api.sandbox.server.records(.serviceTitan(.jobs)).count
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let reply = try await api.book(APISamples.booking(slot))
            #expect(reply.status == 201, "\(reply.text)")
            let view = try reply.decode(BookingView.self)
            #expect(view.status == "shadowed")
            #expect(view.mode == "shadow")
            #expect(view.remote.jobID == nil)
            let planned = try #require(view.wouldSend)
            #expect(planned.contains { $0.method == "POST" && $0.path.hasSuffix("/jobs") && $0.body.contains("\"technicianIds\"") })
            #expect(await api.sandbox.server.records(.serviceTitan(.jobs)).count == before)

            // The shadow hold keeps the time while it lasts, as a live booking's would.
            let second = try await api.book(APISamples.booking(slot, name: "Other"))
            #expect(second.status == 409)
        }
    }

    @Test("a hold keeps the slot while the caller decides; it is booked, given back, or it expires")
    func holds() async throws {
        try await APIHarness.with { api in
            let mark = "hold-\(UUID().uuidString.prefix(8))"
            let slots = try await api.search(APISamples.noHeatSearch(limit: 20)).slots.filter { $0.source == "lakeshore-st" }
            let first = try #require(slots.first)
            let held = try await api.send(
                "POST", "/v1/holds?minutes=10", body: APIJSON.string(APISamples.booking(first, summary: "Hold \(mark)")),
                headers: ["Idempotency-Key": "hold-1-\(mark)"])
            #expect(held.status == 201, "\(held.text)")
            let hold = try held.decode(BookingView.self)
            #expect(hold.status == "held")
            let expires = try #require(hold.holdExpiresAt)
            #expect(abs(expires.timeIntervalSinceNow - 600) < 60)
            #expect(await api.serviceTitanJobs(summaryContaining: mark).isEmpty, "a hold writes nothing")

            // Held: nobody else gets it.
            let other = try await api.book(APISamples.booking(first, name: "Other Caller"))
            #expect(other.status == 409)

            let booked = try await api.send("POST", "/v1/holds/\(hold.bookingID)/book")
            #expect(booked.status == 201, "\(booked.text)")
            #expect(try booked.decode(BookingView.self).status == "confirmed")
            #expect(await api.serviceTitanJobs(summaryContaining: mark).count == 1)
            let again = try await api.send("POST", "/v1/holds/\(hold.bookingID)/book")
            #expect(again.status == 201, "booking a booked hold again is safe")
            #expect(await api.serviceTitanJobs(summaryContaining: mark).count == 1)

            // Given back: the slot is free again.
            let second = try #require(slots.first { !($0.technicianID == first.technicianID && $0.start < first.end && first.start < $0.end) })
            let secondHold = try await api.send(
                "POST", "/v1/holds", body: APIJSON.string(APISamples.booking(second)), headers: ["Idempotency-Key": "hold-2-\(mark)"]
            ).decode(BookingView.self)
            let released = try await api.send("DELETE", "/v1/holds/\(secondHold.bookingID)")
            #expect(try released.decode(BookingView.self).status == "released")
            let afterRelease = try await api.book(APISamples.booking(second, name: "Next Caller"))
            #expect(afterRelease.status == 201, "\(afterRelease.text)")

            // Expired: booking it is refused, and nothing is written.
            let third = try #require(slots.last { !($0.technicianID == first.technicianID && $0.start < first.end && first.start < $0.end)
                && !($0.technicianID == second.technicianID && $0.start < second.end && second.start < $0.end) })
            let thirdHold = try await api.send(
                "POST", "/v1/holds?minutes=1", body: APIJSON.string(APISamples.booking(third, summary: "Expired \(mark)")),
                headers: ["Idempotency-Key": "hold-3-\(mark)"]
            ).decode(BookingView.self)
            #expect(try api.store.expireHolds(now: Date().addingTimeInterval(120)) == 1)
            let late = try await api.send("POST", "/v1/holds/\(thirdHold.bookingID)/book")
            #expect(late.status == 409)
            #expect(late.failure?.code == "hold_expired")
            #expect(await api.serviceTitanJobs(summaryContaining: "Expired \(mark)").isEmpty)
        }
    }

    @Test("64 concurrent requests for one slot: exactly one 201, and one appointment in the sandbox", arguments: 0..<8)
    func race(round: Int) async throws {
        try await APIHarness.with { api in
            let mark = "race-\(round)-\(UUID().uuidString.prefix(8))"
            let slots = try await api.search(APISamples.noHeatSearch(limit: 10)).slots.filter { $0.source == "lakeshore-st" }
            let slot = try #require(slots.dropFirst(round % max(1, slots.count)).first ?? slots.first)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<64 {
                    group.addTask {
                        try await api.book(
                            APISamples.booking(slot, name: "Caller \(i)", phone: "+1 312 555 \(String(format: "%04d", i))", summary: "\(mark) caller \(i)")
                        ).status
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 409 }.count == 63)
            let jobs = await api.serviceTitanJobs(summaryContaining: mark)
            #expect(jobs.count == 1)
            let appointments = await api.serviceTitanAppointments(ofJobs: Set(jobs.compactMap { $0["id"]?.intValue }))
            #expect(appointments.count == 1)
        }
    }

    @Test(
        "faults from the backend end with the booking written exactly once",
        arguments: [
            "lost-reply:path=jpm/v2/tenant/1000001/jobs,method=POST",
            "503:path=jpm/v2/tenant/1000001/jobs,method=POST",
            "429:path=jpm/v2/tenant/1000001/jobs,method=POST,times=2,retry-after=1",
            "drop:path=jpm/v2/tenant/1000001/jobs,method=POST",
        ])
    func faults(fault: String) async throws {
        try await APIHarness.with(faults: [fault]) { api in
            let mark = "fault-\(UUID().uuidString.prefix(8))"
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let reply = try await api.book(APISamples.booking(slot, summary: "Fault \(mark)"))
            #expect([201, 202].contains(reply.status), "\(reply.text)")
            var view = try reply.decode(BookingView.self)
            // A booking still owed is finished by the outbox worker.
            for _ in 0..<100 where view.status == "writing" {
                try await Task.sleep(for: .milliseconds(200))
                view = try await api.send("GET", "/v1/bookings/\(view.bookingID)").decode(BookingView.self)
            }
            #expect(view.status == "confirmed", "\(view)")
            #expect(await api.serviceTitanJobs(summaryContaining: mark).count == 1)
            #expect(await api.sandbox.server.faultCounts().map(\.fired).reduce(0, +) >= 1, "the fault happened")
        }
    }

    @Test("a backend refusal fails the booking cleanly, frees the time and offers alternatives")
    func refusal() async throws {
        try await APIHarness.with { api in
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            // Behind the cache's back, the shop deactivates the technician in ServiceTitan.
            let externalID = try #require(try api.store.technicianOrigin(id: slot.technicianID)?.externalID)
            try await api.sandbox.server.deactivate(.serviceTitan(.technicians), id: externalID)
            let reply = try await api.book(APISamples.booking(slot))
            #expect(reply.status == 422, "\(reply.text)")
            let failure = try #require(reply.failure)
            #expect(failure.code == "backend_refused")
            #expect(failure.alternatives != nil)
            let booking = try await api.send("GET", "/v1/bookings/\(try #require(failure.bookingID))").decode(BookingView.self)
            #expect(booking.status == "failed")
            let holds = try api.store.blockingHolds(in: TimeRange(start: slot.start, end: slot.end), now: Date())
            #expect(holds.isEmpty, "a failed booking holds no time")
        }
    }

    @Test("data older than the source's limit is re-checked in the backend before writing")
    func staleData() async throws {
        try await APIHarness.with(configure: { config in
            for i in config.sources.indices { config.sources[i].booking.recheckAfter = .zero }
        }) { api in
            let mark = "stale-\(UUID().uuidString.prefix(8))"
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            // Someone books the technician in ServiceTitan directly; the cache does not know yet.
            let externalID = try #require(try api.store.technicianOrigin(id: slot.technicianID)?.externalID)
            let direct = try await api.service.writer(for: "lakeshore-st")?.create(
                BookingIntent(
                    bookingID: "bk_direct_\(mark)", technicianExternalID: externalID, start: slot.start, end: slot.end,
                    vendorJobType: "No Heat", customer: BookingCustomer(name: "Walk In", phone: "+1 312 555 0999"),
                    address: Location(street: "1 N State St", city: "Chicago", region: "IL", postalCode: "60602", country: "US"),
                    summary: "direct \(mark)", urgency: .routine))
            #expect(direct != nil)
            let reply = try await api.book(APISamples.booking(slot, summary: "Stale \(mark)"))
            #expect(reply.status == 409, "\(reply.text)")
            #expect(reply.failure?.code == "slot_taken")
            #expect(await api.serviceTitanJobs(summaryContaining: "Stale \(mark)").isEmpty, "nothing was written")
        }
    }
}
