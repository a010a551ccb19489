import FieldSyncCore
import Foundation
import GRDB

/// What a reconciliation reads and changes in the cache: the comparison of each page, the live
/// records a complete pass must have seen, and the bookings whose remote record it follows.
extension CacheStore {
    /// The differences `batch` reveals against the cache, without changing anything (a dry run).
    public func drift(of batch: PullBatch, source: String) throws(CacheError) -> [Drift] {
        try read("cannot compare \(source) with the cache") { db in
            try DriftDetector.drift(of: batch, source: source, db: db)
        }
    }

    /// Compares `batch` with the cache and applies it, in one transaction: the differences are
    /// exactly the ones this apply repaired, even while a sync runs beside it. Deletions are
    /// queued as ``apply(_:run:backend:source:resolveMissingRejects:brake:deferDeletions:retentionCutoff:now:inspect:)``
    /// does with `deferDeletions`.
    public func applyComparing(
        _ batch: PullBatch, run: Int64, backend: String, source: String, resolveMissingRejects: Bool,
        brake: MassDeleteBrake, deferDeletions: Bool, now: Date
    ) throws(CacheError) -> (result: ApplyResult, drift: [Drift]) {
        var found: [Drift] = []
        let result = try apply(
            batch, run: run, backend: backend, source: source, resolveMissingRejects: resolveMissingRejects, brake: brake,
            deferDeletions: deferDeletions, now: now,
            inspect: { db in found = try DriftDetector.drift(of: batch, source: source, db: db) })
        return (result, found)
    }

    /// A cached record a complete pass must see again, or else it is gone at the backend.
    public struct LiveRecord: Hashable, Sendable {
        public var externalID: String
        public var technicianID: String?
        public var start: Date?
        public var end: Date?
        public var appointmentExternalID: String?
    }

    /// The live cached records of `source` of one kind, limited to those starting inside `range`
    /// for kinds bound to time (availability, appointments), as a ``Sweep`` scopes them.
    public func liveRecords(source: String, entity: RecordEntity, range: TimeRange?) throws(CacheError) -> [LiveRecord] {
        try read("cannot list the cached \(entity.rawValue) of \(source)") { db in
            let (sql, timed): (String, Bool) =
                switch entity {
                case .technicians: ("SELECT external_id, id AS technician_id FROM technicians WHERE source = ? AND active = 1", false)
                case .availability:
                    ("SELECT external_id, technician_id, starts_at, ends_at FROM availability_windows WHERE source = ?", true)
                case .customers: ("SELECT external_id FROM customers WHERE source = ? AND deleted_at IS NULL", false)
                case .locations: ("SELECT external_id FROM locations WHERE source = ? AND deleted_at IS NULL", false)
                case .jobs: ("SELECT external_id FROM jobs WHERE source = ? AND deleted_at IS NULL", false)
                case .appointments:
                    ("SELECT external_id, starts_at, ends_at FROM appointments WHERE source = ? AND deleted_at IS NULL", true)
                case .assignments:
                    (
                        """
                        SELECT external_id, technician_id, appointment_external_id FROM appointment_assignments
                        WHERE source = ? AND active = 1
                        """, false
                    )
                }
            var query = sql
            var arguments: StatementArguments = [source]
            if timed, let range {
                query += " AND starts_at >= ? AND starts_at < ?"
                arguments += [range.start, range.end]
            }
            return try Row.fetchAll(db, sql: query, arguments: arguments).map { row in
                LiveRecord(
                    externalID: row["external_id"], technicianID: row["technician_id"], start: row["starts_at"],
                    end: row["ends_at"], appointmentExternalID: row["appointment_external_id"])
            }
        }
    }

    /// The technicians the cache has on each of these appointments of `source` (by their external
    /// ids): the appointment's own links, or ServiceTitan's assignments.
    public func assignedTechnicians(source: String, appointmentExternalIDs: Set<String>) throws(CacheError) -> [String: [String]] {
        try read("cannot read the appointments' technicians") { db in
            var out: [String: [String]] = [:]
            for id in appointmentExternalIDs {
                var technicians = try String.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT l.technician_id FROM appointments a JOIN appointment_technicians l ON l.appointment_id = a.id
                            WHERE a.source = ? AND a.external_id = ? ORDER BY l.technician_id
                            """),
                    arguments: [source, id])
                if technicians.isEmpty {
                    technicians = try DriftDetector.assignedTechnicians(appointmentExternalID: id, source: source, db: db)
                }
                out[id] = technicians
            }
            return out
        }
    }

    // MARK: Bookings fieldsync made

    /// Confirmed live bookings into `source` whose remote appointment is known and, as far as the
    /// cache knows, still there.
    public func confirmedBookings(source: String) throws(CacheError) -> [BookingRecord] {
        try read("cannot list the confirmed bookings") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(BookingRecord.columns) FROM bookings
                    WHERE source = ? AND state = 'confirmed' AND mode = 'live' AND remote_appointment_id IS NOT NULL
                        AND remote_status IS NULL
                    ORDER BY starts_at, id
                    """, arguments: [source]
            ).map(BookingRecord.init(row:))
        }
    }

    /// Time fieldsync holds on technicians of `source` without having written anything: holds
    /// not yet booked, and shadow bookings whose hold still runs.
    public func openHolds(source: String, now: Date) throws(CacheError) -> [BookingRecord] {
        try read("cannot list the holds") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(BookingRecord.columns) FROM bookings
                    WHERE source = ? AND state IN ('held', 'shadowed') AND hold_expires_at > ?
                    ORDER BY starts_at, id
                    """, arguments: [source, now]
            ).map(BookingRecord.init(row:))
        }
    }

    /// Follows what the backend did to a confirmed booking: its technician and times become the
    /// remote appointment's, or it is marked `deleted` / `canceled` (it then holds no time). The
    /// trail says what changed. Returns false when the booking is no longer confirmed.
    @discardableResult
    public func followRemoteBooking(
        id: String, technicianID: String, start: Date, end: Date, remoteStatus: String?, detail: String, now: Date
    ) throws(CacheError) -> Bool {
        try writeImmediate("cannot record what the backend did to the booking") { db -> Bool in
            try db.execute(
                sql: """
                    UPDATE bookings SET technician_id = ?, starts_at = ?, ends_at = ?, remote_status = ?, updated_at = ?
                    WHERE id = ? AND state = 'confirmed'
                    """,
                arguments: [technicianID, start, max(end, start.addingTimeInterval(60)), remoteStatus, now, id])
            guard db.changesCount == 1 else { return false }
            try db.execute(
                sql: "INSERT INTO booking_events (booking_id, at, state, detail) VALUES (?, ?, 'confirmed', ?)",
                arguments: [id, now, detail])
            return true
        }
    }
}

extension CacheStore {
    /// Ends a hold that a remote appointment now overlaps: a hold not yet booked is released; a
    /// shadow booking's hold ends now (what it would have sent stays recorded). Returns false
    /// when it no longer holds time.
    @discardableResult
    public func endHold(id: String, detail: String, now: Date) throws(CacheError) -> Bool {
        try writeImmediate("cannot end the hold") { db -> Bool in
            try db.execute(
                sql: """
                    UPDATE bookings SET state = CASE state WHEN 'held' THEN 'released' ELSE state END,
                        hold_expires_at = ?, finished_at = CASE state WHEN 'held' THEN ? ELSE finished_at END, updated_at = ?
                    WHERE id = ? AND state IN ('held', 'shadowed') AND hold_expires_at > ?
                    """, arguments: [now, now, now, id, now])
            guard db.changesCount == 1 else { return false }
            let state = try String.fetchOne(db, sql: "SELECT state FROM bookings WHERE id = ?", arguments: [id]) ?? "released"
            try db.execute(
                sql: "INSERT INTO booking_events (booking_id, at, state, detail) VALUES (?, ?, ?, ?)",
                arguments: [id, now, state, detail])
            return true
        }
    }
}
