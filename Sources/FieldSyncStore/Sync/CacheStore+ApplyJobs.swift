import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// Upserts jobs by source and external id; unchanged ones only get `last_seen_at` moved.
    /// Returns the jobs inserted or updated (their customer details and address are filled next).
    static func applyJobs(
        _ jobs: [Job], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws -> [Job] {
        var written: [Job] = []
        var unchangedIDs: [Int64] = []
        for job in jobs {
            result.fetched += 1
            result.count(.jobs, \.pulled)
            let hash = job.contentHash
            if let existing = try db.fetchOneRow(
                cached: "SELECT id, content_hash, deleted_at IS NOT NULL AS deleted FROM jobs WHERE source = ? AND external_id = ?",
                arguments: [source, job.source.externalID])
            {
                let id: Int64 = existing["id"]
                if existing["content_hash"] as String == hash && !(existing["deleted"] as Bool) {
                    result.unchanged += 1
                    result.count(.jobs, \.unchanged)
                    unchangedIDs.append(id)
                    continue
                }
                written.append(job)
                result.updated += 1
                result.count(.jobs, \.updated)
                try db.execute(
                    cached: """
                        UPDATE jobs SET customer_name = ?, customer_phone = ?, customer_email = ?, street = ?, city = ?,
                            region = ?, postal_code = ?, country = ?, latitude = ?, longitude = ?, job_type = ?,
                            required_skills = ?, urgency = ?, status = ?, summary = ?, customer_external_id = ?,
                            location_external_id = ?, trade = ?, vendor_job_type = ?, number = ?, remote_version = ?,
                            content_hash = ?, deleted_at = NULL, last_seen_at = ?, last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?)
                        WHERE id = ?
                        """, arguments: jobValues(job, hash: hash) + [now, run, id])
            } else {
                written.append(job)
                result.inserted += 1
                result.count(.jobs, \.created)
                try db.execute(
                    cached: """
                        INSERT INTO jobs (customer_name, customer_phone, customer_email, street, city, region, postal_code,
                            country, latitude, longitude, job_type, required_skills, urgency, status, summary,
                            customer_external_id, location_external_id, trade, vendor_job_type, number, remote_version,
                            content_hash, backend, source, external_id, first_seen_at, last_seen_at, last_sync_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: jobValues(job, hash: hash) + [job.source.backend, source, job.source.externalID, now, now, run])
            }
        }
        try touch(table: "jobs", ids: unchangedIDs, run: run, now: now, db: db)
        return written
    }

    /// The columns a job's insert and update share, in their order there.
    private static func jobValues(_ job: Job, hash: String) -> StatementArguments {
        let c = job.customer
        let a = c.address
        return [
            c.name, c.phone, c.email, a?.street, a?.city, a?.region, a?.postalCode, a?.country, a?.latitude,
            a?.longitude, job.jobType, JSONList.encode(job.requiredSkills), job.urgency?.rawValue, job.status,
            job.summary, job.customerExternalID, job.locationExternalID, job.trade, job.vendorJobType, job.number,
            job.source.remoteVersion, hash,
        ]
    }

    /// Upserts appointments by source and external id, with their technicians. Technician ids
    /// the cache does not know are left out and noted.
    static func applyAppointments(
        _ appointments: [Appointment], run: Int64, source: String, now: Date, db: Database, result: inout ApplyResult
    ) throws {
        var unchangedIDs: [Int64] = []
        for appointment in appointments {
            result.fetched += 1
            result.count(.appointments, \.pulled)
            let hash = appointment.contentHash
            // Built only for a write: most appointments a pass reads are unchanged.
            var values: StatementArguments {
                [
                    appointment.jobExternalID, appointment.range.start, appointment.range.end,
                    appointment.arrivalWindow?.start, appointment.arrivalWindow?.end, appointment.status,
                    appointment.assignedSeparately, appointment.source.remoteVersion, hash,
                ]
            }
            let id: Int64
            if let existing = try db.fetchOneRow(
                cached: """
                    SELECT id, content_hash, deleted_at IS NOT NULL AS deleted FROM appointments
                    WHERE source = ? AND external_id = ?
                    """,
                arguments: [source, appointment.source.externalID])
            {
                id = existing["id"]
                if existing["content_hash"] as String == hash && !(existing["deleted"] as Bool) {
                    result.unchanged += 1
                    result.count(.appointments, \.unchanged)
                    unchangedIDs.append(id)
                    continue
                }
                result.updated += 1
                result.count(.appointments, \.updated)
                try db.execute(
                    cached: """
                        UPDATE appointments SET job_external_id = ?, starts_at = ?, ends_at = ?, arrival_starts_at = ?,
                            arrival_ends_at = ?, status = ?, assigned_separately = ?, remote_version = ?, content_hash = ?,
                            deleted_at = NULL, last_seen_at = ?, last_sync_run_id = MAX(COALESCE(last_sync_run_id, 0), ?)
                        WHERE id = ?
                        """, arguments: values + [now, run, id])
                if appointment.assignedSeparately { continue }
                try db.execute(cached: "DELETE FROM appointment_technicians WHERE appointment_id = ?", arguments: [id])
            } else {
                result.inserted += 1
                result.count(.appointments, \.created)
                try db.execute(
                    cached: """
                        INSERT INTO appointments (job_external_id, starts_at, ends_at, arrival_starts_at, arrival_ends_at,
                            status, assigned_separately, remote_version, content_hash, backend, source, external_id,
                            first_seen_at, last_seen_at, last_sync_run_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: values + [appointment.source.backend, source, appointment.source.externalID, now, now, run])
                id = db.lastInsertedRowID
                if appointment.assignedSeparately {
                    // Assignments that arrived before their appointment.
                    try linkAssignments(appointmentRowID: id, appointmentExternalID: appointment.source.externalID,
                        source: source, db: db)
                    continue
                }
            }
            for technicianID in Set(appointment.technicianIDs).sorted() {
                guard try db.fetchOneRow(cached: "SELECT 1 FROM technicians WHERE id = ?", arguments: [technicianID]) != nil
                else {
                    result.notes.append(
                        "appointment \(appointment.source.externalID) names technician \(technicianID), which the cache does not know")
                    continue
                }
                try db.execute(
                    cached: "INSERT INTO appointment_technicians (appointment_id, technician_id) VALUES (?, ?)",
                    arguments: [id, technicianID])
            }
        }
        try touch(table: "appointments", ids: unchangedIDs, run: run, now: now, db: db)
    }
}

extension Job {
    var contentHash: String {
        let a = customer.address
        return ContentHash.of([
            customer.name, customer.phone, customer.email, a?.street, a?.city, a?.region, a?.postalCode, a?.country,
            a?.latitude.map { "\($0)" }, a?.longitude.map { "\($0)" }, jobType, requiredSkills.joined(separator: ","),
            urgency?.rawValue, status, summary, source.remoteVersion,
        ] + (customerExternalID == nil && locationExternalID == nil && trade == nil && vendorJobType == nil && number == nil
            ? [] : ["v2", customerExternalID, locationExternalID, trade, vendorJobType, number]))
    }
}

extension Appointment {
    var contentHash: String {
        ContentHash.of([
            jobExternalID, ContentHash.seconds(range.start), ContentHash.seconds(range.end),
            arrivalWindow.map { ContentHash.seconds($0.start) }, arrivalWindow.map { ContentHash.seconds($0.end) },
            assignedSeparately ? "" : technicianIDs.sorted().joined(separator: ","), status, source.remoteVersion,
        ])
    }
}
