import FieldSyncCore
import Foundation
import GRDB

extension CacheStore {
    /// Technicians whose local id, external id or name matches `query`.
    ///
    /// An exact match on id, external id or the whole name (ignoring case) wins; otherwise every
    /// technician whose name contains `query` (ignoring case) is returned, so the caller can
    /// say "did you mean …".
    public func technicians(matching query: String) throws(CacheError) -> [CachedTechnician] {
        try read("cannot look up technicians") { db in
            let exact = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM technicians WHERE id = ? OR external_id = ? OR name = ? COLLATE NOCASE ORDER BY name, id
                    """, arguments: [query, query, query])
            if !exact.isEmpty { return exact.map(Self.technician) }
            let escaped = query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            let pattern = "%" + escaped + "%"
            return try Row.fetchAll(
                db, sql: "SELECT * FROM technicians WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id", arguments: [pattern]
            ).map(Self.technician)
        }
    }

    /// Every technician, by name.
    public func allTechnicians() throws(CacheError) -> [CachedTechnician] {
        try read("cannot list technicians") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM technicians ORDER BY name, id").map(Self.technician)
        }
    }

    /// A technician's windows overlapping `range` (zero-length ones when they start inside it),
    /// from every source, by start.
    ///
    /// The technician's live appointments (not cancelled, not deleted) come with them as windows of
    /// kind ``AvailabilityKind/appointment``, titled by job number and type (never the customer).
    public func availability(technicianID: String, overlapping range: TimeRange) throws(CacheError) -> [CachedWindow] {
        try read("cannot read availability") { db in
            let windows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM availability_windows
                    WHERE technician_id = ?
                      AND ((starts_at < ? AND ends_at > ?) OR (starts_at = ends_at AND starts_at >= ? AND starts_at < ?))
                    ORDER BY starts_at, ends_at, id
                    """,
                arguments: [technicianID, range.end, range.start, range.start, range.end]
            ).map(Self.window)
            let appointments = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.starts_at, a.ends_at, a.status, a.backend, a.source, a.external_id, a.remote_version,
                        a.last_seen_at, a.job_external_id, j.number, j.job_type, j.vendor_job_type
                    FROM appointment_technicians t
                    JOIN appointments a ON a.id = t.appointment_id
                    LEFT JOIN jobs j ON j.source = a.source AND j.external_id = a.job_external_id AND j.deleted_at IS NULL
                    WHERE t.technician_id = ? AND a.deleted_at IS NULL AND a.status != 'cancelled'
                      AND a.starts_at < ? AND a.ends_at > ?
                    """,
                arguments: [technicianID, range.end, range.start]
            ).map { row -> CachedWindow in
                // A job that is not cached (quarantined) still names its id.
                let number: String? = row["number"] ?? row["job_external_id"]
                let type: String? = row["job_type"] ?? row["vendor_job_type"]
                let title = ["Job", number, type.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
                let window = AvailabilityWindow(
                    technicianID: technicianID, range: TimeRange(start: row["starts_at"], end: row["ends_at"]),
                    kind: .appointment, title: title, status: row["status"],
                    source: SourceRef(
                        backend: row["backend"], source: row["source"], externalID: row["external_id"],
                        remoteVersion: row["remote_version"]))
                return CachedWindow(id: -(row["id"] as Int64), window: window, lastSeenAt: row["last_seen_at"])
            }
            return (windows + appointments).sorted {
                ($0.window.range.start, $0.window.range.end, $0.id) < ($1.window.range.start, $1.window.range.end, $1.id)
            }
        }
    }

    /// Whether the cache holds any shift of this technician, from any source: when it does,
    /// time outside shifts is not bookable.
    public func hasShifts(technicianID: String) throws(CacheError) -> Bool {
        try read("cannot read availability") { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM availability_windows WHERE technician_id = ? AND kind = 'shift' LIMIT 1",
                arguments: [technicianID]) ?? false
        }
    }

    /// What the syncs read completely of this technician's schedule: per source and part, the
    /// span and when.
    public func coverage(technicianID: String) throws(CacheError) -> [CachedCoverage] {
        try read("cannot read coverage") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM coverage WHERE technician_id = ? ORDER BY source, scope", arguments: [technicianID]
            ).map { row in
                let scope: String = row["scope"]
                return CachedCoverage(
                    source: row["source"], scope: scope.isEmpty ? nil : scope,
                    range: TimeRange(start: row["range_start"], end: row["range_end"]), syncedAt: row["synced_at"])
            }
        }
    }

    /// Rejects, newest first: open ones only unless `includeResolved`.
    public func rejects(source: String? = nil, includeResolved: Bool = false, limit: Int = 100) throws(CacheError)
        -> [CachedReject]
    {
        try read("cannot read rejects") { db in
            var sql = "SELECT * FROM rejects WHERE 1 = 1"
            var arguments: StatementArguments = []
            if let source {
                sql += " AND source = ?"
                arguments += [source]
            }
            if !includeResolved { sql += " AND resolved_at IS NULL" }
            sql += " ORDER BY last_seen_at DESC, id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                CachedReject(
                    id: row["id"],
                    record: RejectedRecord(
                        backend: row["backend"], source: row["source"], recordKind: row["record_kind"],
                        externalID: row["external_id"], reason: row["reason"], location: row["location"],
                        part: row["part"], rawPayload: row["raw_payload"],
                        problem: (row["problem"] as String?).flatMap(RejectProblem.init(rawValue:))),
                    timesSeen: row["times_seen"], firstSeenAt: row["first_seen_at"], lastSeenAt: row["last_seen_at"],
                    resolvedAt: row["resolved_at"])
            }
        }
    }

    /// How many rows each table holds, for reports and tests.
    public func counts() throws(CacheError) -> [String: Int] {
        try read("cannot count rows") { db in
            var result: [String: Int] = [:]
            for table in ["technicians", "availability_windows", "jobs", "appointments", "sync_runs", "rejects", "sync_cursors"] {
                result[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            return result
        }
    }

    static func technician(_ row: Row) -> CachedTechnician {
        let latitude: Double? = row["home_latitude"]
        let longitude: Double? = row["home_longitude"]
        let street: String? = row["home_street"]
        let city: String? = row["home_city"]
        let region: String? = row["home_region"]
        let postalCode: String? = row["home_postal_code"]
        let country: String? = row["home_country"]
        let hasHome = [street, city, region, postalCode, country].contains { $0 != nil } || latitude != nil
        let technician = Technician(
            id: row["id"], name: row["name"], phone: row["phone"], email: row["email"],
            skills: JSONList.decode(row["skills"]),
            homeBase: hasHome
                ? Location(
                    street: street, city: city, region: region, postalCode: postalCode, country: country,
                    latitude: latitude, longitude: longitude) : nil,
            timeZone: row["time_zone"], active: row["active"], dailyCapacity: row["daily_capacity"],
            source: SourceRef(
                backend: row["backend"], source: row["source"], externalID: row["external_id"],
                remoteVersion: row["remote_version"]))
        return CachedTechnician(technician: technician, firstSeenAt: row["first_seen_at"], lastSeenAt: row["last_seen_at"])
    }

    static func window(_ row: Row) -> CachedWindow {
        let window = AvailabilityWindow(
            technicianID: row["technician_id"], range: TimeRange(start: row["starts_at"], end: row["ends_at"]),
            kind: AvailabilityKind(rawValue: row["kind"]) ?? .busy, sourceTimeZone: row["source_time_zone"],
            allDay: row["all_day"], title: row["title"], status: row["status"],
            source: SourceRef(
                backend: row["backend"], source: row["source"], externalID: row["external_id"],
                remoteVersion: row["remote_version"]))
        return CachedWindow(id: row["id"], window: window, lastSeenAt: row["last_seen_at"])
    }
}
