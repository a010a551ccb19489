import Foundation
import GRDB

/// The cache's live content as sorted lines per table, without what differs between equally
/// good runs (row ids, run ids, timestamps, tombstones of records a fresh cache never saw): two
/// syncs that ended with the same data have equal snapshots however they got there.
struct CacheSnapshot: Equatable, CustomStringConvertible {
    var tables: [String: [String]]

    static let queries: [String: String] = [
        "technicians": """
            SELECT id, name, phone, email, skills, zones, home_street, home_city, home_postal_code, home_latitude,
                home_longitude, time_zone, active, source, external_id, remote_version FROM technicians
            """,
        "availability_windows": """
            SELECT technician_id, starts_at, ends_at, kind, title, source, external_id, remote_version
            FROM availability_windows
            """,
        "customers": """
            SELECT source, external_id, name, phone, email, street, city, postal_code, active, remote_version
            FROM customers WHERE deleted_at IS NULL
            """,
        "locations": """
            SELECT source, external_id, customer_external_id, street, city, postal_code, latitude, longitude, active,
                remote_version FROM locations WHERE deleted_at IS NULL
            """,
        "jobs": """
            SELECT source, external_id, customer_name, customer_phone, street, city, postal_code, job_type, required_skills,
                urgency, status, summary, customer_external_id, location_external_id, trade, vendor_job_type, number,
                remote_version FROM jobs WHERE deleted_at IS NULL
            """,
        "appointments": """
            SELECT source, external_id, job_external_id, starts_at, ends_at, arrival_starts_at, arrival_ends_at, status,
                remote_version FROM appointments WHERE deleted_at IS NULL
            """,
        "appointment_technicians": """
            SELECT a.source, a.external_id, t.technician_id FROM appointment_technicians t
            JOIN appointments a ON a.id = t.appointment_id WHERE a.deleted_at IS NULL
            """,
        "open_rejects": "SELECT source, record_kind, external_id, reason FROM rejects WHERE resolved_at IS NULL",
    ]

    static func of(path: String) throws -> CacheSnapshot {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            var tables: [String: [String]] = [:]
            for (name, sql) in queries {
                tables[name] = try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map { $0.description }.joined(separator: " | ")
                }.sorted()
            }
            return CacheSnapshot(tables: tables)
        }
    }

    /// Rows per table, for messages.
    var counts: [String: Int] { tables.mapValues(\.count) }

    /// The lines only one side has, per table: what a failing comparison prints.
    func difference(from other: CacheSnapshot) -> String {
        var out = ""
        for name in Set(tables.keys).union(other.tables.keys).sorted() {
            let mine = Set(tables[name] ?? [])
            let theirs = Set(other.tables[name] ?? [])
            for line in mine.subtracting(theirs).sorted().prefix(5) { out += "+ \(name): \(line)\n" }
            for line in theirs.subtracting(mine).sorted().prefix(5) { out += "- \(name): \(line)\n" }
        }
        return out
    }

    var description: String { counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
}
