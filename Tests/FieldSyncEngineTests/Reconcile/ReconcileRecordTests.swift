import FieldSyncChecks
import FieldSyncCore
import FieldSyncEngine
import FieldSyncSandbox
import FieldSyncStore
import Foundation
import GRDB
import Testing

/// `fieldsync reconcile` against the sandbox, over real HTTP into a real cache: records changed,
/// added, deleted and reassigned in ServiceTitan and Housecall Pro behind the cache's back are
/// each reported once, field by field, the cache is repaired (or, in a dry run, left alone), the
/// run is recorded, and the next run is clean.
@Suite("Reconciling records changed behind the cache's back")
struct ReconcileRecordTests {
    static let st = "lakeshore-st"
    static let hcp = "frontrange-hcp"
    static let sam = "pro_81bf4e061aee548ddd145c76211e663a"
    static let tom = "pro_b5aaed70ab070cf66126631bc2deeaab"

    @Test("right after a sync, a reconciliation of every source is clean, exits 0, and changes no data")
    func cleanAfterSync() async throws {
        try await ReconcileHarness.with { h in
            let before = try h.snapshot()
            let report = try await h.reconcile()
            #expect(report.outcome == .clean)
            #expect(report.exitCode == 0)
            #expect(report.differences.isEmpty, "\(report.keys)")
            #expect(report.bookings.isEmpty && report.overHolds.isEmpty)
            #expect(report.summary.differences == 0 && report.summary.notRepaired == 0)
            #expect(report.summary.recordsRead > 1000)
            #expect(Set(report.sources.map(\.source)) == [Self.st, Self.hcp, "tech-calendars"])
            for source in report.sources {
                #expect(source.state == .compared, "\(source.source): \(source.notCompared)")
                #expect(source.notCompared.isEmpty, "\(source.source): \(source.notCompared)")
            }
            let st = try #require(report.source(Self.st))
            #expect(Set(st.compared).isSuperset(of: ["technicians", "availability", "customers", "locations", "jobs", "appointments", "assignments"]))
            let hcp = try #require(report.source(Self.hcp))
            #expect(Set(hcp.compared).isSuperset(of: ["technicians", "jobs", "appointments"]))
            #expect(report.json.contains("\"outcome\":\"clean\"") && report.json.contains("\"exit_code\":0"))

            let after = try h.snapshot()
            #expect(after == before, "\(after.difference(from: before))")
            let run = try #require(try h.store.reconcileRuns(since: .distantPast).first)
            #expect(run.id == report.runID && run.state == .clean && run.differences == 0 && !run.dryRun)
        }
    }

    @Test("a record only re-stamped at the backend (modified time moved, nothing fieldsync keeps changed) is not drift")
    func touchIsNotDrift() async throws {
        try await ReconcileHarness.with { h in
            try await h.server.touch(.serviceTitan(.jobs), id: "700166")
            try await h.server.touch(.serviceTitan(.appointments), id: "800163")
            try await h.server.touch(.serviceTitan(.appointmentAssignments), id: "900173")
            try await h.server.touch(.housecallPro(.jobs), id: "job_04502f6d59620de656daa5402b4cb5b9")
            let report = try await h.reconcile()
            #expect(report.outcome == .clean, "\(report.keys)")
            #expect(report.differences.isEmpty)
        }
    }

    @Test("changes made in ServiceTitan behind the cache's back are each reported once, the cache is repaired and recorded, and the next run is clean")
    func serviceTitanDrift() async throws {
        try await ReconcileHarness.with { h in
            let server = h.server
            // A job's summary and status edited in the office.
            try await server.update(
                .serviceTitan(.jobs), id: "700166", set: ["summary": "Spring AC tune-up; gate code 4417", "jobStatus": "Hold"])
            // An appointment moved three hours later.
            let moved = try #require(await server.record(.serviceTitan(.appointments), id: "800163"))
            let movedStart = SandboxTime.shifted(moved["start"]?.stringValue, by: 3 * 3600)
            let movedEnd = SandboxTime.shifted(moved["end"]?.stringValue, by: 3 * 3600)
            try await server.update(
                .serviceTitan(.appointments), id: "800163", set: ["start": .string(movedStart), "end": .string(movedEnd)])
            // An appointment and a job deleted.
            try await server.delete(.serviceTitan(.appointments), id: "800173")
            try await server.delete(.serviceTitan(.jobs), id: "700189")
            // A job booked by phone, with its appointment, assigned to Maria.
            let (newJob, newAppointment) = try await Self.addServiceTitanJob(server)
            // Reassigned as a dispatcher does it: Maria's assignment ends, Dan's begins.
            try await Self.reassign(server, assignment: "900173", to: 10102)
            // Reassigned in place: the assignment now names Maria instead of Sofia.
            try await server.update(
                .serviceTitan(.appointmentAssignments), id: "900180", set: ["technicianId": .int(10101), "technicianName": "Maria Lopez"])
            // A technician leaves; a customer is renamed.
            try await server.deactivate(.serviceTitan(.technicians), id: "10110")
            try await server.update(.serviceTitan(.customers), id: "400030", set: ["name": "Lakeshore Property Management"])

            let report = try await h.reconcile()
            let expected: Set<String> = [
                "job 700166 changed", "appointment 800163 changed", "appointment 800173 deleted", "job 700189 deleted",
                "job \(newJob) created", "appointment \(newAppointment) created", "appointment 800178 changed",
                "appointment 800185 changed", "technician 10110 deleted", "customer 400030 changed",
            ]
            #expect(report.keys.count == expected.count, "each change once: \(report.keys.sorted())")
            #expect(Set(report.keys) == expected)
            #expect(report.outcome == .repaired)
            #expect(report.exitCode == 1)
            #expect(report.differences.allSatisfy { $0.repaired && $0.source == Self.st && $0.backend == "servicetitan" })
            #expect(report.differences.allSatisfy { $0.message.contains($0.id) && $0.message.contains("ServiceTitan") })
            #expect(report.summary.created == 2 && report.summary.changed == 5 && report.summary.deleted == 3)
            #expect(report.summary.notRepaired == 0)

            // Field by field.
            let job = try report.difference("job", "700166")
            #expect(job.fields.map(\.name) == ["status", "summary"])
            #expect(job.field("status")?.before == "scheduled" && job.field("status")?.after == "on_hold")
            #expect(job.field("summary")?.before == "Spring AC tune-up")
            #expect(job.field("summary")?.after == "Spring AC tune-up; gate code 4417")
            let move = try report.difference("appointment", "800163")
            #expect(move.fields.map(\.name) == ["starts_at", "ends_at"])
            #expect(move.field("starts_at")?.after.flatMap(RFC3339.parseDate) == RFC3339.parseDate(movedStart))
            #expect(move.field("ends_at")?.after.flatMap(RFC3339.parseDate) == RFC3339.parseDate(movedEnd))
            #expect(
                try report.difference("appointment", "800178").fields
                    == [FieldChange(name: "technicians", before: "maria-lopez", after: "dan-okafor")])
            #expect(try report.difference("appointment", "800178").message.contains("maria-lopez → dan-okafor"))
            #expect(
                try report.difference("appointment", "800185").fields
                    == [FieldChange(name: "technicians", before: "lakeshore-st-10104", after: "maria-lopez")])
            #expect(try report.difference("customer", "400030").fields == [FieldChange(name: "name", before: nil, after: nil, isPersonal: true)])
            #expect(try report.difference("job", "\(newJob)").fields.isEmpty)

            let source = try #require(report.source(Self.st))
            #expect(source.state == .compared && source.notCompared.isEmpty, "\(source.notCompared)")
            #expect(source.counts["jobs"] == ["created": 1, "changed": 1, "deleted": 1])
            #expect(source.counts["appointments"] == ["created": 1, "changed": 3, "deleted": 1])
            #expect(source.counts["technicians"]?["deleted"] == 1 && source.counts["customers"]?["changed"] == 1)
            #expect(report.source(Self.hcp)?.counts.isEmpty == true)

            // The cache now says what ServiceTitan says.
            #expect(try h.value("SELECT status || '|' || summary FROM jobs WHERE source = ? AND external_id = '700166'", [Self.st]) == "on_hold|Spring AC tune-up; gate code 4417")
            #expect(try h.value("SELECT starts_at FROM appointments WHERE source = ? AND external_id = '800163'", [Self.st]) == RFC3339.parseDate(movedStart))
            #expect(try h.count("SELECT COUNT(*) FROM appointments WHERE external_id = '800173' AND deleted_at IS NOT NULL") == 1)
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE external_id = '700189' AND deleted_at IS NOT NULL") == 1)
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE external_id = ? AND number = 'RECONCILE-1' AND deleted_at IS NULL", ["\(newJob)"]) == 1)
            #expect(try h.technicians(onAppointment: "\(newAppointment)", source: Self.st) == ["maria-lopez"])
            #expect(try h.technicians(onAppointment: "800178", source: Self.st) == ["dan-okafor"])
            #expect(try h.technicians(onAppointment: "800185", source: Self.st) == ["maria-lopez"])
            #expect(try h.value("SELECT active FROM technicians WHERE id = 'lakeshore-st-10110'") == false)
            #expect(try h.value("SELECT name FROM customers WHERE source = ? AND external_id = '400030'", [Self.st]) == "Lakeshore Property Management")
            let repaired = try h.snapshot()
            let fresh = try await h.freshSnapshot()
            #expect(repaired == fresh, "the repaired cache is what a fresh sync gives:\n\(repaired.difference(from: fresh))")

            // The run is in the history, with its counts and differences.
            let run = try #require(try h.store.reconcileRuns(since: .distantPast).first)
            #expect(run.id == report.runID && run.state == .repaired && !run.dryRun)
            #expect(run.created == 2 && run.changed == 5 && run.deleted == 3 && run.notRepaired == 0)
            let rows = try h.store.reconcileDifferences(run: run.id)
            #expect(Set(rows.map { "\($0.entity ?? "") \($0.externalID ?? "") \($0.change ?? "")" }) == expected)
            #expect(rows.count == expected.count && rows.allSatisfy { $0.kind == "record" && $0.source == Self.st })
            #expect(report.history.first?.runID == report.runID)

            let second = try await h.reconcile()
            #expect(second.outcome == .clean, "\(second.keys)")
            #expect(second.exitCode == 0 && second.differences.isEmpty)
            let history = try h.store.reconcileRuns(since: .distantPast)
            #expect(history.map(\.state) == [.clean, .repaired])
            #expect(second.history.map(\.runID) == history.map(\.id))
        }
    }

    @Test("changes made in Housecall Pro behind the cache's back are each reported once, repaired, and the next run is clean")
    func housecallProDrift() async throws {
        try await ReconcileHarness.with { h in
            let server = h.server
            // A job's description edited.
            try await server.update(
                .housecallPro(.jobs), id: "job_04502f6d59620de656daa5402b4cb5b9", set: ["description": "Main line clog; bring the camera"])
            // A job deleted: it vanishes from the list, and its visit with it.
            try await server.delete(.housecallPro(.jobs), id: "job_d20e2a68b6a0e1d993571f73eb69cf77")
            // Tom's job given to Sam.
            try await Self.reassignHousecallPro(server, job: "job_28932181cee5776f6e6d864205cd1f33", to: Self.sam)
            // A visit moved two hours later.
            let moveJob = "job_2b316def95eafcd16a21a96e8ea1faa1"
            let visit = try #require(
                await server.record(.housecallPro(.jobs), id: moveJob)?["schedule"]?["appointments"]?.arrayValue?.first)
            let movedStart = SandboxTime.shifted(visit["start_time"]?.stringValue, by: 7200)
            try await server.update(.housecallPro(.jobs), id: moveJob) { job in
                guard var schedule = job["schedule"], var items = schedule["appointments"]?.arrayValue, !items.isEmpty else { return }
                items[0]["start_time"] = .string(SandboxTime.shifted(items[0]["start_time"]?.stringValue, by: 7200))
                items[0]["end_time"] = .string(SandboxTime.shifted(items[0]["end_time"]?.stringValue, by: 7200))
                schedule["appointments"] = .array(items)
                schedule["scheduled_start"] = .string(SandboxTime.shifted(schedule["scheduled_start"]?.stringValue, by: 7200))
                schedule["scheduled_end"] = .string(SandboxTime.shifted(schedule["scheduled_end"]?.stringValue, by: 7200))
                job["schedule"] = schedule
            }
            // A job booked in the app, never synced.
            var copy = try #require(await server.record(.housecallPro(.jobs), id: "job_70c4af02eb92a73df27877d03aab726e"))
            copy["id"] = nil
            copy["invoice_number"] = "9001"
            copy["description"] = "Booked in the app"
            if var schedule = copy["schedule"], var items = schedule["appointments"]?.arrayValue, !items.isEmpty {
                items[0]["id"] = "appt_reconcile_new"
                schedule["appointments"] = .array(items)
                copy["schedule"] = schedule
            }
            let added = try await server.add(.housecallPro(.jobs), record: copy)
            let newJob = try #require(added["id"]?.stringValue)

            let report = try await h.reconcile()
            let expected: Set<String> = [
                "job job_04502f6d59620de656daa5402b4cb5b9 changed", "job job_d20e2a68b6a0e1d993571f73eb69cf77 deleted",
                "appointment appt_bad31cde90ff35f8490a9d7bdaaabf0b deleted", "appointment appt_19d71b906bfee8ca452f8e6eca04927f changed",
                "appointment appt_71135907b7997b9d57af1233f506392e changed", "job \(newJob) created",
                "appointment appt_reconcile_new created",
            ]
            #expect(report.keys.count == expected.count, "each change once: \(report.keys.sorted())")
            #expect(Set(report.keys) == expected)
            #expect(report.outcome == .repaired && report.exitCode == 1, "\(report.sources.map { "\($0.source): \($0.notCompared)" })")
            #expect(
                report.differences.allSatisfy { $0.repaired && $0.source == Self.hcp && $0.backend == "housecallpro" },
                "\(report.differences.filter { !$0.repaired }.map(\.key))")
            #expect(report.differences.allSatisfy { $0.message.contains("Housecall Pro") })
            #expect(report.summary.created == 2 && report.summary.changed == 3 && report.summary.deleted == 2)

            #expect(
                try report.difference("job", "job_04502f6d59620de656daa5402b4cb5b9").fields
                    == [FieldChange(name: "summary", before: "Main line clog", after: "Main line clog; bring the camera")])
            #expect(
                try report.difference("appointment", "appt_19d71b906bfee8ca452f8e6eca04927f").fields
                    == [FieldChange(name: "technicians", before: "frontrange-hcp-\(Self.tom)", after: "sam-becker")])
            let move = try report.difference("appointment", "appt_71135907b7997b9d57af1233f506392e")
            #expect(move.field("starts_at")?.after.flatMap(RFC3339.parseDate) == RFC3339.parseDate(movedStart))
            #expect(move.field("ends_at") != nil && move.field("technicians") == nil)
            #expect(report.source(Self.hcp)?.state == .compared)
            #expect(report.source(Self.st)?.counts.isEmpty == true)

            #expect(try h.value("SELECT summary FROM jobs WHERE external_id = 'job_04502f6d59620de656daa5402b4cb5b9'") == "Main line clog; bring the camera")
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE external_id = 'job_d20e2a68b6a0e1d993571f73eb69cf77' AND deleted_at IS NOT NULL") == 1)
            #expect(try h.count("SELECT COUNT(*) FROM appointments WHERE external_id = 'appt_bad31cde90ff35f8490a9d7bdaaabf0b' AND deleted_at IS NOT NULL") == 1)
            #expect(try h.technicians(onAppointment: "appt_19d71b906bfee8ca452f8e6eca04927f", source: Self.hcp) == ["sam-becker"])
            #expect(try h.value("SELECT starts_at FROM appointments WHERE external_id = 'appt_71135907b7997b9d57af1233f506392e'") == RFC3339.parseDate(movedStart))
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE external_id = ? AND deleted_at IS NULL", [newJob]) == 1)
            #expect(try h.count("SELECT COUNT(*) FROM appointments WHERE external_id = 'appt_reconcile_new' AND job_external_id = ?", [newJob]) == 1)
            let repaired = try h.snapshot()
            let fresh = try await h.freshSnapshot()
            #expect(repaired == fresh, "the repaired cache is what a fresh sync gives:\n\(repaired.difference(from: fresh))")

            let run = try #require(try h.store.reconcileRuns(since: .distantPast).first)
            #expect(run.state == .repaired && run.created == 2 && run.changed == 3 && run.deleted == 2)

            let second = try await h.reconcile()
            #expect(second.outcome == .clean, "\(second.keys)")
            #expect(second.differences.isEmpty && second.exitCode == 0)
        }
    }

    @Test("a dry run reports the same differences, repairs nothing, exits 1 as drift found, and a repair run after it repairs them")
    func dryRun() async throws {
        try await ReconcileHarness.with { h in
            let server = h.server
            try await server.update(.serviceTitan(.jobs), id: "700166", set: ["summary": "Dry run summary"])
            try await server.delete(.serviceTitan(.appointments), id: "800173")
            try await server.update(.serviceTitan(.appointmentAssignments), id: "900180", set: ["technicianId": .int(10101)])
            try await server.update(.housecallPro(.jobs), id: "job_04502f6d59620de656daa5402b4cb5b9", set: ["description": "Dry run"])
            try await server.delete(.housecallPro(.jobs), id: "job_d20e2a68b6a0e1d993571f73eb69cf77")
            let expected: Set<String> = [
                "job 700166 changed", "appointment 800173 deleted", "appointment 800185 changed",
                "job job_04502f6d59620de656daa5402b4cb5b9 changed", "job job_d20e2a68b6a0e1d993571f73eb69cf77 deleted",
                "appointment appt_bad31cde90ff35f8490a9d7bdaaabf0b deleted",
            ]

            let before = try h.tableContents()
            let dry = try await h.reconcile(dryRun: true, runChecks: true)
            #expect(dry.keys.count == expected.count && Set(dry.keys) == expected, "\(dry.keys.sorted())")
            #expect(dry.differences.allSatisfy { !$0.repaired })
            #expect(dry.outcome == .driftFound)
            #expect(dry.exitCode == 1)
            #expect(dry.summary.notRepaired == expected.count)
            #expect(dry.json.contains("\"mode\":\"dry_run\""))
            #expect(
                try dry.difference("appointment", "800185").fields
                    == [FieldChange(name: "technicians", before: "lakeshore-st-10104", after: "maria-lopez")])
            let after = try h.tableContents()
            for table in Set(before.keys).union(after.keys).sorted() {
                let was = Set(before[table] ?? [])
                let now = Set(after[table] ?? [])
                #expect(was == now, "a dry run changed \(table): +\(now.subtracting(was).prefix(3)) -\(was.subtracting(now).prefix(3))")
            }
            let dryRun = try #require(try h.store.reconcileRuns(since: .distantPast).first)
            #expect(dryRun.dryRun && dryRun.state == .driftFound && dryRun.notRepaired == expected.count)

            let repair = try await h.reconcile()
            #expect(Set(repair.keys) == expected && repair.keys.count == expected.count, "\(repair.keys.sorted())")
            #expect(repair.differences.allSatisfy { $0.repaired })
            #expect(repair.outcome == .repaired && repair.exitCode == 1, "\(repair.sources.map { "\($0.source): \($0.notCompared)" })")
            #expect(try h.value("SELECT summary FROM jobs WHERE external_id = '700166'") == "Dry run summary")

            let clean = try await h.reconcile()
            #expect(clean.outcome == .clean, "\(clean.keys)")
            #expect(try h.store.reconcileRuns(since: .distantPast).map(\.state) == [.clean, .repaired, .driftFound])
        }
    }

    @Test("a customer's name and phone changed at the backend are reported as personal data: named, never shown")
    func personalData() async throws {
        try await ReconcileHarness.with { h in
            let server = h.server
            let oldName = try #require(await server.record(.serviceTitan(.customers), id: "400117")?["name"]?.stringValue)
            let oldPhone: String = try #require(
                try h.value("SELECT phone FROM customers WHERE source = ? AND external_id = '400117'", [Self.st]))
            let contact = try #require(
                await server.records(.serviceTitan(.customerContacts)).first {
                    $0["customerId"]?.intValue == 400117 && $0["value"]?.stringValue == oldPhone
                })
            let contactID = try #require(contact["id"]?.intValue)
            let newName = "Zora Quimby-Test"
            let newPhone = "312-555-0199"
            try await server.update(.serviceTitan(.customers), id: "400117", set: ["name": .string(newName)])
            try await server.update(.serviceTitan(.customerContacts), id: "\(contactID)", set: ["value": .string(newPhone)])

            let report = try await h.reconcile()
            #expect(report.keys == ["customer 400117 changed"], "one difference for the customer: \(report.keys)")
            let customer = try report.difference("customer", "400117")
            #expect(Set(customer.fields.map(\.name)) == ["name", "phone"], "both changes, in one difference")
            #expect(customer.fields.allSatisfy { $0.isPersonal && $0.before == nil && $0.after == nil })
            #expect(customer.message.contains("name changed") && customer.message.contains("phone changed"))
            #expect(customer.repaired && report.outcome == .repaired)

            var texts = [report.json, customer.message]
            texts += try h.store.reconcileDifferences(run: try #require(report.runID)).map(\.detail)
            for text in texts {
                for secret in [oldName, newName, oldPhone, newPhone] {
                    #expect(!text.contains(secret), "the report shows personal data")
                }
            }
            #expect(report.json.contains("\"personal\":true"))

            #expect(try h.value("SELECT name || '|' || phone FROM customers WHERE source = ? AND external_id = '400117'", [Self.st]) == "\(newName)|\(newPhone)")
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE source = ? AND customer_external_id = '400117' AND customer_phone != ?", [Self.st, newPhone]) == 0)
            let second = try await h.reconcile()
            #expect(second.outcome == .clean, "\(second.keys)")
        }
    }

    @Test("deletions past the mass-delete brake are reported but held, the run is incomplete (exit 2), and released they are applied")
    func massDeleteBrake() async throws {
        try await ReconcileHarness.with { h in
            let ids = await h.server.records(.serviceTitan(.jobs)).compactMap { $0["id"]?.intValue }.prefix(200)
            for id in ids { try await h.server.delete(.serviceTitan(.jobs), id: "\(id)") }
            // Quarantined jobs were never cached: their deletion is not drift.
            let cached = try ids.filter {
                try h.count("SELECT COUNT(*) FROM jobs WHERE source = ? AND external_id = ? AND deleted_at IS NULL", [Self.st, "\($0)"]) == 1
            }
            let expected = Set(cached.map { "job \($0) deleted" })
            #expect(expected.count > 150)

            let held = try await h.reconcile()
            #expect(held.keys.count == expected.count && Set(held.keys) == expected)
            #expect(held.differences.allSatisfy { !$0.repaired })
            #expect(held.outcome == .incomplete)
            #expect(held.exitCode == 2)
            #expect(held.summary.notRepaired == expected.count)
            let st = try #require(held.source(Self.st))
            #expect(st.state == .incomplete)
            #expect(st.notCompared.contains { $0.contains("mass-delete brake") && $0.contains("--allow-mass-delete") }, "\(st.notCompared)")
            #expect(held.source(Self.hcp)?.state == .compared)
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE source = ? AND deleted_at IS NOT NULL", [Self.st]) == 0)
            let run = try #require(try h.store.reconcileRuns(since: .distantPast).first)
            #expect(run.state == .incomplete && run.deleted == expected.count && run.notRepaired == expected.count)
            #expect(run.notCompared.contains("mass-delete brake"))

            let released = try await h.reconcile(brake: MassDeleteBrake(isReleased: true))
            #expect(Set(released.keys) == expected && released.keys.count == expected.count)
            #expect(released.differences.allSatisfy { $0.repaired })
            #expect(released.outcome == .repaired && released.exitCode == 1)
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE source = ? AND deleted_at IS NOT NULL", [Self.st]) == expected.count)

            let clean = try await h.reconcile()
            #expect(clean.outcome == .clean, "\(clean.keys.prefix(5))")
        }
    }

    @Test("a source that fails part-way makes the run incomplete (exit 2), says what was not compared, leaves the cache consistent, and the other sources are still compared and repaired")
    func sourceFailsPartWay() async throws {
        try await ReconcileHarness.with { h in
            // The same data served again, with ServiceTitan's job export failing every time.
            let faulty = try await ReconcileHarness.startSandbox(faults: ["503:path=jpm/v2/tenant/1000001/export/jobs,times=all"])
            defer { Task { await faulty.stop() } }
            // One edit in Housecall Pro, made in both sandboxes.
            let id = "job_04502f6d59620de656daa5402b4cb5b9"
            for server in [h.server, faulty.server] {
                try await server.update(.housecallPro(.jobs), id: id, set: ["description": "Edited while ServiceTitan was down"])
            }
            let before = try h.snapshot()

            let report = try await h.reconcile(against: faulty)
            #expect(report.outcome == .incomplete)
            #expect(report.exitCode == 2)
            let st = try #require(report.source(Self.st))
            #expect(st.state == .incomplete || st.state == .failed)
            #expect(!st.compared.contains("jobs"), "\(st.compared)")
            #expect(st.compared.contains("appointments"), "what was read was compared: \(st.compared)")
            #expect(st.notCompared.contains { $0.contains("jobs") }, "\(st.notCompared)")
            let hcp = try #require(report.source(Self.hcp))
            #expect(hcp.state == .compared && hcp.notCompared.isEmpty)
            #expect(report.source("tech-calendars")?.state == .compared)
            #expect(report.keys == ["job \(id) changed"])
            #expect(try report.difference("job", id).repaired)
            #expect(await faulty.server.faultCounts().reduce(0) { $0 + $1.fired } > 0)

            // Nothing of ServiceTitan was lost: its jobs were not read, so none is deleted.
            // (Less the edited job, and its visit, which carries the job's version.)
            var after = try h.snapshot()
            var expected = before
            after.tables = after.tables.mapValues { $0.filter { !$0.contains(id) } }
            expected.tables = expected.tables.mapValues { $0.filter { !$0.contains(id) } }
            #expect(after == expected, "\(after.difference(from: expected))")
            #expect(try h.count("SELECT COUNT(*) FROM jobs WHERE source = ? AND deleted_at IS NOT NULL", [Self.st]) == 0)
            let run = try #require(try h.store.reconcileRuns(since: .distantPast).first)
            #expect(run.state == .incomplete && run.notCompared.contains("jobs"))

            let healthy = try await h.reconcile()
            #expect(healthy.outcome == .clean, "\(healthy.keys)")
        }
    }

    @Test("drift that makes a scheduling problem is followed by the checks: the report lists the new finding once")
    func newFindings() async throws {
        try await ReconcileHarness.with(checked: true) { h in
            // Sofia's 16:30 visit moved onto her 14:00–16:00 one.
            let other = try #require(await h.server.record(.serviceTitan(.appointments), id: "800165"))
            let start = SandboxTime.shifted(other["start"]?.stringValue, by: 3600)
            let end = SandboxTime.shifted(other["start"]?.stringValue, by: 7200)
            try await h.server.update(.serviceTitan(.appointments), id: "800166", set: ["start": .string(start), "end": .string(end)])

            let report = try await h.reconcile(runChecks: true)
            #expect(report.keys == ["appointment 800166 changed"])
            let findings = try #require(report.findings)
            #expect(findings.error == nil)
            let doubleBookings = findings.new.filter { f in
                f.kind == "double_booking" && Set(f.records.map(\.id)).isSuperset(of: ["800165", "800166"])
            }
            #expect(doubleBookings.count == 1, "\(findings.new.map { "\($0.kind): \($0.message)" })")
            #expect(report.summary.newFindings == findings.new.count)
            #expect(findings.open > findings.new.count)

            let second = try await h.reconcile(runChecks: true)
            #expect(second.outcome == .clean)
            #expect(second.findings?.new.isEmpty == true, "\(second.findings?.new.map(\.message) ?? [])")
        }
    }

    // MARK: Changing the sandbox

    /// Adds a ServiceTitan job (a copy of 700171), one appointment a day after 800176's, and
    /// Maria's assignment to it; returns the new job's and appointment's ids.
    static func addServiceTitanJob(_ server: SandboxServer) async throws -> (job: Int64, appointment: Int64) {
        var job = try #require(await server.record(.serviceTitan(.jobs), id: "700171"))
        job["id"] = nil
        job["jobNumber"] = "RECONCILE-1"
        job["summary"] = "Booked by phone, never synced"
        let jobID = try #require(try await server.add(.serviceTitan(.jobs), record: job)["id"]?.intValue)
        var appointment = try #require(await server.record(.serviceTitan(.appointments), id: "800176"))
        appointment["id"] = nil
        appointment["jobId"] = .int(jobID)
        appointment["appointmentNumber"] = .string("\(jobID)-1")
        for key in ["start", "end", "arrivalWindowStart", "arrivalWindowEnd"] {
            appointment[key] = .string(SandboxTime.shifted(appointment[key]?.stringValue, by: 86_400))
        }
        let appointmentID = try #require(
            try await server.add(.serviceTitan(.appointments), record: appointment)["id"]?.intValue)
        var assignment = try #require(await server.record(.serviceTitan(.appointmentAssignments), id: "900172"))
        assignment["id"] = nil
        assignment["appointmentId"] = .int(appointmentID)
        assignment["jobId"] = .int(jobID)
        assignment["technicianId"] = .int(10101)
        assignment["technicianName"] = "Maria Lopez"
        try await server.add(.serviceTitan(.appointmentAssignments), record: assignment)
        return (jobID, appointmentID)
    }

    /// Ends a ServiceTitan assignment and assigns the appointment to `technician` instead.
    static func reassign(_ server: SandboxServer, assignment id: String, to technician: Int64) async throws {
        try await server.deactivate(.serviceTitan(.appointmentAssignments), id: id)
        var copy = try #require(await server.record(.serviceTitan(.appointmentAssignments), id: id))
        copy["id"] = nil
        copy["technicianId"] = .int(technician)
        copy["technicianName"] = nil
        copy["active"] = true
        try await server.add(.serviceTitan(.appointmentAssignments), record: copy)
    }

    /// Gives a Housecall Pro job, and its visits, to one employee.
    static func reassignHousecallPro(_ server: SandboxServer, job id: String, to employee: String) async throws {
        let who = try #require(await server.record(.housecallPro(.employees), id: employee))
        try await server.update(.housecallPro(.jobs), id: id) { job in
            job["assigned_employees"] = [who]
            guard var schedule = job["schedule"], var items = schedule["appointments"]?.arrayValue else { return }
            for i in items.indices { items[i]["dispatched_employees_ids"] = [.string(employee)] }
            schedule["appointments"] = .array(items)
            job["schedule"] = schedule
        }
    }
}
