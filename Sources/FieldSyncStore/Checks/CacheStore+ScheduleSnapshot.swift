import FieldSyncChecks
import FieldSyncCore
import Foundation
import GRDB
import GRDBSQLite

extension CacheStore {
    /// Everything the checks read, in one read transaction (a sync writing at the same time is
    /// seen entirely or not at all).
    ///
    /// Appointments, bookings and jobs are read with SQLite's own column accessors and times are
    /// converted by SQLite, so a million appointments load in well under a second.
    ///
    /// - Parameter sources: the configured sources, with the zones their shops work in; sources
    ///   found in the cache but no longer configured are added without a zone.
    public func scheduleSnapshot(sources: [ScheduleSnapshot.Source] = [], asOf: Date = Date()) throws(CacheError)
        -> ScheduleSnapshot
    {
        try read("cannot read the schedule for the checks") { db in
            var snapshot = ScheduleSnapshot(asOf: asOf)
            for s in sources { _ = snapshot.sourceIndex(name: s.name, backend: s.backend, timeZone: s.timeZone) }
            var sourceByName: [String: Int32] = [:]
            func source(_ name: String, _ backend: String) -> Int32 {
                if let i = sourceByName[name] { return i }
                let i = snapshot.sourceIndex(name: name, backend: backend)
                sourceByName[name] = i
                return i
            }
            /// The source named in a row's columns, found by comparing bytes with the few known
            /// names before making strings of them.
            func source(_ s: OpaquePointer, name: Int32, backend: Int32) -> Int32 {
                if let bytes = RawSQL.bytes(s, name) {
                    for i in snapshot.sources.indices where snapshot.sources[i].name.hasUTF8(bytes) { return Int32(i) }
                }
                return source(RawSQL.text(s, name) ?? "", RawSQL.text(s, backend) ?? "")
            }

            // Technicians, by rowid (the links below use it rather than the text id).
            var technicianByRow: [Int64: Int32] = [:]
            var technicianByID: [String: Int32] = [:]
            let technicianRows = try Row.fetchCursor(
                db, sql: "SELECT rowid, id, name, source, backend, external_id, skills, time_zone, active FROM technicians ORDER BY id")
            while let row = try technicianRows.next() {
                let index = Int32(snapshot.technicians.count)
                let id: String = row[1]
                technicianByRow[row[0]] = index
                technicianByID[id] = index
                snapshot.technicians.append(
                    .init(
                        id: id, name: row[2], source: source(row[3], row[4]), externalID: row[5],
                        skills: JSONList.decode(row[6]), timeZone: row[7], active: row[8]))
            }

            // Jobs, by source and external id, for the appointments below (a join in Swift: one
            // index probe per appointment in SQLite costs several times more; see JobPositions).
            let maxJob = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM jobs") ?? 0
            var jobPositions = JobPositions(count: Int(maxJob))
            var skillLists: [String: [String]] = [:]
            try RawSQL.step(
                db,
                sql: """
                    SELECT id, source, backend, external_id, number, customer_external_id, location_external_id, job_type,
                        vendor_job_type, required_skills, status NOT IN ('completed', 'cancelled'),
                        (COALESCE(street, '') != '' OR COALESCE(city, '') != '' OR COALESCE(postal_code, '') != ''
                            OR latitude IS NOT NULL),
                        COALESCE(customer_phone, '') != ''
                    FROM jobs WHERE deleted_at IS NULL
                    """
            ) { s in
                let skillsText = RawSQL.text(s, 9) ?? "[]"
                let skills: [String]
                if let known = skillLists[skillsText] {
                    skills = known
                } else {
                    skills = JSONList.decode(skillsText)
                    skillLists[skillsText] = skills
                }
                let jobSource = source(s, name: 1, backend: 2)
                let externalID = RawSQL.text(s, 3) ?? ""
                jobPositions.insert(JobPositions.hash(source: jobSource, externalID: externalID), position: Int32(snapshot.jobs.count))
                snapshot.jobs.append(
                    .init(
                        source: jobSource, externalID: externalID,
                        number: RawSQL.text(s, 4), customerExternalID: RawSQL.text(s, 5), locationExternalID: RawSQL.text(s, 6),
                        jobType: RawSQL.text(s, 7), vendorJobType: RawSQL.text(s, 8), requiredSkills: skills,
                        isOpen: sqlite3_column_int(s, 10) != 0, hasAddress: sqlite3_column_int(s, 11) != 0,
                        hasPhone: sqlite3_column_int(s, 12) != 0))
            }

            // Appointments with their job's external id.
            let maxAppointment = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM appointments") ?? 0
            var appointmentByRow = [Int32](repeating: -1, count: Int(maxAppointment) + 1)
            try RawSQL.step(
                db,
                sql: """
                    SELECT a.id, a.source, a.backend, a.external_id, \(RawSQL.millis("a.starts_at")), \(RawSQL.millis("a.ends_at")),
                        CASE WHEN a.status = 'cancelled' THEN 2 WHEN a.status IN ('done', 'completed') THEN 1 ELSE 0 END,
                        a.job_external_id
                    FROM appointments a
                    WHERE a.deleted_at IS NULL
                    """
            ) { s in
                appointmentByRow[Int(sqlite3_column_int64(s, 0))] = Int32(snapshot.appointments.count)
                let appointmentSource = source(s, name: 1, backend: 2)
                var job: Int32 = -1
                if let id = RawSQL.bytes(s, 7) {
                    job = jobPositions.find(JobPositions.hash(source: appointmentSource, externalID: id)) { p in
                        snapshot.jobs[Int(p)].source == appointmentSource && snapshot.jobs[Int(p)].externalID.hasUTF8(id)
                    } ?? -1
                }
                snapshot.appointments.append(
                    .init(
                        source: appointmentSource, externalID: RawSQL.text(s, 3) ?? "", job: job,
                        start: Date(timeIntervalSince1970: sqlite3_column_double(s, 4) / 1000),
                        end: Date(timeIntervalSince1970: sqlite3_column_double(s, 5) / 1000),
                        progress: ScheduleSnapshot.Progress(rawValue: UInt8(sqlite3_column_int(s, 6))) ?? .open))
            }

            // Who is on which appointment, in technician order.
            try RawSQL.step(
                db,
                sql: """
                    SELECT l.appointment_id, t.rowid FROM appointment_technicians l JOIN technicians t ON t.id = l.technician_id
                    """
            ) { s in
                let a = Int(sqlite3_column_int64(s, 0))
                guard a < appointmentByRow.count, appointmentByRow[a] >= 0,
                    let t = technicianByRow[sqlite3_column_int64(s, 1)]
                else { return }
                snapshot.bookings.append(.init(appointment: appointmentByRow[a], technician: t))
            }

            // Shifts, time off and busy time.
            try RawSQL.step(
                db,
                sql: """
                    SELECT t.rowid, w.source, w.backend, w.external_id, w.kind, \(RawSQL.millis("w.starts_at")),
                        \(RawSQL.millis("w.ends_at")), w.title
                    FROM availability_windows w JOIN technicians t ON t.id = w.technician_id
                    """
            ) { s in
                guard let t = technicianByRow[sqlite3_column_int64(s, 0)],
                    let kind = AvailabilityKind(rawValue: RawSQL.text(s, 4) ?? "")
                else { return }
                snapshot.windows.append(
                    .init(
                        technician: t, source: source(s, name: 1, backend: 2),
                        externalID: RawSQL.text(s, 3) ?? "", kind: kind,
                        start: Date(timeIntervalSince1970: sqlite3_column_double(s, 5) / 1000),
                        end: Date(timeIntervalSince1970: sqlite3_column_double(s, 6) / 1000), title: RawSQL.text(s, 7)))
            }

            let rejects = try Row.fetchCursor(
                db,
                sql: """
                    SELECT source, backend, record_kind, external_id, reason, location, problem FROM rejects
                    WHERE resolved_at IS NULL ORDER BY source, record_kind, external_id, id
                    """)
            while let row = try rejects.next() {
                snapshot.rejects.append(
                    .init(
                        source: source(row[0], row[1]), recordKind: row[2], externalID: row[3], reason: row[4], location: row[5],
                        problem: (row[6] as String?).flatMap(RejectProblem.init(rawValue:))))
            }

            let coverage = try Row.fetchCursor(
                db, sql: "SELECT source, technician_id, range_start, range_end FROM coverage")
            while let row = try coverage.next() {
                guard let t = technicianByID[row[1]], let i = sourceByName[row[0]] ?? snapshot.sources.firstIndex(where: { $0.name == row[0] as String }).map(Int32.init)
                else { continue }
                snapshot.coverage.append(.init(technician: t, source: i, start: row[2], end: row[3]))
            }
            snapshot.sortForChecks()
            return snapshot
        }
    }
}
