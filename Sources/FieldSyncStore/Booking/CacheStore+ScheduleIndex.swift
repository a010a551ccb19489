import FieldSyncBooking
import FieldSyncCore
import Foundation
import GRDB
import GRDBSQLite

extension CacheStore {
    /// Every technician's schedule over `range`, for slot search: shifts, on-call, time off, busy
    /// time and non-job appointments, appointments that are not cancelled (with their job's place
    /// and type), coverage, and the postal-code centroids of the places the cache knows. One read
    /// transaction; deleted rows are left out.
    ///
    /// ```swift
    /// let index = try store.scheduleIndex(in: TimeRange(start: now, end: now.addingTimeInterval(60 * 86_400)), now: now)
    /// ```
    public func scheduleIndex(in range: TimeRange, now: Date) throws(CacheError) -> ScheduleIndex {
        try read("cannot read the schedule for slot search") { db in
            try Self.scheduleIndex(db, in: range, technicianIDs: nil, now: now)
        }
    }

    /// The bookings that hold technicians' time in `range` now (see ``blockingHolds(_:in:technicianIDs:now:)``).
    public func blockingHolds(in range: TimeRange, now: Date) throws(CacheError) -> [BlockingHold] {
        try read("cannot read the held bookings") { db in
            try Self.blockingHolds(db, in: range, technicianIDs: nil, now: now)
        }
    }

    /// ``scheduleIndex(in:now:)`` inside a caller's transaction (the hold transaction), limited to
    /// `technicianIDs` when given.
    ///
    /// Rows are read a day beyond each end of `range`, so buffers, travel and daily counts at its
    /// edges see their neighbours; slots are offered only inside `range`.
    ///
    /// - Parameter postalCodes: the postal codes whose centroids are needed (the hold's re-check
    ///   knows its one address); nil reads them all, as the server's whole index does.
    public static func scheduleIndex(
        _ db: Database, in range: TimeRange, technicianIDs: Set<String>?, now: Date, postalCodes: Set<String>? = nil
    ) throws -> ScheduleIndex {
        let lo = DateText.of(range.start.addingTimeInterval(-86_400))
        let hi = DateText.of(range.end.addingTimeInterval(86_400))
        // Appointments are found by start (the indexed column): none is longer than a week.
        let earliestStart = DateText.of(range.start.addingTimeInterval(-8 * 86_400))

        struct Parts {
            var row: TechnicianRow
            var shifts: [TimeRange] = []
            var onCall: [TimeRange] = []
            var timeOff: [TimeRange] = []
            var busy: [TimeRange] = []
            var visits: [TechnicianSchedule.Visit] = []
            var coverage: [TimeRange] = []
        }
        struct TechnicianRow {
            var id: String, name: String, skills: [String], home: Location?, timeZone: String?, active: Bool
            var capacity: Int?, zones: [String], source: String, usesShifts: Bool
        }
        var parts: [Parts] = []
        var position: [String: Int] = [:]

        let technicians = RawSQL.only("t.id", technicianIDs)
        try RawSQL.step(
            db,
            sql: """
                SELECT t.id, t.name, t.skills, t.home_street, t.home_city, t.home_region, t.home_postal_code, t.home_country,
                    t.home_latitude, t.home_longitude, t.time_zone, t.active, t.daily_capacity, t.zones, t.source,
                    EXISTS (SELECT 1 FROM availability_windows w WHERE w.technician_id = t.id AND w.kind = 'shift')
                FROM technicians t WHERE 1\(technicians.sql) ORDER BY t.id
                """,
            arguments: technicians.json.map { [$0] } ?? []
        ) { s in
            let id = RawSQL.text(s, 0) ?? ""
            position[id] = parts.count
            parts.append(
                Parts(
                    row: TechnicianRow(
                        id: id, name: RawSQL.text(s, 1) ?? id, skills: JSONList.decode(RawSQL.text(s, 2)),
                        home: RawSQL.location(s, from: 3), timeZone: RawSQL.text(s, 10),
                        active: sqlite3_column_int(s, 11) != 0,
                        capacity: sqlite3_column_type(s, 12) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(s, 12)),
                        zones: JSONList.decode(RawSQL.text(s, 13)), source: RawSQL.text(s, 14) ?? "",
                        usesShifts: sqlite3_column_int(s, 15) != 0)))
        }

        let windows = RawSQL.only("technician_id", technicianIDs)
        try RawSQL.step(
            db,
            sql: """
                SELECT technician_id, kind, \(RawSQL.millis("starts_at")), \(RawSQL.millis("ends_at"))
                FROM availability_windows
                WHERE ends_at > ? AND starts_at < ? AND lower(COALESCE(status, '')) != 'cancelled'\(windows.sql)
                ORDER BY technician_id, starts_at
                """,
            arguments: [lo, hi] + (windows.json.map { [$0] } ?? [])
        ) { s in
            guard let i = RawSQL.text(s, 0).flatMap({ position[$0] }) else { return }
            let range = TimeRange(start: RawSQL.date(s, 2), end: RawSQL.date(s, 3))
            switch RawSQL.text(s, 1) {
            case "shift": parts[i].shifts.append(range)
            case "on_call": parts[i].onCall.append(range)
            case "time_off": parts[i].timeOff.append(range)
            default: parts[i].busy.append(range)  // busy, non_job_appointment
            }
        }

        let links = RawSQL.only("l.technician_id", technicianIDs)
        try RawSQL.step(
            db,
            sql: """
                SELECT l.technician_id, \(RawSQL.millis("a.starts_at")), \(RawSQL.millis("a.ends_at")),
                    a.source || ':' || a.external_id, j.job_type,
                    j.street, j.city, j.region, j.postal_code, j.country, j.latitude, j.longitude
                FROM appointments a
                JOIN appointment_technicians l ON l.appointment_id = a.id
                LEFT JOIN jobs j ON j.source = a.source AND j.external_id = a.job_external_id AND j.deleted_at IS NULL
                WHERE a.deleted_at IS NULL AND a.status != 'cancelled' AND COALESCE(j.status, '') != 'cancelled'
                    AND a.starts_at >= ? AND a.starts_at < ? AND a.ends_at > ?\(links.sql)
                ORDER BY l.technician_id, a.starts_at
                """,
            arguments: [earliestStart, hi, lo] + (links.json.map { [$0] } ?? [])
        ) { s in
            guard let i = RawSQL.text(s, 0).flatMap({ position[$0] }) else { return }
            parts[i].visits.append(
                TechnicianSchedule.Visit(
                    range: TimeRange(start: RawSQL.date(s, 1), end: RawSQL.date(s, 2)),
                    location: RawSQL.location(s, from: 5), jobType: RawSQL.text(s, 4),
                    appointmentID: RawSQL.text(s, 3)))
        }

        let covered = RawSQL.only("technician_id", technicianIDs)
        try RawSQL.step(
            db,
            sql: """
                SELECT technician_id, \(RawSQL.millis("range_start")), \(RawSQL.millis("range_end"))
                FROM coverage WHERE 1\(covered.sql)
                """,
            arguments: covered.json.map { [$0] } ?? []
        ) { s in
            guard let i = RawSQL.text(s, 0).flatMap({ position[$0] }) else { return }
            parts[i].coverage.append(TimeRange(start: RawSQL.date(s, 1), end: RawSQL.date(s, 2)))
        }

        var centroids: [String: Coordinate] = [:]
        let wanted = RawSQL.only("postal_code", postalCodes)
        if postalCodes?.isEmpty != true {
            try RawSQL.step(
                db,
                sql: """
                    SELECT postal_code, AVG(latitude), AVG(longitude) FROM (
                        SELECT postal_code, latitude, longitude FROM customers WHERE deleted_at IS NULL
                        UNION ALL SELECT postal_code, latitude, longitude FROM locations WHERE deleted_at IS NULL
                        UNION ALL SELECT home_postal_code, home_latitude, home_longitude FROM technicians)
                    WHERE postal_code IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL\(wanted.sql)
                    GROUP BY postal_code
                    """,
                arguments: wanted.json.map { [$0] } ?? []
            ) { s in
                guard let code = RawSQL.text(s, 0) else { return }
                centroids[code] = Coordinate(latitude: sqlite3_column_double(s, 1), longitude: sqlite3_column_double(s, 2))
            }
        }

        let asOf = try Date.fetchOne(
            db,
            sql: """
                SELECT MIN(finished) FROM (
                    SELECT MAX(finished_at) AS finished FROM sync_runs WHERE state = 'succeeded' GROUP BY source)
                """)

        let schedules = parts.map { p in
            TechnicianSchedule(
                id: p.row.id, name: p.row.name, skills: p.row.skills, homeBase: p.row.home, timeZone: p.row.timeZone,
                dailyCapacity: p.row.capacity, zones: p.row.zones, source: p.row.source, active: p.row.active,
                usesShifts: p.row.usesShifts, shifts: p.shifts, onCall: p.onCall, timeOff: p.timeOff, busy: p.busy,
                appointments: p.visits, coverage: p.coverage.isEmpty ? nil : p.coverage)
        }
        return ScheduleIndex(range: range, asOf: asOf, technicians: schedules, postalCentroids: centroids)
    }

    /// The bookings that block their technician's `[starts_at, ends_at)` now, overlapping `range`:
    /// - `held` with `hold_expires_at` after `now`, and `writing` (whatever the expiry: the
    ///   write-through is under way);
    /// - `shadowed` with `hold_expires_at` after `now` (shadow mode holds the time as live would);
    /// - `confirmed` while no cached appointment has its remote id yet (once synced, the
    ///   appointment itself blocks), unless the backend deleted or canceled it since.
    ///
    /// The place comes from the stored intent's `address`, read leniently.
    public static func blockingHolds(_ db: Database, in range: TimeRange, technicianIDs: Set<String>?, now: Date) throws
        -> [BlockingHold]
    {
        let only = RawSQL.only("b.technician_id", technicianIDs)
        let nowText = DateText.of(now)
        var holds: [BlockingHold] = []
        try RawSQL.step(
            db,
            sql: """
                SELECT b.id, b.technician_id, \(RawSQL.millis("b.starts_at")), \(RawSQL.millis("b.ends_at")), b.intent
                FROM bookings b
                WHERE b.state IN ('held', 'writing', 'shadowed', 'confirmed')
                    AND b.ends_at > ? AND b.starts_at < ?\(only.sql)
                    AND ((b.state = 'held' AND b.hold_expires_at > ?)
                        OR b.state = 'writing'
                        OR (b.state = 'shadowed' AND b.hold_expires_at > ?)
                        -- A confirmed booking blocks until a sync has brought its appointment, live and
                        -- linked to the technician: then the appointment itself blocks.
                        -- One the backend deleted or canceled since (a reconciliation saw it) blocks nothing.
                        OR (b.state = 'confirmed' AND b.remote_status IS NULL AND NOT EXISTS (
                            SELECT 1 FROM appointments a
                            JOIN appointment_technicians l ON l.appointment_id = a.id AND l.technician_id = b.technician_id
                            WHERE a.source = b.source AND a.external_id = b.remote_appointment_id AND a.deleted_at IS NULL)))
                ORDER BY b.technician_id, b.starts_at, b.id
                """,
            arguments: [DateText.of(range.start.addingTimeInterval(-86_400)), DateText.of(range.end.addingTimeInterval(86_400))]
                + (only.json.map { [$0] } ?? []) + [nowText, nowText]
        ) { s in
            holds.append(
                BlockingHold(
                    bookingID: RawSQL.text(s, 0) ?? "", technicianID: RawSQL.text(s, 1) ?? "",
                    range: TimeRange(start: RawSQL.date(s, 2), end: RawSQL.date(s, 3)),
                    location: RawSQL.intentAddress(RawSQL.text(s, 4))))
        }
        return holds
    }
}
