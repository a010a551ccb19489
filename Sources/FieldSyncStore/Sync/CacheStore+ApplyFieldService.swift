import FieldSyncCore
import Foundation
import GRDB

/// Customers, locations, assignments and deletions: what field-service backends send besides
/// technicians, windows, jobs and appointments.
extension CacheStore {
    // MARK: Customers and locations

    /// Customers are merged field by field: a field the record leaves nil keeps its cached value
    /// (ServiceTitan sends names and addresses with the customer, phones and e-mail addresses as
    /// separate contact records).
    static func applyCustomers(
        _ customers: [CustomerRecord], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws {
        var unchangedIDs: [Int64] = []
        for record in customers {
            if record.isContactOnly,
                try applyContactOnly(record, source: source, now: now, db: db, result: &result)
            {
                continue
            }
            var c = record.customer
            var a = c.address ?? Location()
            var version = record.source.remoteVersion
            if let cached = try db.fetchOneRow(
                cached: """
                    SELECT name, phone, email, street, city, region, postal_code, country, latitude, longitude, remote_version
                    FROM customers WHERE source = ? AND external_id = ?
                    """, arguments: [source, record.source.externalID])
            {
                c.name = c.name ?? cached["name"]
                c.phone = c.phone ?? cached["phone"]
                c.email = c.email ?? cached["email"]
                if c.address == nil {
                    a = Location(
                        street: cached["street"], city: cached["city"], region: cached["region"],
                        postalCode: cached["postal_code"], country: cached["country"], latitude: cached["latitude"],
                        longitude: cached["longitude"])
                }
                version = version ?? cached["remote_version"]
            }
            let hash = customerHash(c, address: a, active: record.active, version: version)
            let (merged, address) = (c, a)
            var values: StatementArguments {
                [
                    merged.name, merged.phone, merged.email, address.street, address.city, address.region, address.postalCode,
                    address.country, address.latitude, address.longitude, record.active,
                ]
            }
            var ref = record.source
            ref.remoteVersion = version
            let changed = try upsert(
                table: "customers", entity: .customers,
                columns: ["name", "phone", "email", "street", "city", "region", "postal_code", "country", "latitude",
                    "longitude", "active"],
                values: values, ref: ref, source: source, hash: hash, run: run, now: now, db: db, result: &result,
                unchanged: &unchangedIDs)
            if changed {
                // Jobs show their customer's current details.
                try db.execute(
                    cached: """
                        UPDATE jobs SET customer_name = COALESCE(?, customer_name), customer_phone = COALESCE(?, customer_phone),
                            customer_email = COALESCE(?, customer_email)
                        WHERE source = ? AND customer_external_id = ?
                        """, arguments: [c.name, c.phone, c.email, source, record.source.externalID])
            }
        }
        try touch(table: "customers", ids: unchangedIDs, run: run, now: now, db: db)
    }

    /// Phone and e-mail for a customer already cached: they change nothing else (not whether the
    /// customer is deleted, not when the record was last seen by a pass). Returns false when the
    /// customer is not cached yet (the record is then stored as a customer of its own).
    private static func applyContactOnly(
        _ record: CustomerRecord, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws -> Bool {
        guard
            let cached = try db.fetchOneRow(
                cached: """
                    SELECT id, name, phone, email, street, city, region, postal_code, country, latitude, longitude, active,
                        remote_version
                    FROM customers WHERE source = ? AND external_id = ?
                    """,
                arguments: [source, record.source.externalID])
        else { return false }
        result.fetched += 1
        result.count(.customers, \.pulled)
        let cachedPhone: String? = cached["phone"]
        let cachedEmail: String? = cached["email"]
        let phone = record.customer.phone ?? cachedPhone
        let email = record.customer.email ?? cachedEmail
        guard phone != cachedPhone || email != cachedEmail else {
            result.unchanged += 1
            result.count(.customers, \.unchanged)
            return true
        }
        result.updated += 1
        result.count(.customers, \.updated)
        // The hash becomes the one the customer's own record will give when it says the same
        // (it leaves phone and e-mail out, or agrees): that record then finds the row unchanged,
        // instead of rewriting it and its jobs on every full pass.
        let hash = customerHash(
            Customer(name: cached["name"], phone: phone, email: email),
            address: Location(
                street: cached["street"], city: cached["city"], region: cached["region"], postalCode: cached["postal_code"],
                country: cached["country"], latitude: cached["latitude"], longitude: cached["longitude"]),
            active: cached["active"], version: cached["remote_version"])
        try db.execute(
            cached: "UPDATE customers SET phone = ?, email = ?, content_hash = ?, last_seen_at = ? WHERE id = ?",
            arguments: [phone, email, hash, now, cached["id"] as Int64])
        try db.execute(
            cached: """
                UPDATE jobs SET customer_phone = COALESCE(?, customer_phone), customer_email = COALESCE(?, customer_email)
                WHERE source = ? AND customer_external_id = ?
                """, arguments: [phone, email, source, record.source.externalID])
        return true
    }

    /// A customer row's content hash, from its merged values (what the row holds after the apply).
    private static func customerHash(_ c: Customer, address a: Location, active: Bool, version: String?) -> String {
        ContentHash.of([
            c.name, c.phone, c.email, a.street, a.city, a.region, a.postalCode, a.country,
            a.latitude.map { "\($0)" }, a.longitude.map { "\($0)" }, active ? "1" : "0", version,
        ])
    }

    static func applyLocations(
        _ locations: [ServiceLocation], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws {
        var unchangedIDs: [Int64] = []
        for location in locations {
            let a = location.address
            let hash = ContentHash.of([
                location.customerExternalID, location.name, a.street, a.city, a.region, a.postalCode, a.country,
                a.latitude.map { "\($0)" }, a.longitude.map { "\($0)" }, location.active ? "1" : "0",
                location.source.remoteVersion,
            ])
            var values: StatementArguments {
                [
                    location.customerExternalID, location.name, a.street, a.city, a.region, a.postalCode, a.country,
                    a.latitude, a.longitude, location.active,
                ]
            }
            let changed = try upsert(
                table: "locations", entity: .locations,
                columns: ["customer_external_id", "name", "street", "city", "region", "postal_code", "country", "latitude",
                    "longitude", "active"],
                values: values, ref: location.source, source: source, hash: hash, run: run, now: now, db: db,
                result: &result, unchanged: &unchangedIDs)
            if changed {
                try db.execute(
                    cached: """
                        UPDATE jobs SET street = COALESCE(?, street), city = COALESCE(?, city), region = COALESCE(?, region),
                            postal_code = COALESCE(?, postal_code), country = COALESCE(?, country),
                            latitude = COALESCE(?, latitude), longitude = COALESCE(?, longitude)
                        WHERE source = ? AND location_external_id = ?
                        """,
                    arguments: [a.street, a.city, a.region, a.postalCode, a.country, a.latitude, a.longitude, source,
                        location.source.externalID])
            }
        }
        try touch(table: "locations", ids: unchangedIDs, run: run, now: now, db: db)
    }

    /// Jobs of this batch take their customer's details and address from the cached customer and
    /// location they name, when those are cached; otherwise they keep what the job itself said.
    ///
    /// Only `jobs` written by this batch are filled: a job left unchanged already has them, and
    /// a change to a customer or location since reaches its jobs when that record is applied.
    static func fillJobDetails(_ jobs: [Job], source: String, db: Database) throws {
        for job in jobs {
            if let customer = job.customerExternalID {
                try db.execute(
                    cached: """
                        UPDATE jobs SET
                            customer_name = COALESCE((SELECT name FROM customers WHERE source = ?1 AND external_id = ?2), customer_name),
                            customer_phone = COALESCE((SELECT phone FROM customers WHERE source = ?1 AND external_id = ?2), customer_phone),
                            customer_email = COALESCE((SELECT email FROM customers WHERE source = ?1 AND external_id = ?2), customer_email)
                        WHERE source = ?1 AND external_id = ?3
                        """, arguments: [source, customer, job.source.externalID])
            }
            if let location = job.locationExternalID,
                let row = try db.fetchOneRow(
                    cached: """
                        SELECT street, city, region, postal_code, country, latitude, longitude FROM locations
                        WHERE source = ? AND external_id = ?
                        """, arguments: [source, location])
            {
                try db.execute(
                    cached: """
                        UPDATE jobs SET street = COALESCE(?, street), city = COALESCE(?, city), region = COALESCE(?, region),
                            postal_code = COALESCE(?, postal_code), country = COALESCE(?, country),
                            latitude = COALESCE(?, latitude), longitude = COALESCE(?, longitude)
                        WHERE source = ? AND external_id = ?
                        """,
                    arguments: [
                        row["street"] as String?, row["city"] as String?, row["region"] as String?,
                        row["postal_code"] as String?, row["country"] as String?, row["latitude"] as Double?,
                        row["longitude"] as Double?, source, job.source.externalID,
                    ])
            }
        }
    }

    /// A job that came with all its appointments (``Job/appointmentsComplete``) loses the cached
    /// ones it no longer has; one quarantined in this batch is kept. Returned as tombstones, so
    /// they go through the brake like every other deletion.
    static func droppedAppointments(_ batch: PullBatch, source: String, db: Database) throws -> [Tombstone] {
        let complete = batch.jobs.filter(\.appointmentsComplete).map(\.source.externalID)
        guard !complete.isEmpty else { return [] }
        let keep = Dictionary(grouping: batch.appointments, by: \.jobExternalID).mapValues { Set($0.map(\.source.externalID)) }
        let rejected = Set(batch.rejects.compactMap(\.externalID))
        var gone: [Tombstone] = []
        for job in complete {
            let cached = try String.fetchAll(
                db.cachedStatement(
                    sql: "SELECT external_id FROM appointments WHERE source = ? AND job_external_id = ? AND deleted_at IS NULL"),
                arguments: [source, job])
            for externalID in cached where !keep[job, default: []].contains(externalID) && !rejected.contains(externalID) {
                gone.append(Tombstone(entity: .appointments, externalID: externalID))
            }
        }
        return gone
    }

    // MARK: Assignments

    static func applyAssignments(
        _ assignments: [AppointmentAssignment], run: Int64, source: String, now: Date, db: Database,
        result: inout ApplyResult
    ) throws {
        var unchangedIDs: [Int64] = []
        for assignment in assignments {
            let hash = ContentHash.of([
                assignment.appointmentExternalID, assignment.technicianID, assignment.active ? "1" : "0",
                assignment.source.remoteVersion,
            ])
            let previous = try db.fetchOneRow(
                cached: "SELECT appointment_external_id, technician_id FROM appointment_assignments WHERE source = ? AND external_id = ?",
                arguments: [source, assignment.source.externalID])
            let changed = try upsert(
                table: "appointment_assignments", entity: .assignments,
                columns: ["appointment_external_id", "technician_id", "active"],
                values: [assignment.appointmentExternalID, assignment.technicianID, assignment.active],
                ref: assignment.source, source: source, hash: hash, run: run, now: now, db: db, result: &result,
                unchanged: &unchangedIDs)
            guard changed else { continue }
            if let previous {
                try relink(appointmentExternalID: previous["appointment_external_id"], source: source, db: db)
            }
            try relink(appointmentExternalID: assignment.appointmentExternalID, source: source, db: db)
        }
        try touch(table: "appointment_assignments", ids: unchangedIDs, run: run, now: now, db: db)
    }

    /// Rebuilds one appointment's technician links from its live assignment records.
    static func relink(appointmentExternalID: String, source: String, db: Database) throws {
        guard
            let row = try db.fetchOneRow(
                cached: "SELECT id, assigned_separately FROM appointments WHERE source = ? AND external_id = ?",
                arguments: [source, appointmentExternalID]),
            row["assigned_separately"] as Bool
        else { return }
        let id: Int64 = row["id"]
        try db.execute(cached: "DELETE FROM appointment_technicians WHERE appointment_id = ?", arguments: [id])
        try linkAssignments(appointmentRowID: id, appointmentExternalID: appointmentExternalID, source: source, db: db)
    }

    static func linkAssignments(appointmentRowID: Int64, appointmentExternalID: String, source: String, db: Database) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO appointment_technicians (appointment_id, technician_id)
                SELECT ?, a.technician_id FROM appointment_assignments a
                JOIN technicians t ON t.id = a.technician_id
                WHERE a.source = ? AND a.appointment_external_id = ? AND a.active = 1
                """, arguments: [appointmentRowID, source, appointmentExternalID])
    }

    /// Links a technician who just arrived to the appointments their assignment records name
    /// (assignments read before the technician could not be linked then).
    static func linkAssignments(technicianID: String, db: Database) throws {
        try db.execute(
            cached: """
                INSERT OR IGNORE INTO appointment_technicians (appointment_id, technician_id)
                SELECT p.id, a.technician_id FROM appointment_assignments a
                JOIN appointments p ON p.source = a.source AND p.external_id = a.appointment_external_id
                WHERE a.technician_id = ? AND a.active = 1 AND p.assigned_separately = 1
                """, arguments: [technicianID])
    }

    // MARK: Upsert

    /// Inserts or updates one row keyed by source and external id; returns whether it changed.
    /// An unchanged row's id joins `unchanged`, for one ``touch(table:ids:run:now:db:)`` later.
    private static func upsert(
        table: String, entity: RecordEntity, columns: [String], values: @autoclosure () -> StatementArguments, ref: SourceRef,
        source: String, hash: String, run: Int64, now: Date, db: Database, result: inout ApplyResult, unchanged: inout [Int64]
    ) throws -> Bool {
        result.fetched += 1
        result.count(entity, \.pulled)
        let hasDeletedAt = table != "appointment_assignments"
        if let existing = try db.fetchOneRow(
            cached: "SELECT id, content_hash\(hasDeletedAt ? ", deleted_at IS NOT NULL AS deleted" : ", 0 AS deleted") FROM \(table) WHERE source = ? AND external_id = ?",
            arguments: [source, ref.externalID])
        {
            let id: Int64 = existing["id"]
            if existing["content_hash"] as String == hash && !(existing["deleted"] as Bool) {
                result.unchanged += 1
                result.count(entity, \.unchanged)
                unchanged.append(id)
                return false
            }
            result.updated += 1
            result.count(entity, \.updated)
            let assignments = columns.map { "\($0) = ?" }.joined(separator: ", ")
            try db.execute(
                cached: """
                    UPDATE \(table) SET \(assignments), remote_version = ?, content_hash = ?,\(hasDeletedAt ? " deleted_at = NULL," : "")
                        last_seen_at = ?, last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?)
                    WHERE id = ?
                    """, arguments: values() + [ref.remoteVersion, hash, now, run, id])
            return true
        }
        result.inserted += 1
        result.count(entity, \.created)
        let names = (columns + ["backend", "source", "external_id", "remote_version", "content_hash", "first_seen_at",
            "last_seen_at", "last_sync_run_id"])
        try db.execute(
            cached: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))",
            arguments: values() + [ref.backend, source, ref.externalID, ref.remoteVersion, hash, now, now, run])
        return true
    }

    // MARK: Rejects of paged sources

    /// A paged source never reads everything at once, so its rejects are resolved record by
    /// record: a record stored now (fixed at the source), or deleted, that was quarantined before.
    static func resolveRejects(
        storedBy batch: PullBatch, rejectedNow rejects: [RejectedRecord], source: String, now: Date, db: Database,
        result: inout ApplyResult
    ) throws {
        let rejectedNow = Set(rejects.compactMap(\.externalID))
        var stored: [(RecordEntity, String)] = []
        stored += batch.technicians.map { (.technicians, $0.source.externalID) }
        stored += batch.availability.map { (.availability, $0.source.externalID) }
        stored += batch.customers.map { (.customers, $0.source.externalID) }
        stored += batch.locations.map { (.locations, $0.source.externalID) }
        stored += batch.jobs.map { (.jobs, $0.source.externalID) }
        stored += batch.appointments.map { (.appointments, $0.source.externalID) }
        stored += batch.assignments.map { (.assignments, $0.source.externalID) }
        stored += batch.tombstones.map { ($0.entity, $0.externalID) }
        // Open rejects are few: read them once per page, not once per record.
        var open: [String: [(id: Int64, entity: RecordEntity)]] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT id, external_id, record_kind FROM rejects WHERE source = ? AND resolved_at IS NULL AND external_id IS NOT NULL"),
            arguments: [source])
        {
            open[row["external_id"], default: []].append((row["id"], RecordEntity(recordKind: row["record_kind"])))
        }
        guard !open.isEmpty else { return }
        for (entity, externalID) in stored where !rejectedNow.contains(externalID) {
            for reject in open[externalID] ?? [] where reject.entity == entity {
                try db.execute(cached: "UPDATE rejects SET resolved_at = ? WHERE id = ?", arguments: [now, reject.id])
                result.rejectsResolved += 1
            }
        }
    }

    // MARK: Queued deletions

    /// Queues a page's tombstones and sweeps for the end of the run.
    static func queueDeletions(_ batch: PullBatch, run: Int64, source: String, now: Date, db: Database) throws {
        for tombstone in batch.tombstones {
            try db.execute(
                cached: """
                    INSERT INTO pending_deletions (source, entity, external_id, remote_version, sync_run_id, queued_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [source, tombstone.entity.rawValue, tombstone.externalID, tombstone.remoteVersion, run, now])
        }
        for sweep in batch.sweeps {
            try db.execute(
                cached: """
                    INSERT INTO pending_deletions (source, entity, since_run, range_start, range_end, sync_run_id, queued_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [source, sweep.entity.rawValue, sweep.sinceRun, sweep.range?.start, sweep.range?.end, run, now])
        }
    }

    /// A record stored live again after its deletion was queued (restored at the backend, or a
    /// tombstone followed by a newer live version) is no longer to be deleted.
    static func cancelPendingDeletions(revivedBy batch: PullBatch, source: String, db: Database) throws {
        guard
            try db.fetchOneRow(cached: "SELECT 1 FROM pending_deletions WHERE source = ? AND external_id IS NOT NULL LIMIT 1", arguments: [source])
                != nil
        else { return }
        var revived: [(RecordEntity, String)] = []
        revived += batch.technicians.filter(\.active).map { (.technicians, $0.source.externalID) }
        revived += batch.availability.map { (.availability, $0.source.externalID) }
        revived += batch.customers.filter { $0.active && !$0.isContactOnly }.map { (.customers, $0.source.externalID) }
        revived += batch.locations.filter(\.active).map { (.locations, $0.source.externalID) }
        revived += batch.jobs.map { (.jobs, $0.source.externalID) }
        revived += batch.appointments.map { (.appointments, $0.source.externalID) }
        revived += batch.assignments.filter(\.active).map { (.assignments, $0.source.externalID) }
        for (entity, externalID) in revived {
            try db.execute(
                cached: "DELETE FROM pending_deletions WHERE source = ? AND entity = ? AND external_id = ?",
                arguments: [source, entity.rawValue, externalID])
        }
    }

    /// Applies the deletions queued for `source` (by this run and by runs that died before
    /// applying theirs), unless a kind of record would lose more than `budget` allows: those stay
    /// queued, and the result's notes say so.
    public func applyPendingDeletions(source: String, budget: DeletionBudget, now: Date) throws(CacheError) -> ApplyResult {
        try writeImmediate("cannot apply the deletions of \(source)") { db in
            var tombstones: [Tombstone] = []
            var sweeps: [Sweep] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM pending_deletions WHERE source = ? ORDER BY id", arguments: [source]) {
                guard let entity = RecordEntity(rawValue: row["entity"]) else { continue }
                if let externalID: String = row["external_id"] {
                    tombstones.append(Tombstone(entity: entity, externalID: externalID, remoteVersion: row["remote_version"]))
                } else if let since: Int64 = row["since_run"] {
                    let start: Date? = row["range_start"]
                    let end: Date? = row["range_end"]
                    let range = start.flatMap { s in end.map { TimeRange(start: s, end: $0) } }
                    sweeps.append(Sweep(entity: entity, sinceRun: since, range: range))
                }
            }
            var result = ApplyResult()
            guard !tombstones.isEmpty || !sweeps.isEmpty else { return result }
            let held = try Self.applyDeletions(
                tombstones: tombstones, sweeps: sweeps, budget: budget, source: source, now: now, db: db, result: &result)
            let applied = Set(tombstones.map(\.entity)).union(sweeps.map(\.entity)).subtracting(held)
            for entity in applied.sorted() {
                try db.execute(
                    sql: "DELETE FROM pending_deletions WHERE source = ? AND entity = ?", arguments: [source, entity.rawValue])
            }
            return result
        }
    }

    /// Applies tombstones and sweeps. With a budget, a kind of record that would lose more than
    /// the brake allows is left alone (counted in ``ApplyResult/heldBack``, with a note); the
    /// kinds held back are returned.
    @discardableResult
    static func applyDeletions(
        tombstones: [Tombstone], sweeps: [Sweep], budget: DeletionBudget?, source: String, now: Date, db: Database,
        result: inout ApplyResult
    ) throws -> Set<RecordEntity> {
        guard !tombstones.isEmpty || !sweeps.isEmpty else { return [] }
        let byEntity = Dictionary(grouping: tombstones, by: \.entity)
        var plan: [RecordEntity: (ids: [Int64], keys: [String])] = [:]
        var held = Set<RecordEntity>()
        for entity in RecordEntity.allCases {
            var ids: [Int64] = []
            var keys: [String] = []
            let table = DeletionTable(entity)
            for tombstone in byEntity[entity] ?? [] {
                for row in try Row.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT \(table.key) AS key FROM \(table.name) WHERE source = ? AND external_id = ? AND \(table.live)"),
                    arguments: [source, tombstone.externalID])
                {
                    if table.name == "technicians" { keys.append(row["key"]) } else { ids.append(row["key"]) }
                }
            }
            for sweep in sweeps where sweep.entity == entity {
                // A record the pass quarantined was seen, not deleted: its cached copy stays. (Runs
                // may overlap, a sync beside a reconciliation: rows keep the newest run that saw
                // them, so an older run cannot make a row look unseen to a newer pass.)
                var sql = """
                    SELECT \(table.key) AS key FROM \(table.name) WHERE source = ? AND \(table.live)
                        AND (last_sync_run_id IS NULL OR last_sync_run_id < ?)
                        AND external_id NOT IN (
                            SELECT external_id FROM rejects WHERE source = ? AND external_id IS NOT NULL
                                AND resolved_at IS NULL AND last_sync_run_id >= ?)
                    """
                var arguments: StatementArguments = [source, sweep.sinceRun, source, sweep.sinceRun]
                if let range = sweep.range, let column = table.startColumn {
                    sql += " AND \(column) >= ? AND \(column) < ?"
                    arguments += [range.start, range.end]
                }
                for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                    if table.name == "technicians" { keys.append(row["key"]) } else { ids.append(row["key"]) }
                }
            }
            let count = Set(ids).count + Set(keys).count
            guard count > 0 else { continue }
            if let budget, budget.holds(entity, deleting: count) {
                held.insert(entity)
                result.heldBack += count
                result.notes.append(
                    "mass-delete brake: \(source) would delete \(count) of its \(budget.baseline[entity, default: 0]) cached \(entity.rawValue); none were deleted (the deletions wait in the cache). If the backend really lost them, run again with --allow-mass-delete."
                )
                continue
            }
            plan[entity] = (Array(Set(ids)).sorted(), Array(Set(keys)).sorted())
        }
        for (entity, targets) in plan.sorted(by: { $0.key < $1.key }) {
            let table = DeletionTable(entity)
            switch entity {
            case .technicians:
                for id in targets.keys {
                    // The content hash goes, so the technician coming back unchanged revives them.
                    try db.execute(
                        cached: "UPDATE technicians SET active = 0, content_hash = '', last_seen_at = ? WHERE id = ?",
                        arguments: [now, id])
                }
            case .availability:
                for id in targets.ids {
                    try db.execute(cached: "DELETE FROM availability_windows WHERE id = ?", arguments: [id])
                }
            case .assignments:
                var appointments = Set<String>()
                for id in targets.ids {
                    try db.execute(
                        cached: "UPDATE appointment_assignments SET active = 0, content_hash = '' WHERE id = ?", arguments: [id])
                    if let appointment = try String.fetchOne(
                        db, sql: "SELECT appointment_external_id FROM appointment_assignments WHERE id = ?", arguments: [id])
                    {
                        appointments.insert(appointment)
                    }
                }
                for appointment in appointments.sorted() {
                    try relink(appointmentExternalID: appointment, source: source, db: db)
                }
            case .jobs, .appointments, .customers, .locations:
                for id in targets.ids {
                    try db.execute(cached: "UPDATE \(table.name) SET deleted_at = ? WHERE id = ?", arguments: [now, id])
                }
            }
            let count = targets.ids.count + targets.keys.count
            result.removed += count
            result.count(entity, \.deleted, by: count)
        }
        return held
    }

    /// The live rows of a source per kind of record: the baseline of a run's ``DeletionBudget``.
    public func liveCounts(source: String) throws(CacheError) -> [RecordEntity: Int] {
        try read("cannot count the cached records of \(source)") { db in
            var counts: [RecordEntity: Int] = [:]
            for entity in RecordEntity.allCases {
                let table = DeletionTable(entity)
                counts[entity] =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM \(table.name) WHERE source = ? AND \(table.live)", arguments: [source])
                    ?? 0
            }
            return counts
        }
    }
}

/// Where each kind of record lives and what "live" means for it.
private struct DeletionTable {
    var name: String
    /// The column that identifies a row to delete.
    var key: String
    /// The condition for a row that is not deleted yet.
    var live: String
    /// The column a sweep's range applies to.
    var startColumn: String?

    init(_ entity: RecordEntity) {
        switch entity {
        case .technicians: self = .init(name: "technicians", key: "id", live: "active = 1")
        case .availability: self = .init(name: "availability_windows", key: "id", live: "1", startColumn: "starts_at")
        case .customers: self = .init(name: "customers", key: "id", live: "deleted_at IS NULL")
        case .locations: self = .init(name: "locations", key: "id", live: "deleted_at IS NULL")
        case .jobs: self = .init(name: "jobs", key: "id", live: "deleted_at IS NULL")
        case .appointments: self = .init(name: "appointments", key: "id", live: "deleted_at IS NULL", startColumn: "starts_at")
        case .assignments: self = .init(name: "appointment_assignments", key: "id", live: "active = 1")
        }
    }

    init(name: String, key: String, live: String, startColumn: String? = nil) {
        self.name = name
        self.key = key
        self.live = live
        self.startColumn = startColumn
    }
}

extension RecordEntity {
    /// The kind of record a reject was meant to be, from its `recordKind`.
    init(recordKind: String) {
        switch recordKind.lowercased() {
        case "technician", "employee": self = .technicians
        case "customer", "contact", "customer-contact": self = .customers
        case "location", "address": self = .locations
        case "job": self = .jobs
        case "appointment": self = .appointments
        case "assignment", "appointment-assignment": self = .assignments
        default: self = .availability
        }
    }
}
