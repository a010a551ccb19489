import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// Upserts jobs by source and external id; unchanged ones only get `last_seen_at` moved.
    static func applyJobs(
        _ jobs: [Job], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws {
        for job in jobs {
            result.fetched += 1
            let hash = job.contentHash
            let c = job.customer
            let a = c.address
            let values: StatementArguments = [
                c.name, c.phone, c.email, a?.street, a?.city, a?.region, a?.postalCode, a?.country, a?.latitude,
                a?.longitude, job.jobType, JSONList.encode(job.requiredSkills), job.urgency?.rawValue, job.status,
                job.summary, job.source.remoteVersion, hash,
            ]
            if let existing = try Row.fetchOne(
                db, sql: "SELECT id, content_hash FROM jobs WHERE source = ? AND external_id = ?",
                arguments: [source, job.source.externalID])
            {
                let id: Int64 = existing["id"]
                if existing["content_hash"] as String == hash {
                    result.unchanged += 1
                    try db.execute(
                        sql: "UPDATE jobs SET last_seen_at = ?, last_sync_run_id = ? WHERE id = ?", arguments: [now, run, id])
                } else {
                    result.updated += 1
                    try db.execute(
                        sql: """
                            UPDATE jobs SET customer_name = ?, customer_phone = ?, customer_email = ?, street = ?, city = ?,
                                region = ?, postal_code = ?, country = ?, latitude = ?, longitude = ?, job_type = ?,
                                required_skills = ?, urgency = ?, status = ?, summary = ?, remote_version = ?, content_hash = ?,
                                last_seen_at = ?, last_sync_run_id = ?
                            WHERE id = ?
                            """, arguments: values + [now, run, id])
                }
            } else {
                result.inserted += 1
                try db.execute(
                    sql: """
                        INSERT INTO jobs (customer_name, customer_phone, customer_email, street, city, region, postal_code,
                            country, latitude, longitude, job_type, required_skills, urgency, status, summary, remote_version,
                            content_hash, backend, source, external_id, first_seen_at, last_seen_at, last_sync_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: values + [job.source.backend, source, job.source.externalID, now, now, run])
            }
        }
    }

    /// Upserts appointments by source and external id, with their technicians. Technician ids
    /// the cache does not know are left out and noted.
    static func applyAppointments(
        _ appointments: [Appointment], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws {
        for appointment in appointments {
            result.fetched += 1
            let hash = appointment.contentHash
            let values: StatementArguments = [
                appointment.jobExternalID, appointment.range.start, appointment.range.end,
                appointment.arrivalWindow?.start, appointment.arrivalWindow?.end, appointment.status,
                appointment.source.remoteVersion, hash,
            ]
            let id: Int64
            if let existing = try Row.fetchOne(
                db, sql: "SELECT id, content_hash FROM appointments WHERE source = ? AND external_id = ?",
                arguments: [source, appointment.source.externalID])
            {
                id = existing["id"]
                if existing["content_hash"] as String == hash {
                    result.unchanged += 1
                    try db.execute(
                        sql: "UPDATE appointments SET last_seen_at = ?, last_sync_run_id = ? WHERE id = ?",
                        arguments: [now, run, id])
                    continue
                }
                result.updated += 1
                try db.execute(
                    sql: """
                        UPDATE appointments SET job_external_id = ?, starts_at = ?, ends_at = ?, arrival_starts_at = ?,
                            arrival_ends_at = ?, status = ?, remote_version = ?, content_hash = ?, last_seen_at = ?,
                            last_sync_run_id = ?
                        WHERE id = ?
                        """, arguments: values + [now, run, id])
                try db.execute(sql: "DELETE FROM appointment_technicians WHERE appointment_id = ?", arguments: [id])
            } else {
                result.inserted += 1
                try db.execute(
                    sql: """
                        INSERT INTO appointments (job_external_id, starts_at, ends_at, arrival_starts_at, arrival_ends_at,
                            status, remote_version, content_hash, backend, source, external_id, first_seen_at, last_seen_at,
                            last_sync_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: values + [appointment.source.backend, source, appointment.source.externalID, now, now, run])
                id = db.lastInsertedRowID
            }
            for technicianID in Set(appointment.technicianIDs).sorted() {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM technicians WHERE id = ?", arguments: [technicianID]) == true
                else {
                    result.notes.append(
                        "appointment \(appointment.source.externalID) names technician \(technicianID), which the cache does not know")
                    continue
                }
                try db.execute(
                    sql: "INSERT INTO appointment_technicians (appointment_id, technician_id) VALUES (?, ?)",
                    arguments: [id, technicianID])
            }
        }
    }
}

extension Job {
    var contentHash: String {
        let a = customer.address
        return ContentHash.of([
            customer.name, customer.phone, customer.email, a?.street, a?.city, a?.region, a?.postalCode, a?.country,
            a?.latitude.map { "\($0)" }, a?.longitude.map { "\($0)" }, jobType, requiredSkills.joined(separator: ","),
            urgency?.rawValue, status, summary, source.remoteVersion,
        ])
    }
}

extension Appointment {
    var contentHash: String {
        ContentHash.of([
            jobExternalID, ContentHash.seconds(range.start), ContentHash.seconds(range.end),
            arrivalWindow.map { ContentHash.seconds($0.start) }, arrivalWindow.map { ContentHash.seconds($0.end) },
            technicianIDs.sorted().joined(separator: ","), status, source.remoteVersion,
        ])
    }
}
