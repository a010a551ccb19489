import FieldSyncBooking
import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncStore
import Foundation
import Logging
import Testing

/// Reconciliation as it concerns the bookings fieldsync made: the sandbox's ServiceTitan and
/// Housecall Pro are changed behind the cache's back (a booked appointment moved, reassigned,
/// canceled, deleted; a remote appointment put on a held slot), then `fieldsync reconcile` runs
/// in-process against the booking API's own cache. Each change is reported once, the booking or
/// hold follows it, and a second run is clean.
@Suite("Reconciliation: bookings and holds", .serialized)
struct ReconcileBookingTests {
    // MARK: Moved, reassigned

    @Test("a ServiceTitan booking whose appointment was moved is reported once as changed, and the booking follows its times")
    func movedServiceTitanBooking() async throws {
        try await APIHarness.with { api in
            let (view, _) = try await api.bookServiceTitan(summary: "Moved \(Self.mark())")
            let appointmentID = try #require(view.remote.appointmentID)
            let newStart = view.start.addingTimeInterval(86_400 + 3_600)
            let newEnd = newStart.addingTimeInterval(view.end.timeIntervalSince(view.start))
            try await api.sandbox.server.update(
                .serviceTitan(.appointments), id: appointmentID,
                set: ["start": .string(RFC3339.string(newStart)), "end": .string(RFC3339.string(newEnd))])

            // A dry run reports it and leaves the booking as it was.
            let dry = try await api.reconcile(dryRun: true)
            #expect(dry.outcome == .driftFound, "\(dry.outcome)")
            #expect(dry.bookings.map(\.bookingID) == [view.bookingID])
            #expect(dry.bookings.first?.change == .changed)
            #expect(dry.bookings.first?.repaired == false)
            let untouched = try #require(try api.store.booking(id: view.bookingID))
            #expect(untouched.start == view.start && untouched.end == view.end)
            #expect(try api.store.bookingEvents(id: view.bookingID).allSatisfy { !$0.detail.hasPrefix("reconciliation:") })

            let report = try await api.reconcile()
            #expect(report.outcome == .repaired, "\(report.outcome)")
            #expect(report.bookings.count == 1, "\(report.bookings)")
            let change = try #require(report.bookings.first)
            #expect(change.bookingID == view.bookingID)
            #expect(change.source == "lakeshore-st")
            #expect(change.appointmentID == appointmentID)
            #expect(change.jobID == view.remote.jobID)
            #expect(change.change == .changed)
            #expect(change.fields.map(\.name) == ["starts_at", "ends_at"])
            #expect(change.fields.first?.before == RFC3339.string(view.start))
            #expect(change.fields.first?.after == RFC3339.string(newStart))
            #expect(change.fields.last?.after == RFC3339.string(newEnd))
            #expect(change.repaired)
            #expect(change.message.contains("was changed in ServiceTitan"), "\(change.message)")
            #expect(report.overHolds.isEmpty)
            #expect(report.summary.bookings == 1)

            // The booking row follows the remote appointment, and its trail says why.
            let shown = try await api.send("GET", "/v1/bookings/\(view.bookingID)").decode(BookingView.self)
            #expect(shown.status == "confirmed")
            #expect(shown.technicianID == view.technicianID)
            #expect(abs(shown.start.timeIntervalSince(newStart)) < 1)
            #expect(abs(shown.end.timeIntervalSince(newEnd)) < 1)
            let last = try #require(shown.events?.last)
            #expect(last.status == "confirmed")
            #expect(last.detail.hasPrefix("reconciliation:"), "\(last.detail)")
            #expect(last.detail.contains("starts at"), "\(last.detail)")
            #expect(try api.store.booking(id: view.bookingID)?.remoteStatus == nil, "a moved booking still holds time")

            let again = try await api.reconcile()
            #expect(again.bookings.isEmpty, "\(again.bookings)")
            #expect(again.overHolds.isEmpty)
            #expect(again.outcome == .clean, "\(again.differences.map(\.message))")
            #expect(try api.store.bookingEvents(id: view.bookingID).count == shown.events?.count, "nothing more in the trail")
        }
    }

    @Test("a ServiceTitan booking reassigned to another technician is reported with technician_id before and after; the booking follows")
    func reassignedServiceTitanBooking() async throws {
        try await APIHarness.with { api in
            let (view, _) = try await api.bookServiceTitan(summary: "Reassigned \(Self.mark())")
            let appointmentID = try #require(view.remote.appointmentID)
            let booked = try #require(try api.store.technicianOrigin(id: view.technicianID)?.externalID)
            let (targetExternal, target) = try #require(APIHarness.linkedServiceTitanTechnicians.first { $0.key != booked })

            // ServiceTitan's reassignment: the technician is taken off (the assignment goes
            // inactive) and another is assigned (a new assignment).
            let assignments = await api.sandbox.server.records(.serviceTitan(.appointmentAssignments)).filter {
                $0["appointmentId"]?.intValue.map(String.init) == appointmentID && $0["active"]?.boolValue != false
            }
            #expect(assignments.count == 1, "\(assignments)")
            let old = try #require(assignments.first)
            let oldID = try #require(old["id"]?.intValue)
            try await api.sandbox.server.deactivate(.serviceTitan(.appointmentAssignments), id: String(oldID))
            var new = old
            new["id"] = .null
            new["technicianId"] = .int(try #require(Int64(targetExternal)))
            new["technicianName"] = .string(target)
            try await api.sandbox.server.add(.serviceTitan(.appointmentAssignments), record: new)

            let report = try await api.reconcile()
            #expect(report.outcome == .repaired, "\(report.outcome)")
            #expect(report.bookings.count == 1, "\(report.bookings)")
            let change = try #require(report.bookings.first)
            #expect(change.bookingID == view.bookingID)
            #expect(change.change == .changed)
            #expect(change.fields == [FieldChange(name: "technician_id", before: view.technicianID, after: target)])
            #expect(change.repaired)

            let shown = try await api.send("GET", "/v1/bookings/\(view.bookingID)").decode(BookingView.self)
            #expect(shown.technicianID == target)
            #expect(shown.start == view.start)
            #expect(shown.events?.last?.detail.contains("technician id") == true, "\(shown.events?.last?.detail ?? "")")
            // The old technician's time is free: neither the booking nor its appointment holds it.
            let range = TimeRange(start: view.start, end: view.end)
            #expect(!(try api.store.blockingHolds(in: range, now: Date())).contains { $0.technicianID == view.technicianID })

            let again = try await api.reconcile()
            #expect(again.bookings.isEmpty, "\(again.bookings)")
            #expect(again.outcome == .clean, "\(again.differences.map(\.message))")
        }
    }

    // MARK: Canceled, deleted

    /// What the shop does to a ServiceTitan booking behind fieldsync's back.
    enum Removal: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// `PUT /jobs/{id}/cancel`: the job and its appointment say Canceled.
        case jobCanceled = "job canceled"
        /// Only the appointment is canceled.
        case appointmentCanceled = "appointment canceled"
        /// The appointment is deleted.
        case appointmentDeleted = "appointment deleted"
        /// The job is deleted, with its appointment.
        case jobDeleted = "job and appointment deleted"
        /// Only the job is deleted; its appointment stays listed.
        case jobOnlyDeleted = "job deleted"
        /// The technician is taken off the appointment, and nobody is put on.
        case unassigned = "technician taken off"

        var testDescription: String { rawValue }

        var expected: ReconcileReport.BookingChange.Change {
            switch self {
            case .jobCanceled, .appointmentCanceled: .canceled
            case .appointmentDeleted, .jobDeleted, .jobOnlyDeleted: .deleted
            case .unassigned: .unassigned
            }
        }
    }

    @Test(
        "a ServiceTitan booking canceled, deleted or left without its technician remotely is reported once; it stops holding the time, which can be booked again",
        arguments: Removal.allCases)
    func removedServiceTitanBooking(_ removal: Removal) async throws {
        try await APIHarness.with { api in
            let (view, slot) = try await api.bookServiceTitan(summary: "Removed \(Self.mark())")
            let appointmentID = try #require(view.remote.appointmentID)
            let jobID = try #require(view.remote.jobID)
            let range = TimeRange(start: view.start, end: view.end)
            #expect(try api.store.blockingHolds(in: range, now: Date()).contains { $0.bookingID == view.bookingID })
            let taken = try await api.book(APISamples.booking(slot, name: "Early Caller", phone: "+1 312 555 0131"))
            #expect(taken.status == 409, "before the reconciliation the slot is taken: \(taken.text)")

            let server = api.sandbox.server
            switch removal {
            case .jobCanceled:
                try await server.update(.serviceTitan(.appointments), id: appointmentID, set: ["status": "Canceled"])
                try await server.update(.serviceTitan(.jobs), id: jobID, set: ["jobStatus": "Canceled"])
            case .appointmentCanceled:
                try await server.update(.serviceTitan(.appointments), id: appointmentID, set: ["status": "Canceled"])
            case .appointmentDeleted:
                try await server.delete(.serviceTitan(.appointments), id: appointmentID)
            case .jobDeleted:
                try await server.delete(.serviceTitan(.appointments), id: appointmentID)
                try await server.delete(.serviceTitan(.jobs), id: jobID)
            case .jobOnlyDeleted:
                try await server.delete(.serviceTitan(.jobs), id: jobID)
            case .unassigned:
                let assignments = await server.records(.serviceTitan(.appointmentAssignments)).filter {
                    $0["appointmentId"]?.intValue.map(String.init) == appointmentID
                }
                #expect(assignments.count == 1)
                for assignment in assignments {
                    try await server.deactivate(.serviceTitan(.appointmentAssignments), id: String(try #require(assignment["id"]?.intValue)))
                }
            }

            let report = try await api.reconcile()
            #expect(report.outcome == .repaired, "\(report.outcome): \(report.sources.map(\.notCompared))")
            #expect(report.bookings.count == 1, "\(report.bookings)")
            let change = try #require(report.bookings.first)
            #expect(change.bookingID == view.bookingID)
            #expect(change.change == removal.expected)
            #expect(change.repaired)
            #expect(change.message.contains("no longer holds \(view.technicianID)'s time"), "\(change.message)")

            let record = try #require(try api.store.booking(id: view.bookingID))
            #expect(record.state == .confirmed, "the booking was made; what happened since is its remote status")
            #expect(record.remoteStatus == removal.expected.rawValue)
            let shown = try await api.send("GET", "/v1/bookings/\(view.bookingID)").decode(BookingView.self)
            #expect(shown.events?.last?.detail.hasPrefix("reconciliation:") == true)
            #expect(!(try api.store.blockingHolds(in: range, now: Date())).contains { $0.bookingID == view.bookingID })

            let again = try await api.reconcile()
            #expect(again.bookings.isEmpty, "reported once: \(again.bookings)")
            #expect(again.outcome == .clean, "\(again.differences.map(\.message))")

            if removal == .jobOnlyDeleted {
                // ServiceTitan still lists the appointment (scheduled, with its technician): the
                // cache has it now, and it keeps the technician's time as any listed appointment does.
                let index = try api.store.scheduleIndex(in: range, now: Date())
                let visits = index.technicians.first { $0.id == view.technicianID }?.appointments ?? []
                #expect(visits.contains { $0.appointmentID == "lakeshore-st:\(appointmentID)" })
            } else {
                let rebooked = try await api.book(APISamples.booking(slot, name: "Next Caller", phone: "+1 312 555 0132"))
                #expect(rebooked.status == 201, "the time is free again: \(rebooked.text)")
            }
        }
    }

    // MARK: Housecall Pro

    /// What the shop does to a Housecall Pro booking behind fieldsync's back.
    enum HousecallProChange: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case moved, deleted
        var testDescription: String { rawValue }
    }

    @Test("a Housecall Pro booking moved or deleted remotely is reported once and followed", arguments: HousecallProChange.allCases)
    func housecallProBooking(_ what: HousecallProChange) async throws {
        try await APIHarness.with { api in
            var search = APISamples.noHeatSearch()
            search.address = APISamples.denver
            search.technicianID = "sam-becker"
            let slot = try #require(try await api.search(search).slots.first { $0.technicianID == "sam-becker" })
            let reply = try await api.book(
                APISamples.booking(slot, name: "Lee Park", phone: "720-555-0142", address: APISamples.denver))
            #expect(reply.status == 201, "\(reply.text)")
            let view = try reply.decode(BookingView.self)
            #expect(view.source == "frontrange-hcp")
            let jobID = try #require(view.remote.jobID)
            let appointmentID = try #require(view.remote.appointmentID)
            let range = TimeRange(start: view.start, end: view.end)

            let newStart = view.start.addingTimeInterval(2 * 3_600)
            let newEnd = view.end.addingTimeInterval(2 * 3_600)
            switch what {
            case .moved:
                // The job's one visit moves two hours later: its appointment and the schedule
                // that spans it.
                let start = RFC3339.string(newStart)
                let end = RFC3339.string(newEnd)
                try await api.sandbox.server.update(.housecallPro(.jobs), id: jobID) { job in
                    var schedule = job["schedule"] ?? [:]
                    schedule["scheduled_start"] = .string(start)
                    schedule["scheduled_end"] = .string(end)
                    if var appointments = schedule["appointments"]?.arrayValue, !appointments.isEmpty {
                        for i in appointments.indices {
                            appointments[i]["start_time"] = .string(start)
                            appointments[i]["end_time"] = .string(end)
                        }
                        schedule["appointments"] = .array(appointments)
                    }
                    job["schedule"] = schedule
                }
            case .deleted:
                try await api.sandbox.server.delete(.housecallPro(.jobs), id: jobID)
            }

            let report = try await api.reconcile()
            #expect(report.outcome == .repaired, "\(report.outcome): \(report.sources.map(\.notCompared))")
            #expect(report.bookings.count == 1, "\(report.bookings)")
            let change = try #require(report.bookings.first)
            #expect(change.bookingID == view.bookingID)
            #expect(change.source == "frontrange-hcp")
            #expect(change.backend == "housecallpro")
            #expect(change.appointmentID == appointmentID)
            #expect(change.repaired)
            let record = try #require(try api.store.booking(id: view.bookingID))
            switch what {
            case .moved:
                #expect(change.change == .changed)
                #expect(change.fields.map(\.name) == ["starts_at", "ends_at"])
                #expect(change.message.contains("Housecall Pro"), "\(change.message)")
                #expect(abs(record.start.timeIntervalSince(newStart)) < 1)
                #expect(abs(record.end.timeIntervalSince(newEnd)) < 1)
                #expect(record.technicianID == "sam-becker")
                #expect(record.remoteStatus == nil)
            case .deleted:
                #expect(change.change == .deleted)
                #expect(record.remoteStatus == "deleted")
                #expect(!(try api.store.blockingHolds(in: range, now: Date())).contains { $0.bookingID == view.bookingID })
                let rebooked = try await api.book(
                    APISamples.booking(slot, name: "Next Caller", phone: "720-555-0143", address: APISamples.denver))
                #expect(rebooked.status == 201, "the time is free again: \(rebooked.text)")
            }

            let again = try await api.reconcile()
            #expect(again.bookings.isEmpty, "reported once: \(again.bookings)")
            #expect(again.overHolds.isEmpty)
        }
    }

    // MARK: Over-holds

    @Test("a remote appointment put on a held slot is reported; a dry run leaves the hold, a repair ends it")
    func appointmentOverHold() async throws {
        try await APIHarness.with { api in
            let mark = Self.mark()
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let held = try await api.send(
                "POST", "/v1/holds?minutes=30", body: APIJSON.string(APISamples.booking(slot, summary: "Hold \(mark)")),
                headers: ["Idempotency-Key": "hold-\(mark)"])
            #expect(held.status == 201, "\(held.text)")
            let hold = try held.decode(BookingView.self)
            #expect(hold.status == "held")

            // The dispatcher books the technician in ServiceTitan directly, over the held time.
            let remote = try await api.bookDirectly(slot, summary: "Direct \(mark)")

            var dry = try await api.reconcile(dryRun: true)
            #expect(dry.outcome == .driftFound, "\(dry.outcome)")
            #expect(dry.overHolds.count == 1, "\(dry.overHolds)")
            let seen = try #require(dry.overHolds.first)
            #expect(seen.bookingID == hold.bookingID)
            #expect(seen.holdState == "held")
            #expect(seen.technicianID == slot.technicianID)
            #expect(seen.appointmentID == remote.appointmentID)
            #expect(seen.source == "lakeshore-st")
            #expect(!seen.repaired)
            #expect(dry.bookings.isEmpty)
            #expect(try await api.send("GET", "/v1/bookings/\(hold.bookingID)").decode(BookingView.self).status == "held")
            #expect(try api.store.blockingHolds(in: TimeRange(start: slot.start, end: slot.end), now: Date()).contains {
                $0.bookingID == hold.bookingID
            })
            // A dry run changes nothing: the next one sees the same.
            dry = try await api.reconcile(dryRun: true)
            #expect(dry.overHolds.map(\.bookingID) == [hold.bookingID])

            let report = try await api.reconcile()
            #expect(report.overHolds.count == 1, "\(report.overHolds)")
            #expect(report.overHolds.first?.repaired == true)
            #expect(report.overHolds.first?.appointmentID == remote.appointmentID)
            #expect(report.overHolds.first?.message.contains("the hold was ended") == true)
            #expect(report.outcome == .repaired, "\(report.outcome)")

            let shown = try await api.send("GET", "/v1/bookings/\(hold.bookingID)").decode(BookingView.self)
            #expect(shown.status == "released")
            #expect(shown.events?.last?.detail.hasPrefix("reconciliation:") == true)
            let book = try await api.send("POST", "/v1/holds/\(hold.bookingID)/book")
            #expect(book.status == 409, "\(book.text)")
            #expect(await api.serviceTitanJobs(summaryContaining: "Hold \(mark)").isEmpty, "the hold wrote nothing")

            let again = try await api.reconcile()
            #expect(again.overHolds.isEmpty, "reported once: \(again.overHolds)")
            #expect(again.outcome == .clean, "\(again.differences.map(\.message))")
        }
    }

    @Test("a remote appointment over a shadow booking's time is reported, and the shadow hold ends")
    func appointmentOverShadowBooking() async throws {
        try await APIHarness.with(configure: { $0.booking.shadowAll = true }) { api in
            let mark = Self.mark()
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let reply = try await api.book(APISamples.booking(slot, summary: "Shadow \(mark)"))
            #expect(reply.status == 201, "\(reply.text)")
            let shadow = try reply.decode(BookingView.self)
            #expect(shadow.status == "shadowed")
            let range = TimeRange(start: slot.start, end: slot.end)
            #expect(try api.store.blockingHolds(in: range, now: Date()).contains { $0.bookingID == shadow.bookingID })

            let remote = try await api.bookDirectly(slot, summary: "Direct \(mark)")
            let report = try await api.reconcile()
            #expect(report.overHolds.count == 1, "\(report.overHolds)")
            let over = try #require(report.overHolds.first)
            #expect(over.bookingID == shadow.bookingID)
            #expect(over.holdState == "shadowed")
            #expect(over.appointmentID == remote.appointmentID)
            #expect(over.repaired)

            let record = try #require(try api.store.booking(id: shadow.bookingID))
            #expect(record.state == .shadowed, "what it would have sent stays recorded")
            #expect(record.holdExpiresAt <= Date())
            #expect(!(try api.store.blockingHolds(in: range, now: Date())).contains { $0.bookingID == shadow.bookingID })

            let again = try await api.reconcile()
            #expect(again.overHolds.isEmpty, "reported once: \(again.overHolds)")
        }
    }

    /// What becomes of a hold while a reconciliation reads the backend.
    enum HoldEnding: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// The caller books it: fieldsync writes the appointment the run then reads.
        case booked
        /// The caller gives it back, after a dispatcher put an appointment on its time.
        case released
        var testDescription: String { rawValue }
    }

    @Test("a hold booked or given back while the run reads is no over-hold", arguments: HoldEnding.allCases)
    func holdEndingDuringRun(_ ending: HoldEnding) async throws {
        try await APIHarness.with { api in
            let mark = Self.mark()
            let slot = try #require(try await api.search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
            let held = try await api.send(
                "POST", "/v1/holds?minutes=30", body: APIJSON.string(APISamples.booking(slot, summary: "Hold \(mark)")),
                headers: ["Idempotency-Key": "hold-\(mark)"])
            #expect(held.status == 201, "\(held.text)")
            let hold = try held.decode(BookingView.self)
            if ending == .released { _ = try await api.bookDirectly(slot, summary: "Direct \(mark)") }

            let answer = Box<Int>(0)
            var adapters = AdapterFactory.adapters(for: api.config, transport: URLSessionTransport())
            for i in adapters.indices where adapters[i].sourceName == "lakeshore-st" {
                // The run has read the open holds, and nothing of ServiceTitan yet.
                adapters[i] = GatedAdapter(inner: adapters[i]) {
                    let reply =
                        switch ending {
                        case .booked: try? await api.send("POST", "/v1/holds/\(hold.bookingID)/book")
                        case .released: try? await api.send("DELETE", "/v1/holds/\(hold.bookingID)")
                        }
                    await answer.set(reply?.status ?? -1)
                }
            }
            let report = try await api.reconciler(adapters: adapters).run(horizon: api.config.horizon.range(now: Date()))
            #expect(await answer.value == (ending == .booked ? 201 : 200))
            #expect(report.overHolds.isEmpty, "\(report.overHolds.map(\.message))")
            #expect(report.outcome != .incomplete, "\(report.outcome)")
            let shown = try await api.send("GET", "/v1/bookings/\(hold.bookingID)").decode(BookingView.self)
            #expect(shown.status == (ending == .booked ? "confirmed" : "released"))
            #expect(shown.events?.contains { $0.detail.hasPrefix("reconciliation:") } == false, "the run left the hold alone")

            let again = try await api.reconcile()
            #expect(again.overHolds.isEmpty)
            #expect(again.bookings.isEmpty, "\(again.bookings.map(\.message))")
        }
    }

    // MARK: Health

    @Test("GET /health says whether a reconciliation has run, and how the last one ended")
    func healthShowsTheLastReconciliation() async throws {
        try await APIHarness.with { api in
            let before = try await api.send("GET", "/health", token: "").decode(HealthReport.self)
            #expect(before.lastReconciliation == nil, "none has run yet")
            let report = try await api.reconcile()
            let after = try await api.send("GET", "/health", token: "").decode(HealthReport.self)
            let last = try #require(after.lastReconciliation)
            #expect(last.runID == report.runID)
            #expect(last.outcome == report.outcome.rawValue)
            #expect(last.differences == report.summary.differences)
            #expect(last.finishedAt != nil)
        }
    }

    // MARK: Safe while serving

    /// Bookings fieldsync writes while a reconciliation runs are fieldsync's own: the run may find
    /// their records new in the backend (the cache has not synced them yet) and report those as
    /// `created` job and appointment differences, repaired, since the cache did not have them; but
    /// never as a booking that changed or disappeared, nor as a remote appointment over a hold.
    @Test("a reconciliation beside a burst of bookings: every request is answered, one racer wins, nothing of fieldsync's own is reported as changed")
    func reconcileWhileServing() async throws {
        try await APIHarness.with { api in
            let mark = Self.mark()
            var slots = try await api.distinctSlots(days: 14, source: "lakeshore-st")
            let denver = try await api.distinctSlots(days: 10, source: "frontrange-hcp")
            try #require(slots.count >= 12, "enough free ServiceTitan slots: \(slots.count)")
            try #require(denver.count >= 3, "enough free Housecall Pro slots: \(denver.count)")

            // Before the run: one booking made (the run watches it) and one hold taken (likewise),
            // which the caller books while the run reads ServiceTitan.
            let before = slots.removeFirst()
            let early = try await api.book(APISamples.booking(before, summary: "Before \(mark)"))
            #expect(early.status == 201, "\(early.text)")
            let heldSlot = slots.removeFirst()
            let held = try await api.send(
                "POST", "/v1/holds?minutes=30", body: APIJSON.string(APISamples.booking(heldSlot, summary: "Held \(mark)")),
                headers: ["Idempotency-Key": "held-\(mark)"])
            #expect(held.status == 201, "\(held.text)")
            let hold = try held.decode(BookingView.self)
            let raceSlot = slots.removeFirst()
            let distinct = Array(slots.prefix(16)) + Array(denver.prefix(4))

            let started = Latch()
            let answered = Latch()
            let holdBooked = Box<Int>(0)
            var adapters = AdapterFactory.adapters(for: api.config, transport: URLSessionTransport())
            for i in adapters.indices {
                switch adapters[i].sourceName {
                case "lakeshore-st":
                    // The run has read what fieldsync holds and booked, and nothing of ServiceTitan yet.
                    adapters[i] = GatedAdapter(inner: adapters[i]) {
                        let reply = try? await api.send("POST", "/v1/holds/\(hold.bookingID)/book")
                        await holdBooked.set(reply?.status ?? -1)
                        await started.open()
                    }
                case "frontrange-hcp":
                    // Housecall Pro is read while the burst is still being answered.
                    adapters[i] = GatedAdapter(inner: adapters[i]) { await answered.wait() }
                default:
                    break
                }
            }
            let runner = api.reconciler(adapters: adapters)

            struct Answer: Sendable {
                var slot: Int?
                var status: Int
                var at: Date
                var view: BookingView?
            }
            @Sendable func runBurst() async throws -> [Answer] {
                await started.wait()
                return try await withThrowingTaskGroup(of: Answer.self) { group in
                    for (i, slot) in distinct.enumerated() {
                        let address = slot.source == "frontrange-hcp" ? APISamples.denver : APISamples.chicago
                        let phone = slot.source == "frontrange-hcp" ? "720-555-\(String(format: "%04d", 300 + i))" : "+1 312 555 \(String(format: "%04d", 300 + i))"
                        group.addTask {
                            let reply = try await api.book(
                                APISamples.booking(slot, name: "Caller \(i)", phone: phone, address: address, summary: "\(mark) caller \(i)"))
                            await answered.open()
                            return Answer(slot: i, status: reply.status, at: Date(), view: try? APIJSON.decoder.decode(BookingView.self, from: reply.body))
                        }
                    }
                    for i in 0..<6 {
                        group.addTask {
                            let reply = try await api.book(
                                APISamples.booking(raceSlot, name: "Racer \(i)", phone: "+1 312 555 \(String(format: "%04d", 400 + i))", summary: "\(mark) racer \(i)"))
                            await answered.open()
                            return Answer(slot: nil, status: reply.status, at: Date(), view: try? APIJSON.decoder.decode(BookingView.self, from: reply.body))
                        }
                    }
                    var all: [Answer] = []
                    for try await answer in group { all.append(answer) }
                    return all
                }
            }
            async let reconciled = runner.run(horizon: api.config.horizon.range(now: Date()))
            async let burst = runBurst()
            let report = try await reconciled
            let answers = try await burst

            // Every request got a well-formed answer; distinct slots were all booked; one racer won.
            #expect(await holdBooked.value == 201, "the hold was booked while the run read ServiceTitan")
            #expect(answers.count == distinct.count + 6)
            #expect(answers.allSatisfy { [201, 202, 409].contains($0.status) }, "\(answers.map(\.status).sorted())")
            #expect(answers.allSatisfy { $0.view != nil || $0.status == 409 }, "every success is a booking")
            let mine = answers.filter { $0.slot != nil }
            #expect(mine.allSatisfy { [201, 202].contains($0.status) }, "\(mine.map(\.status))")
            let racers = answers.filter { $0.slot == nil }
            #expect(racers.filter { [201, 202].contains($0.status) }.count == 1, "\(racers.map(\.status).sorted())")
            #expect(racers.filter { $0.status == 409 }.count == 5)
            #expect(answers.contains { $0.at > report.startedAt && $0.at < report.finishedAt }, "the burst overlapped the run")

            // The run completed, and nothing fieldsync itself wrote is a booking change or an over-hold.
            #expect(report.outcome != .incomplete, "\(report.sources.map { "\($0.source): \($0.state) \($0.notCompared)" })")
            #expect(report.sources.allSatisfy { $0.state == .compared })
            #expect(report.bookings.isEmpty, "\(report.bookings.map(\.message))")
            #expect(report.overHolds.isEmpty, "\(report.overHolds.map(\.message))")
            #expect(report.differences.allSatisfy { $0.repaired }, "\(report.differences.filter { !$0.repaired }.map(\.message))")

            // Wait for every booking to be written, then look at what they are in the backend.
            var ids = [try early.decode(BookingView.self).bookingID, hold.bookingID]
            ids += answers.compactMap { [201, 202].contains($0.status) ? $0.view?.bookingID : nil }
            var views: [BookingView] = []
            for id in ids {
                var view = try await api.send("GET", "/v1/bookings/\(id)").decode(BookingView.self)
                for _ in 0..<100 where view.status == "writing" {
                    try await Task.sleep(for: .milliseconds(200))
                    view = try await api.send("GET", "/v1/bookings/\(id)").decode(BookingView.self)
                }
                #expect(view.status == "confirmed", "\(view)")
                views.append(view)
            }
            let ourJobs = Set(views.compactMap(\.remote.jobID))
            let ourAppointments = Set(views.compactMap(\.remote.appointmentID))
            // Differences in the backends' jobs and appointments can only be fieldsync's own
            // bookings written while the run read, new to the cache: nothing else changed. One
            // booked before the run began is known to be fieldsync's own, and is not drift.
            let bookingRecords = report.differences.filter { ["job", "appointment"].contains($0.entity) && $0.backend != "icalendar" }
            for d in bookingRecords {
                #expect(d.change == .created, "\(d.message)")
                #expect((d.entity == "job" ? ourJobs : ourAppointments).contains(d.id), "\(d.message)")
                #expect(d.repaired)
            }
            #expect(!bookingRecords.contains { [views[0].remote.jobID, views[0].remote.appointmentID].contains($0.id) })

            // The next run watches them all and finds them as booked.
            let again = try await api.reconcile()
            #expect(again.bookings.isEmpty, "\(again.bookings.map(\.message))")
            #expect(again.overHolds.isEmpty, "\(again.overHolds.map(\.message))")
            #expect(again.outcome != .incomplete)
            #expect(!again.differences.contains { $0.change != .created && (ourJobs.contains($0.id) || ourAppointments.contains($0.id)) })
        }
    }

    static func mark() -> String { "rbk-\(UUID().uuidString.prefix(8))" }
}

// MARK: - Helpers

fileprivate extension APIHarness {
    /// ServiceTitan's technicians linked by the sandbox configuration: external id → fieldsync id.
    static let linkedServiceTitanTechnicians: KeyValuePairs<String, String> = [
        "10101": "maria-lopez", "10102": "dan-okafor", "10103": "priya-shah",
    ]

    /// A reconciliation of the harness's cache and configuration (checks left out: they are not
    /// what these tests are about).
    func reconciler(dryRun: Bool = false, adapters: [any SourceAdapter]? = nil) -> ReconcileRunner {
        var runner = ReconcileRunner(
            config: config, store: store,
            adapters: adapters ?? AdapterFactory.adapters(for: config, transport: URLSessionTransport()),
            logger: Logger(label: "test"), brake: config.massDelete, fieldsyncVersion: "test")
        runner.dryRun = dryRun
        runner.runChecks = false
        return runner
    }

    /// Reconciles every source over the configured horizon.
    func reconcile(dryRun: Bool = false) async throws -> ReconcileReport {
        try await reconciler(dryRun: dryRun).run(horizon: config.horizon.range(now: Date()))
    }

    /// Books the first ServiceTitan slot of a No Heat search through the API.
    func bookServiceTitan(summary: String) async throws -> (BookingView, SlotSearchAnswer.Slot) {
        let slot = try #require(try await search(APISamples.noHeatSearch()).slots.first { $0.source == "lakeshore-st" })
        let reply = try await book(APISamples.booking(slot, summary: summary))
        try #require(reply.status == 201, "\(reply.text)")
        let view = try reply.decode(BookingView.self)
        try #require(view.status == "confirmed")
        try #require(view.remote.appointmentID != nil)
        return (view, slot)
    }

    /// Books `slot`'s technician in ServiceTitan directly, as a dispatcher would in its own tool:
    /// a job, its appointment and the assignment, none of it known to the cache.
    func bookDirectly(_ slot: SlotSearchAnswer.Slot, summary: String) async throws -> RemoteBooking {
        let source = try #require(config.sources.first { $0.name == slot.source })
        let writer = try #require(BookingWriterFactory.writer(for: source, transport: URLSessionTransport()))
        let externalID = try #require(try store.technicianOrigin(id: slot.technicianID)?.externalID)
        return try await writer.create(
            BookingIntent(
                bookingID: "bk_direct_\(UUID().uuidString.prefix(8))", technicianExternalID: externalID, start: slot.start,
                end: slot.end, vendorJobType: "No Heat", customer: BookingCustomer(name: "Walk In", phone: "+1 312 555 0999"),
                address: Location(street: "1 N State St", city: "Chicago", region: "IL", postalCode: "60602", country: "US"),
                summary: summary, urgency: .routine))
    }

    /// Free slots of `source` that cannot take each other's place: one per technician and day.
    func distinctSlots(days: Int, source: String) async throws -> [SlotSearchAnswer.Slot] {
        var out: [SlotSearchAnswer.Slot] = []
        var taken: Set<String> = []
        for day in 0..<days {
            let from = APISamples.tomorrowMorning.addingTimeInterval(Double(day) * 86_400)
            var request = APISamples.noHeatSearch(from: from, limit: 20)
            request.to = from.addingTimeInterval(86_400)
            if source == "frontrange-hcp" {
                request.address = APISamples.denver
                request.technicianID = "sam-becker"
            }
            for slot in try await search(request).slots where slot.source == source && slot.start < from.addingTimeInterval(86_400) {
                if taken.insert("\(slot.technicianID)/\(day)").inserted { out.append(slot) }
            }
        }
        return out
    }
}

fileprivate extension APISamples {
    static let chicago = APIAddress(street: "1418 W Addison St", city: "Chicago", state: "IL", zip: "60613")
    static let denver = APIAddress(street: "1701 Wynkoop St", city: "Denver", state: "CO", zip: "80202")
}

/// An adapter that waits for `gate` before it reads: the reconciliation has by then read what
/// fieldsync holds and booked in the source (its watch), and nothing of the source yet.
private struct GatedAdapter: SourceAdapter {
    let inner: any SourceAdapter
    let gate: @Sendable () async -> Void

    var backend: String { inner.backend }
    var sourceName: String { inner.sourceName }

    func pull(_ request: PullRequest, into sink: any PullSink) async throws {
        await gate()
        try await inner.pull(request, into: sink)
    }
}

/// Opens once; everyone waiting goes on.
private actor Latch {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func open() {
        isOpen = true
        for w in waiting { w.resume() }
        waiting = []
    }

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// A value set from one task and read from another.
private actor Box<Value: Sendable> {
    private(set) var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ new: Value) { value = new }
}
