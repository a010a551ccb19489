import FieldSyncCore
import Foundation
import GRDB

/// Compares one page of a complete read of a backend with what the cache holds, record by
/// record and field by field, without changing anything.
///
/// The comparison follows the rules the sync applies: a customer field the backend leaves out
/// keeps its cached value (so it is not a difference), a job's customer details count only where
/// the job itself carries them, and a change of the backend's version stamp alone (`modifiedOn`
/// moved, nothing fieldsync keeps changed) is not drift.
enum DriftDetector {
    /// How a compared value is shown in the report.
    enum Shape { case text, date, flag, list }

    /// One field of a record next to its column in the cache.
    struct Compared {
        var name: String
        var value: DatabaseValue
        var shape: Shape = .text
        var isPersonal = false
        /// The sync keeps the cached value when the backend sends none: nil is not a difference.
        var keepsCachedWhenNil = false

        init(
            _ name: String, _ value: (any DatabaseValueConvertible)?, _ shape: Shape = .text, personal: Bool = false,
            keepsCachedWhenNil: Bool = false
        ) {
            self.name = name
            self.value = value?.databaseValue ?? .null
            self.shape = shape
            self.isPersonal = personal
            self.keepsCachedWhenNil = keepsCachedWhenNil
        }
    }

    /// The differences `batch` reveals for `source`, as read inside `db`.
    static func drift(of batch: PullBatch, source: String, db: Database) throws -> [Drift] {
        var found: [Drift] = []
        // Technicians of a calendar source come from the configuration, not from the backend.
        if batch.inventory == nil {
            for t in batch.technicians { if let d = try technician(t, source: source, db: db) { found.append(d) } }
        }
        for w in batch.availability { if let d = try window(w, source: source, db: db) { found.append(d) } }
        for c in batch.customers { if let d = try customer(c, source: source, db: db) { found.append(d) } }
        for l in batch.locations { if let d = try location(l, source: source, db: db) { found.append(d) } }
        for j in batch.jobs { if let d = try job(j, source: source, db: db) { found.append(d) } }
        for a in batch.appointments { if let d = try appointment(a, source: source, db: db) { found.append(d) } }
        for a in batch.assignments { if let d = try assignment(a, source: source, db: db) { found.append(d) } }
        var tombstones = batch.tombstones
        tombstones += try CacheStore.droppedAppointments(batch, source: source, db: db)
        var reported = Set(found.map(\.key))
        for tombstone in tombstones {
            for d in try deletion(tombstone, source: source, db: db) where reported.insert(d.key).inserted {
                found.append(d)
            }
        }
        return found
    }

    // MARK: Entities

    static func technician(_ t: Technician, source: String, db: Database) throws -> Drift? {
        let hash = t.contentHash
        if t.active,
            try holds(hash, "SELECT content_hash FROM technicians WHERE id = ? AND source = ? AND active = 1", [t.id, source], db)
        {
            return nil
        }
        let row = try db.fetchOneRow(cached: "SELECT * FROM technicians WHERE id = ?", arguments: [t.id])
        // Another source defines this technician: the sync leaves it alone, and so does this.
        if let row, row["source"] as String != source, row["active"] as Bool { return nil }
        // Built only when the content hashes differ: most records read are unchanged.
        let fields = {
            [
                Compared("name", t.name), Compared("phone", t.phone, personal: true), Compared("email", t.email, personal: true),
                Compared("skills", JSONList.encode(t.skills), .list),
                Compared("home_street", t.homeBase?.street, personal: true), Compared("home_city", t.homeBase?.city),
                Compared("home_region", t.homeBase?.region), Compared("home_postal_code", t.homeBase?.postalCode),
                Compared("home_country", t.homeBase?.country),
                Compared("home_latitude", t.homeBase?.latitude, personal: true),
                Compared("home_longitude", t.homeBase?.longitude, personal: true), Compared("time_zone", t.timeZone),
                Compared("daily_capacity", t.dailyCapacity), Compared("zones", JSONList.encode(t.zones), .list),
            ]
        }
        return judge(
            row: row, cachedLive: row.map { $0["active"] as Bool } ?? false, remoteLive: t.active, hash: hash,
            fields: fields
        ) {
            Drift(source: source, entity: .technicians, externalID: t.source.externalID, change: $0, fields: $1, technicianID: t.id)
        }
    }

    static func window(_ w: AvailabilityWindow, source: String, db: Database) throws -> Drift? {
        let hash = w.contentHash
        if try holds(
            hash, "SELECT content_hash FROM availability_windows WHERE source = ? AND technician_id = ? AND external_id = ?",
            [source, w.technicianID, w.source.externalID], db)
        {
            return nil
        }
        let row = try db.fetchOneRow(
            cached: "SELECT * FROM availability_windows WHERE source = ? AND technician_id = ? AND external_id = ?",
            arguments: [source, w.technicianID, w.source.externalID])
        // Windows of a technician the cache does not know are not stored by the sync either.
        if row == nil, try db.fetchOneRow(cached: "SELECT 1 FROM technicians WHERE id = ?", arguments: [w.technicianID]) == nil {
            return nil
        }
        // Built only when the content hashes differ: most records read are unchanged.
        let fields = {
            [
                Compared("kind", w.kind.rawValue), Compared("starts_at", w.range.start, .date), Compared("ends_at", w.range.end, .date),
                Compared("all_day", w.allDay, .flag), Compared("title", w.title, personal: true), Compared("status", w.status),
                Compared("source_time_zone", w.sourceTimeZone),
            ]
        }
        return judge(row: row, cachedLive: row != nil, remoteLive: true, hash: hash, fields: fields) {
            Drift(
                source: source, entity: .availability, externalID: w.source.externalID, change: $0, fields: $1,
                technicianID: w.technicianID, start: w.range.start)
        }
    }

    static func customer(_ c: CustomerRecord, source: String, db: Database) throws -> Drift? {
        let row = try db.fetchOneRow(
            cached: "SELECT * FROM customers WHERE source = ? AND external_id = ?", arguments: [source, c.source.externalID])
        let a = c.customer.address
        let contact = [
            Compared("phone", c.customer.phone, personal: true, keepsCachedWhenNil: true),
            Compared("email", c.customer.email, personal: true, keepsCachedWhenNil: true),
        ]
        if c.isContactOnly {
            // A contact record adds a phone or e-mail to a cached customer; it says nothing else.
            guard let row, row["deleted_at"] as Date? == nil else { return nil }
            let changes = differences(contact, row: row)
            return changes.isEmpty
                ? nil
                : Drift(source: source, entity: .customers, externalID: c.source.externalID, change: .changed, fields: changes)
        }
        var fields = [Compared("name", c.customer.name, personal: true, keepsCachedWhenNil: true)] + contact
        // A customer sent with an address replaces the cached one whole; without, keeps it.
        if a != nil { fields += address(a, personal: true, keepsCachedWhenNil: false) }
        return judge(
            row: row, cachedLive: row.map { $0["deleted_at"] as Date? == nil && $0["active"] as Bool } ?? false,
            remoteLive: c.active, hash: nil, fields: { fields }
        ) { Drift(source: source, entity: .customers, externalID: c.source.externalID, change: $0, fields: $1) }
    }

    static func location(_ l: ServiceLocation, source: String, db: Database) throws -> Drift? {
        let row = try db.fetchOneRow(
            cached: "SELECT * FROM locations WHERE source = ? AND external_id = ?", arguments: [source, l.source.externalID])
        let fields = [Compared("customer_external_id", l.customerExternalID), Compared("name", l.name, personal: true)]
            + address(l.address, personal: true, keepsCachedWhenNil: false)
        return judge(
            row: row, cachedLive: row.map { $0["deleted_at"] as Date? == nil && $0["active"] as Bool } ?? false,
            remoteLive: l.active, hash: nil, fields: { fields }
        ) { Drift(source: source, entity: .locations, externalID: l.source.externalID, change: $0, fields: $1) }
    }

    static func job(_ j: Job, source: String, db: Database) throws -> Drift? {
        let hash = j.contentHash
        if try holds(
            hash, "SELECT content_hash FROM jobs WHERE source = ? AND external_id = ? AND deleted_at IS NULL",
            [source, j.source.externalID], db)
        {
            return nil
        }
        let row = try db.fetchOneRow(
            cached: "SELECT * FROM jobs WHERE source = ? AND external_id = ?", arguments: [source, j.source.externalID])
        // A job's customer details and address come from its cached customer and location when
        // the job names them: only what the job itself carries is compared.
        let c = j.customer
        // Built only when the content hashes differ: most records read are unchanged.
        let fields = {
            [
                Compared("job_type", j.jobType), Compared("vendor_job_type", j.vendorJobType),
                Compared("required_skills", JSONList.encode(j.requiredSkills), .list), Compared("urgency", j.urgency?.rawValue),
                Compared("status", j.status), Compared("summary", j.summary),
                Compared("customer_external_id", j.customerExternalID), Compared("location_external_id", j.locationExternalID),
                Compared("trade", j.trade), Compared("number", j.number),
                Compared("customer_name", c.name, personal: true, keepsCachedWhenNil: true),
                Compared("customer_phone", c.phone, personal: true, keepsCachedWhenNil: true),
                Compared("customer_email", c.email, personal: true, keepsCachedWhenNil: true),
            ] + address(c.address, personal: true, keepsCachedWhenNil: true)
        }
        return judge(
            row: row, cachedLive: row.map { $0["deleted_at"] as Date? == nil } ?? false, remoteLive: true, hash: hash,
            fields: fields
        ) { Drift(source: source, entity: .jobs, externalID: j.source.externalID, change: $0, fields: $1) }
    }

    static func appointment(_ a: Appointment, source: String, db: Database) throws -> Drift? {
        // The hash covers the technicians of an appointment that carries them: equal, the sync
        // changes nothing, so there is nothing to report.
        let hash = a.contentHash
        if try holds(
            hash, "SELECT content_hash FROM appointments WHERE source = ? AND external_id = ? AND deleted_at IS NULL",
            [source, a.source.externalID], db)
        {
            return nil
        }
        let row = try db.fetchOneRow(
            cached: "SELECT * FROM appointments WHERE source = ? AND external_id = ?", arguments: [source, a.source.externalID])
        // Built only when the content hashes differ: most records read are unchanged.
        let fields = {
            [
                Compared("job_external_id", a.jobExternalID), Compared("starts_at", a.range.start, .date),
                Compared("ends_at", a.range.end, .date), Compared("arrival_starts_at", a.arrivalWindow?.start, .date),
                Compared("arrival_ends_at", a.arrivalWindow?.end, .date), Compared("status", a.status),
            ]
        }
        var extra: [FieldChange] = []
        if let row, !a.assignedSeparately {
            // Technicians the cache does not know are left out by the sync; so here.
            var remote: [String] = []
            for id in Set(a.technicianIDs).sorted()
            where try db.fetchOneRow(cached: "SELECT 1 FROM technicians WHERE id = ?", arguments: [id]) != nil {
                remote.append(id)
            }
            let cached = try String.fetchAll(
                db.cachedStatement(sql: "SELECT technician_id FROM appointment_technicians WHERE appointment_id = ? ORDER BY technician_id"),
                arguments: [row["id"] as Int64])
            if cached != remote {
                extra.append(FieldChange(name: "technicians", before: list(cached), after: list(remote)))
            }
        }
        var drift = judge(
            row: row, cachedLive: row.map { $0["deleted_at"] as Date? == nil } ?? false, remoteLive: true, hash: hash,
            fields: fields
        ) { Drift(source: source, entity: .appointments, externalID: a.source.externalID, change: $0, fields: $1, start: a.range.start) }
        if !extra.isEmpty {
            if drift == nil {
                drift = Drift(
                    source: source, entity: .appointments, externalID: a.source.externalID, change: .changed, start: a.range.start)
            }
            if drift?.change == .changed { drift?.fields += extra }
        }
        return drift
    }

    static func assignment(_ a: AppointmentAssignment, source: String, db: Database) throws -> Drift? {
        let row = try db.fetchOneRow(
            cached: "SELECT * FROM appointment_assignments WHERE source = ? AND external_id = ?",
            arguments: [source, a.source.externalID])
        let fields = [Compared("technician_id", a.technicianID), Compared("appointment_external_id", a.appointmentExternalID)]
        guard
            var drift = judge(
                row: row, cachedLive: row.map { $0["active"] as Bool } ?? false, remoteLive: a.active, hash: nil,
                fields: { fields },
                make: {
                    Drift(
                        source: source, entity: .assignments, externalID: a.source.externalID, change: $0, fields: $1,
                        technicianID: a.technicianID, appointmentExternalID: a.appointmentExternalID)
                })
        else { return nil }
        if let row { drift.technicianID = drift.change == .deleted ? row["technician_id"] : a.technicianID }
        drift.technicianIDsBefore = try assignedTechnicians(
            appointmentExternalID: (row?["appointment_external_id"] as String?) ?? a.appointmentExternalID, source: source, db: db)
        return drift
    }

    /// What a tombstone deletes that the cache still holds live.
    static func deletion(_ tombstone: Tombstone, source: String, db: Database) throws -> [Drift] {
        let id = tombstone.externalID
        switch tombstone.entity {
        case .technicians:
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM technicians WHERE source = ? AND external_id = ? AND active = 1"),
                arguments: [source, id]
            ).map { Drift(source: source, entity: .technicians, externalID: id, change: .deleted, technicianID: $0["id"]) }
        case .availability:
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT technician_id, starts_at FROM availability_windows WHERE source = ? AND external_id = ?"),
                arguments: [source, id]
            ).map {
                Drift(source: source, entity: .availability, externalID: id, change: .deleted, technicianID: $0["technician_id"], start: $0["starts_at"])
            }
        case .assignments:
            return try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT technician_id, appointment_external_id FROM appointment_assignments WHERE source = ? AND external_id = ? AND active = 1"),
                arguments: [source, id]
            ).map { row in
                let appointment: String = row["appointment_external_id"]
                return Drift(
                    source: source, entity: .assignments, externalID: id, change: .deleted, technicianID: row["technician_id"],
                    appointmentExternalID: appointment,
                    technicianIDsBefore: try assignedTechnicians(appointmentExternalID: appointment, source: source, db: db))
            }
        case .appointments:
            return try Row.fetchAll(
                db.cachedStatement(sql: "SELECT starts_at FROM appointments WHERE source = ? AND external_id = ? AND deleted_at IS NULL"),
                arguments: [source, id]
            ).map { Drift(source: source, entity: .appointments, externalID: id, change: .deleted, start: $0["starts_at"]) }
        case .jobs, .customers, .locations:
            let table = tombstone.entity.rawValue
            let live = try db.fetchOneRow(
                cached: "SELECT 1 FROM \(table) WHERE source = ? AND external_id = ? AND deleted_at IS NULL", arguments: [source, id])
            return live == nil ? [] : [Drift(source: source, entity: tombstone.entity, externalID: id, change: .deleted)]
        }
    }

    /// The technicians the cache has assigned to an appointment (ServiceTitan's assignments).
    static func assignedTechnicians(appointmentExternalID: String, source: String, db: Database) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT DISTINCT technician_id FROM appointment_assignments
                    WHERE source = ? AND appointment_external_id = ? AND active = 1 ORDER BY technician_id
                    """),
            arguments: [source, appointmentExternalID])
    }

    // MARK: Comparing

    /// Whether `sql` finds the live cached record with content hash `hash`: most records a pass
    /// reads are unchanged, and this narrow read spares reading and comparing every column.
    static func holds(_ hash: String, _ sql: String, _ arguments: StatementArguments, _ db: Database) throws -> Bool {
        try String.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) == hash
    }

    /// Created, deleted, changed (with its fields), or nil when the two agree. `fields` is called
    /// only when both are live and the hashes (if any) differ.
    static func judge(
        row: Row?, cachedLive: Bool, remoteLive: Bool, hash: String?, fields: () -> [Compared],
        make: (Drift.Change, [FieldChange]) -> Drift
    ) -> Drift? {
        switch (row != nil && cachedLive, remoteLive) {
        case (false, false): return nil
        case (false, true): return make(.created, [])
        case (true, false): return make(.deleted, [])
        case (true, true):
            guard let row else { return nil }
            if let hash, row["content_hash"] as String == hash { return nil }
            let changes = differences(fields(), row: row)
            return changes.isEmpty ? nil : make(.changed, changes)
        }
    }

    static func differences(_ fields: [Compared], row: Row) -> [FieldChange] {
        var changes: [FieldChange] = []
        for field in fields {
            let cached: DatabaseValue = row[field.name]
            if field.value.isNull && field.keepsCachedWhenNil { continue }
            if same(field.value, cached, shape: field.shape) { continue }
            changes.append(
                FieldChange(
                    name: field.name, before: text(cached, field.shape), after: text(field.value, field.shape),
                    isPersonal: field.isPersonal))
        }
        return changes
    }

    static func same(_ a: DatabaseValue, _ b: DatabaseValue, shape: Shape) -> Bool {
        if a == b { return true }
        switch shape {
        case .date:
            // Both are instants; compare them as such (text forms may differ in precision).
            guard let x = Date.fromDatabaseValue(a), let y = Date.fromDatabaseValue(b) else { return false }
            return abs(x.timeIntervalSince(y)) < 0.001
        case .list:
            return JSONList.decode(String.fromDatabaseValue(a)) == JSONList.decode(String.fromDatabaseValue(b))
        case .text:
            // An empty text and no text mean the same to a dispatcher.
            func blank(_ v: DatabaseValue) -> Bool { v.isNull || String.fromDatabaseValue(v) == "" }
            return blank(a) && blank(b)
        case .flag:
            return false
        }
    }

    static func text(_ value: DatabaseValue, _ shape: Shape) -> String? {
        guard !value.isNull else { return nil }
        switch shape {
        case .date: return Date.fromDatabaseValue(value).map(RFC3339.string)
        case .flag: return (Bool.fromDatabaseValue(value) ?? false) ? "true" : "false"
        case .list: return list(JSONList.decode(String.fromDatabaseValue(value)))
        case .text:
            switch value.storage {
            case .int64(let i): return String(i)
            case .double(let d): return String(d)
            case .string(let s): return s
            case .blob, .null: return nil
            }
        }
    }

    static func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: ", ") }

    static func address(_ a: Location?, personal: Bool, keepsCachedWhenNil: Bool = true) -> [Compared] {
        [
            Compared("street", a?.street, personal: personal, keepsCachedWhenNil: keepsCachedWhenNil),
            Compared("city", a?.city, keepsCachedWhenNil: keepsCachedWhenNil),
            Compared("region", a?.region, keepsCachedWhenNil: keepsCachedWhenNil),
            Compared("postal_code", a?.postalCode, keepsCachedWhenNil: keepsCachedWhenNil),
            Compared("country", a?.country, keepsCachedWhenNil: keepsCachedWhenNil),
            Compared("latitude", a?.latitude, personal: personal, keepsCachedWhenNil: keepsCachedWhenNil),
            Compared("longitude", a?.longitude, personal: personal, keepsCachedWhenNil: keepsCachedWhenNil),
        ]
    }
}
