import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Testing

/// What field-service backends (ServiceTitan, Housecall Pro) send, page by page: customers and
/// locations apart from jobs, assignments apart from appointments, tombstones and sweeps.
@Suite("Applying field-service pages")
struct FieldServiceApplyTests {
    static let source = "shop"

    static func ref(_ id: String, version: String = "1") -> SourceRef {
        SourceRef(backend: "servicetitan", source: source, externalID: id, remoteVersion: version)
    }

    static func technician(_ id: String, active: Bool = true) -> Technician {
        Technician(id: "shop-\(id)", name: "Tech \(id)", active: active, zones: ["North"], source: ref(id))
    }

    static func job(_ id: String, customer: String? = "c1", location: String? = "l1", status: String = "scheduled") -> Job {
        Job(
            customer: Customer(), jobType: "hvac.no_heat", requiredSkills: ["hvac"], urgency: .urgent, status: status,
            customerExternalID: customer, locationExternalID: location, trade: "hvac", vendorJobType: "No Heat",
            number: "J-\(id)", source: ref(id))
    }

    static func appointment(_ id: String, job: String = "j1", separately: Bool = true, technicians: [String] = []) -> Appointment {
        Appointment(
            jobExternalID: job, range: TimeRange(start: Sample.hours(1), end: Sample.hours(3)), technicianIDs: technicians,
            status: "scheduled", assignedSeparately: separately, source: ref(id))
    }

    /// Applies pages as one run (numbered by the cache) and returns the run id and the summed result.
    @discardableResult
    static func run(_ store: CacheStore, _ pages: [PullBatch], now: Date = Sample.t0) throws -> (run: Int64, result: ApplyResult) {
        let run = try store.beginRun(
            invocationID: UUID().uuidString, source: source, backend: "servicetitan", horizon: Sample.horizon, now: now,
            fieldsyncVersion: "test")
        var total = ApplyResult()
        for page in pages {
            total.add(
                try store.apply(page, run: run, backend: "servicetitan", source: source, resolveMissingRejects: false, now: now))
        }
        try store.finishRun(run, state: .succeeded, counts: total, error: nil, failures: [], now: now)
        return (run, total)
    }

    static func page(_ build: (inout PullBatch) -> Void) -> PullBatch {
        var batch = PullBatch()
        build(&batch)
        return batch
    }

    static func row(_ store: CacheStore, _ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        let queue = try DatabaseQueue(path: store.path)
        return try queue.read { try Row.fetchOne($0, sql: sql, arguments: arguments) }
    }

    @Test("a job takes its customer's name and phone and its location's address, whichever page came first")
    func jobDetailsFromCustomerAndLocation() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try Self.run(store, [
            Self.page { $0.jobs = [Self.job("j1")] },
            Self.page {
                $0.customers = [CustomerRecord(customer: Customer(name: "Ada Byron", phone: "+1-312-555-0100"), source: Self.ref("c1"))]
                $0.locations = [
                    ServiceLocation(
                        customerExternalID: "c1", address: Location(street: "1 Main St", city: "Chicago", region: "IL", postalCode: "60601"),
                        source: Self.ref("l1"))
                ]
            },
        ])
        var job = try #require(try Self.row(store, "SELECT * FROM jobs WHERE external_id = 'j1'"))
        #expect(job["customer_name"] as String? == "Ada Byron")
        #expect(job["customer_phone"] as String? == "+1-312-555-0100")
        #expect(job["street"] as String? == "1 Main St")
        #expect(job["postal_code"] as String? == "60601")
        #expect(job["vendor_job_type"] as String? == "No Heat")
        #expect(job["number"] as String? == "J-j1")

        // The job changes later: it keeps the customer's details from the cache.
        var changed = Self.job("j1", status: "in_progress")
        changed.source.remoteVersion = "2"
        try Self.run(store, [Self.page { $0.jobs = [changed] }])
        job = try #require(try Self.row(store, "SELECT * FROM jobs WHERE external_id = 'j1'"))
        #expect(job["status"] as String? == "in_progress")
        #expect(job["customer_name"] as String? == "Ada Byron")
        #expect(job["city"] as String? == "Chicago")
    }

    @Test("assignments link technicians to appointments in either order, and an inactive one unlinks")
    func assignmentsInEitherOrder() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let assignment = AppointmentAssignment(appointmentExternalID: "a1", technicianID: "shop-7", source: Self.ref("as1"))
        try Self.run(store, [
            Self.page { $0.technicians = [Self.technician("7")] },
            Self.page { $0.assignments = [assignment] },
            Self.page { $0.jobs = [Self.job("j1")]; $0.appointments = [Self.appointment("a1")] },
        ])
        let linked = try Self.row(
            store, "SELECT COUNT(*) AS n FROM appointment_technicians WHERE technician_id = 'shop-7'")
        #expect(linked?["n"] as Int? == 1)

        // The appointment changes: its links stay, because they come from assignment records.
        var moved = Self.appointment("a1")
        moved.range = TimeRange(start: Sample.hours(5), end: Sample.hours(7))
        moved.source.remoteVersion = "2"
        try Self.run(store, [Self.page { $0.appointments = [moved] }])
        #expect(try Self.row(store, "SELECT COUNT(*) AS n FROM appointment_technicians")?["n"] as Int? == 1)

        var unassigned = assignment
        unassigned.active = false
        unassigned.source.remoteVersion = "2"
        try Self.run(store, [Self.page { $0.assignments = [unassigned] }])
        #expect(try Self.row(store, "SELECT COUNT(*) AS n FROM appointment_technicians")?["n"] as Int? == 0)
    }

    @Test("tombstones deactivate technicians, remove windows and mark jobs and appointments deleted; a record that comes back is live again")
    func tombstones() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let window = AvailabilityWindow(
            technicianID: "shop-7", range: TimeRange(start: Sample.hours(0), end: Sample.hours(8)), kind: .shift,
            source: Self.ref("s1"))
        try Self.run(store, [
            Self.page {
                $0.technicians = [Self.technician("7")]
                $0.availability = [window]
                $0.jobs = [Self.job("j1")]
                $0.appointments = [Self.appointment("a1")]
            }
        ])
        let (_, result) = try Self.run(store, [
            Self.page {
                $0.tombstones = [
                    Tombstone(entity: .technicians, externalID: "7"), Tombstone(entity: .availability, externalID: "s1"),
                    Tombstone(entity: .jobs, externalID: "j1"), Tombstone(entity: .appointments, externalID: "a1"),
                    Tombstone(entity: .jobs, externalID: "never-seen"),
                ]
            }
        ])
        #expect(result.entities["jobs"]?.deleted == 1)
        #expect(result.entities["technicians"]?.deleted == 1)
        #expect(result.entities["availability"]?.deleted == 1)
        #expect(try Self.row(store, "SELECT active FROM technicians WHERE id = 'shop-7'")?["active"] as Bool? == false)
        #expect(try Self.row(store, "SELECT COUNT(*) AS n FROM availability_windows")?["n"] as Int? == 0)
        #expect(try Self.row(store, "SELECT deleted_at FROM jobs WHERE external_id = 'j1'")?["deleted_at"] as Date? == Sample.t0)
        #expect(try Self.row(store, "SELECT deleted_at FROM appointments WHERE external_id = 'a1'")?["deleted_at"] as Date? != nil)

        // Restored at the backend: the same record, unchanged, comes back to life.
        let (_, again) = try Self.run(store, [Self.page { $0.jobs = [Self.job("j1")] }])
        #expect(again.entities["jobs"]?.updated == 1)
        #expect(try Self.row(store, "SELECT deleted_at FROM jobs WHERE external_id = 'j1'")?["deleted_at"] as Date? == nil)
    }

    @Test("a sweep marks deleted what its pass did not see, even when the pass spanned two runs")
    func sweepAcrossRuns() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try Self.run(store, [Self.page { $0.jobs = ["j1", "j2", "j3"].map { Self.job($0) } }])
        // A full pass begins, sees j1, and the run dies.
        let (passStart, _) = try Self.run(store, [Self.page { $0.jobs = [Self.job("j1")] }])
        // The next run resumes the pass, sees j3, and ends it.
        let (_, result) = try Self.run(store, [
            Self.page {
                $0.jobs = [Self.job("j3")]
                $0.sweeps = [Sweep(entity: .jobs, sinceRun: passStart)]
            }
        ])
        #expect(result.entities["jobs"]?.deleted == 1)
        let deleted = try Self.row(store, "SELECT group_concat(external_id) AS ids FROM jobs WHERE deleted_at IS NOT NULL")
        #expect(deleted?["ids"] as String? == "j2")
    }

    @Test("runs that overlap: a row an older run sees again keeps the newer run's stamp, so the newer pass's sweep keeps it")
    func overlappingRuns() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try Self.run(store, [Self.page { $0.jobs = ["j1", "j2"].map { Self.job($0) } }])
        // A sync begins (older run), then a reconciliation's pass begins (newer run) and sees j1.
        let older = try store.beginRun(
            invocationID: "older", source: Self.source, backend: "servicetitan", horizon: Sample.horizon, now: Sample.t0,
            fieldsyncVersion: "test")
        let newer = try store.beginRun(
            invocationID: "newer", source: Self.source, backend: "servicetitan", horizon: Sample.horizon, now: Sample.t0,
            fieldsyncVersion: "test")
        _ = try store.apply(
            Self.page { $0.jobs = [Self.job("j1")] }, run: newer, backend: "servicetitan", source: Self.source,
            resolveMissingRejects: false, now: Sample.t0)
        // The older sync, still running, applies a page that has j1 too.
        _ = try store.apply(
            Self.page { $0.jobs = [Self.job("j1")] }, run: older, backend: "servicetitan", source: Self.source,
            resolveMissingRejects: false, now: Sample.t0)
        #expect(try Self.row(store, "SELECT last_sync_run_id FROM jobs WHERE external_id = 'j1'")?[0] as Int64? == newer)
        // The newer pass ends: only j2, which it did not see, is gone.
        let result = try store.apply(
            Self.page { $0.sweeps = [Sweep(entity: .jobs, sinceRun: newer)] }, run: newer, backend: "servicetitan",
            source: Self.source, resolveMissingRejects: false, now: Sample.t0)
        #expect(result.entities["jobs"]?.deleted == 1)
        let deleted = try Self.row(store, "SELECT group_concat(external_id) AS ids FROM jobs WHERE deleted_at IS NOT NULL")
        #expect(deleted?["ids"] as String? == "j2")
    }

    @Test("a sweep with a range leaves rows outside it alone")
    func sweepRange() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        var late = Self.appointment("late", separately: false)
        late.range = TimeRange(start: Sample.hours(24 * 60), end: Sample.hours(24 * 60 + 2))
        try Self.run(store, [Self.page { $0.appointments = [Self.appointment("a1", separately: false), late] }])
        let (_, result) = try Self.run(store, [
            Self.page { $0.sweeps = [Sweep(entity: .appointments, sinceRun: 2, range: Sample.horizon)] }
        ])
        #expect(result.entities["appointments"]?.deleted == 1)
        #expect(try Self.row(store, "SELECT deleted_at FROM appointments WHERE external_id = 'late'")?["deleted_at"] as Date? == nil)
    }

    @Test("deletions queued over a run's pages land together at its end, unless together they trip the brake")
    func brakeOverTheWholeRun() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let ids = (1...20).map { "j\($0)" }
        try Self.run(store, [Self.page { $0.jobs = ids.map { Self.job($0) } }])
        let budget = DeletionBudget(brake: MassDeleteBrake(), baseline: try store.liveCounts(source: Self.source))
        #expect(budget.baseline[.jobs] == 20)

        let run = try store.beginRun(
            invocationID: "brake", source: Self.source, backend: "servicetitan", horizon: Sample.horizon, now: Sample.t0,
            fieldsyncVersion: "test")
        // Two pages of eight and four tombstones: each small, twelve of twenty together.
        for chunk in [ids.prefix(8), ids.dropFirst(8).prefix(4)] {
            var page = PullBatch()
            page.tombstones = chunk.map { Tombstone(entity: .jobs, externalID: $0) }
            _ = try store.apply(
                page, run: run, backend: "servicetitan", source: Self.source, resolveMissingRejects: false,
                deferDeletions: true, now: Sample.t0)
        }
        #expect(try Self.row(store, "SELECT COUNT(*) AS n FROM jobs WHERE deleted_at IS NULL")?["n"] as Int? == 20)
        let held = try store.applyPendingDeletions(source: Self.source, budget: budget, now: Sample.t0)
        #expect(held.heldBack == 12)
        #expect(held.notes.contains { $0.contains("12 of its 20 cached jobs") && $0.contains("--allow-mass-delete") })
        #expect(try Self.row(store, "SELECT COUNT(*) AS n FROM jobs WHERE deleted_at IS NULL")?["n"] as Int? == 20)

        // One job comes back live before the operator decides: it is no longer to be deleted.
        var revived = Self.job("j1")
        revived.source.remoteVersion = "2"
        try Self.run(store, [Self.page { $0.jobs = [revived] }])

        // The queue waits for the operator: released, it lands.
        var released = budget
        released.brake.isReleased = true
        let applied = try store.applyPendingDeletions(source: Self.source, budget: released, now: Sample.t0)
        #expect(applied.entities["jobs"]?.deleted == 11)
        #expect(try Self.row(store, "SELECT COUNT(*) AS n FROM pending_deletions")?["n"] as Int? == 0)
        #expect(try Self.row(store, "SELECT deleted_at FROM jobs WHERE external_id = 'j1'")?["deleted_at"] as Date? == nil)
    }

    @Test("a quarantined record stored fixed in a later page resolves its reject; others stay open")
    func rejectsResolveRecordByRecord() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let reject = { (id: String) in
            RejectedRecord(
                backend: "servicetitan", source: Self.source, recordKind: "job", externalID: id,
                reason: "job type \"Mystery Noise\" is not in the mapping", part: "jobs", rawPayload: "{\"id\":\(id)}")
        }
        try Self.run(store, [Self.page { $0.rejects = [reject("j1"), reject("j2")] }])
        try Self.run(store, [Self.page { $0.jobs = [Self.job("j1")] }])
        let open = try store.rejects(includeResolved: false).map(\.record.externalID)
        #expect(open == ["j2"])
    }

    @Test("per-entity counts are kept on the run")
    func entityCountsOnRuns() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try Self.run(store, [
            Self.page { $0.technicians = [Self.technician("7")] }, Self.page { $0.jobs = [Self.job("j1"), Self.job("j2")] },
        ])
        let run = try #require(try store.runs(limit: 1).first)
        #expect(run.counts.pages == 2)
        #expect(run.counts.entities["jobs"]?.created == 2)
        #expect(run.counts.entities["technicians"]?.created == 1)
    }
}

/// What the review of the first version found, kept as specifications.
@Suite("Applying field-service pages: edge cases")
struct FieldServiceApplyEdgeTests {
    typealias F = FieldServiceApplyTests

    @Test("a technician a sweep deactivated comes back when the backend lists them again unchanged")
    func sweptTechnicianComesBack() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try F.run(store, [F.page { $0.technicians = [F.technician("7"), F.technician("8")] }])
        let (pass, _) = try F.run(store, [F.page { $0.technicians = [F.technician("8")] }])
        try F.run(store, [F.page { $0.sweeps = [Sweep(entity: .technicians, sinceRun: pass)] }])
        #expect(try F.row(store, "SELECT active FROM technicians WHERE id = 'shop-7'")?["active"] as Bool? == false)
        let (_, revived) = try F.run(store, [F.page { $0.technicians = [F.technician("7")] }])
        #expect(try F.row(store, "SELECT active FROM technicians WHERE id = 'shop-7'")?["active"] as Bool? == true, "\(revived)")
    }

    @Test("contact details alone neither revive a deleted customer nor cancel its queued deletion")
    func contactsDoNotRevive() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try F.run(store, [F.page { $0.customers = [CustomerRecord(customer: Customer(name: "Ada"), source: F.ref("c1"))] }])
        let run = try store.beginRun(
            invocationID: "r", source: F.source, backend: "servicetitan", horizon: Sample.horizon, now: Sample.t0,
            fieldsyncVersion: "test")
        var deleted = PullBatch()
        deleted.tombstones = [Tombstone(entity: .customers, externalID: "c1")]
        var contacts = PullBatch()
        var contact = CustomerRecord(customer: Customer(phone: "+1-312-555-0100"), source: F.ref("c1"))
        contact.source.remoteVersion = nil
        contacts.customers = [contact]
        for page in [deleted, contacts] {
            _ = try store.apply(
                page, run: run, backend: "servicetitan", source: F.source, resolveMissingRejects: false, deferDeletions: true,
                now: Sample.t0)
        }
        _ = try store.applyPendingDeletions(
            source: F.source, budget: DeletionBudget(brake: MassDeleteBrake(isReleased: true), baseline: [:]), now: Sample.t0)
        let row = try #require(try F.row(store, "SELECT name, phone, deleted_at FROM customers WHERE external_id = 'c1'"))
        #expect(row["name"] as String? == "Ada")
        #expect(row["phone"] as String? == "+1-312-555-0100")
        #expect(row["deleted_at"] as Date? != nil)
    }

    @Test("a customer whose phone came as a contact record is unchanged when the same records come again in a full pass")
    func contactThenCustomerAgainIsUnchanged() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let customer = CustomerRecord(
            customer: Customer(name: "Ada Byron", address: Location(street: "1 Main St", city: "Chicago")), source: F.ref("c1"))
        var contact = CustomerRecord(customer: Customer(phone: "+1-312-555-0100"), source: F.ref("c1"))
        contact.source.remoteVersion = nil
        let pages = [F.page { $0.customers = [customer] }, F.page { $0.jobs = [F.job("j1")] }, F.page { $0.customers = [contact] }]
        let (_, first) = try F.run(store, pages)
        #expect(first.entities["customers"]?.created == 1)
        #expect(first.entities["customers"]?.updated == 1)
        #expect(try F.row(store, "SELECT customer_phone FROM jobs WHERE external_id = 'j1'")?["customer_phone"] as String? == "+1-312-555-0100")

        // A full pass reads the same customer, job and contact: nothing is written again.
        let (_, again) = try F.run(store, pages)
        #expect(again.entities["customers"]?.unchanged == 2)
        #expect(again.entities["customers"]?.updated == 0)
        #expect(again.entities["jobs"]?.unchanged == 1)

        // The customer's own record with another phone still replaces the contact's.
        var renumbered = customer
        renumbered.customer.phone = "+1-312-555-0199"
        let (_, changed) = try F.run(store, [F.page { $0.customers = [renumbered] }])
        #expect(changed.entities["customers"]?.updated == 1)
        let job = try #require(try F.row(store, "SELECT customer_name, customer_phone, street FROM jobs WHERE external_id = 'j1'"))
        #expect(job["customer_phone"] as String? == "+1-312-555-0199")
        #expect(job["customer_name"] as String? == "Ada Byron")
    }

    @Test("an unchanged job keeps the details its customer and location gave it, and follows their later changes")
    func unchangedJobKeepsFilledDetails() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let location = ServiceLocation(
            customerExternalID: "c1", address: Location(street: "1 Main St", city: "Chicago", postalCode: "60601"),
            source: F.ref("l1"))
        let customer = CustomerRecord(customer: Customer(name: "Ada Byron", phone: "+1-312-555-0100"), source: F.ref("c1"))
        try F.run(store, [F.page { $0.jobs = [F.job("j1")] }, F.page { $0.customers = [customer]; $0.locations = [location] }])
        // The same job again, then the customer renamed and the location moved, in later passes.
        try F.run(store, [F.page { $0.jobs = [F.job("j1")] }])
        var renamed = customer
        renamed.customer.name = "Ada King"
        renamed.source.remoteVersion = "2"
        var moved = location
        moved.address.street = "9 State St"
        moved.source.remoteVersion = "2"
        let (_, result) = try F.run(store, [F.page { $0.customers = [renamed]; $0.locations = [moved]; $0.jobs = [F.job("j1")] }])
        #expect(result.entities["jobs"]?.unchanged == 1)
        let job = try #require(try F.row(store, "SELECT customer_name, customer_phone, street, city FROM jobs WHERE external_id = 'j1'"))
        #expect(job["customer_name"] as String? == "Ada King")
        #expect(job["customer_phone"] as String? == "+1-312-555-0100")
        #expect(job["street"] as String? == "9 State St")
        #expect(job["city"] as String? == "Chicago")
    }

    @Test("a window for a technician the cache does not know is quarantined, not dropped, and stored once they arrive")
    func windowForUnknownTechnician() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let window = AvailabilityWindow(
            technicianID: "shop-9", range: TimeRange(start: Sample.hours(0), end: Sample.hours(8)), kind: .timeOff,
            source: F.ref("shift/1"))
        let (_, first) = try F.run(store, [F.page { $0.availability = [window] }])
        #expect(first.rejected == 1)
        let reject = try #require(try store.rejects(source: F.source).first)
        #expect(reject.record.reason.contains("technician shop-9 is not in the cache"))
        #expect(reject.record.rawPayload.contains("time_off"))

        try F.run(store, [F.page { $0.technicians = [F.technician("9")]; $0.availability = [window] }])
        #expect(try store.rejects(source: F.source).isEmpty)
        #expect(try F.row(store, "SELECT COUNT(*) AS n FROM availability_windows WHERE technician_id = 'shop-9'")?["n"] as Int? == 1)
    }

    @Test("assignments read before their technician link once the technician arrives")
    func assignmentBeforeTechnician() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        try F.run(store, [
            F.page { $0.jobs = [F.job("j1")]; $0.appointments = [F.appointment("a1")] },
            F.page { $0.assignments = [AppointmentAssignment(appointmentExternalID: "a1", technicianID: "shop-7", source: F.ref("as1"))] },
        ])
        #expect(try F.row(store, "SELECT COUNT(*) AS n FROM appointment_technicians")?["n"] as Int? == 0)
        try F.run(store, [F.page { $0.technicians = [F.technician("7")] }])
        #expect(try F.row(store, "SELECT COUNT(*) AS n FROM appointment_technicians WHERE technician_id = 'shop-7'")?["n"] as Int? == 1)
    }

    @Test("appointments a job no longer has go through the brake like other deletions")
    func droppedAppointmentsAreQueued() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        var job = F.job("j1")
        job.appointmentsComplete = true
        try F.run(store, [F.page { $0.jobs = [job]; $0.appointments = [F.appointment("a1", separately: false), F.appointment("a2", separately: false)] }])
        let run = try store.beginRun(
            invocationID: "r", source: F.source, backend: "housecallpro", horizon: Sample.horizon, now: Sample.t0,
            fieldsyncVersion: "test")
        var page = PullBatch()
        page.jobs = [job]
        page.appointments = [F.appointment("a1", separately: false)]
        _ = try store.apply(
            page, run: run, backend: "housecallpro", source: F.source, resolveMissingRejects: false, deferDeletions: true, now: Sample.t0)
        #expect(try F.row(store, "SELECT COUNT(*) AS n FROM appointments WHERE deleted_at IS NULL")?["n"] as Int? == 2)
        let applied = try store.applyPendingDeletions(
            source: F.source, budget: DeletionBudget(brake: MassDeleteBrake(), baseline: try store.liveCounts(source: F.source)),
            now: Sample.t0)
        #expect(applied.entities["appointments"]?.deleted == 1)
        #expect(try F.row(store, "SELECT deleted_at FROM appointments WHERE external_id = 'a2'")?["deleted_at"] as Date? != nil)
    }
}
