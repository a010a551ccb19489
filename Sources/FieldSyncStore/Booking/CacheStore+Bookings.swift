import FieldSyncBooking
import Foundation
import GRDB

/// The bookings table: the hold transaction, the outbox's state changes, and lookups.
///
/// Every change to a booking is one short write transaction that also appends to its trail
/// (`booking_events`), so a crash between two steps leaves a row that says exactly what is owed.
extension CacheStore {
    /// Takes a hold: in one `BEGIN IMMEDIATE` transaction, looks up the idempotency key, runs
    /// `check` (which re-reads the technician's time in the same transaction), and inserts the
    /// booking. Two processes or tasks asking for one slot are serialized by SQLite's write lock,
    /// so exactly one of them finds the time free.
    ///
    /// A conflict is recorded too, as a failed booking under the key, so that a retry with the same
    /// key gets the same answer.
    /// - Parameter failureCode: the error code a conflict is recorded with (`slot_taken`,
    ///   `not_bookable`), so that `GET` and replays say what the first answer said.
    public func hold(
        _ new: NewBooking, now: Date = Date(), failureCode: (SlotConflict) -> String = { _ in "slot_taken" },
        check: (Database) throws -> SlotConflict?
    ) throws(CacheError) -> HoldOutcome {
        try writeImmediate("cannot hold the slot") { db -> HoldOutcome in
            if let existing = try Row.fetchOne(
                db, sql: "SELECT \(BookingRecord.columns) FROM bookings WHERE idempotency_key = ?",
                arguments: [new.idempotencyKey])
            {
                let record = BookingRecord(row: existing)
                return record.requestHash == new.requestHash ? .replayed(record) : .keyReused(record)
            }
            if let conflict = try check(db) {
                try insert(db, new, state: .failed, now: now, errorCode: failureCode(conflict), error: conflict.message)
                try appendEvent(db, new.id, .failed, "the slot was not free: \(conflict.message)", now)
                return .conflict(conflict, try fetch(db, new.id)!)
            }
            try insert(db, new, state: new.state, now: now, errorCode: nil, error: nil)
            try appendEvent(
                db, new.id, new.state,
                new.state == .writing
                    ? "held the slot; the \(new.mode == .shadow ? "shadow " : "")write to \(new.source) is owed"
                    : "held the slot until \(DateText.of(new.holdExpiresAt)) UTC",
                now)
            return .held(try fetch(db, new.id)!)
        }
    }

    private func insert(
        _ db: Database, _ new: NewBooking, state: BookingState, now: Date, errorCode: String?, error: String?
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO bookings (id, idempotency_key, request_hash, source, backend, technician_id, starts_at, ends_at,
                    state, mode, intent, hold_expires_at, error_code, last_error, created_at, updated_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                new.id, new.idempotencyKey, new.requestHash, new.source, new.backend, new.technicianID, new.start, new.end,
                state.rawValue, new.mode.rawValue, new.intent, state.isFinal ? now : new.holdExpiresAt, errorCode, error,
                now, now, state.isFinal ? now : nil,
            ])
    }

    private func fetch(_ db: Database, _ id: String) throws -> BookingRecord? {
        try Row.fetchOne(db, sql: "SELECT \(BookingRecord.columns) FROM bookings WHERE id = ?", arguments: [id])
            .map(BookingRecord.init(row:))
    }

    private func appendEvent(_ db: Database, _ id: String, _ state: BookingState, _ detail: String, _ now: Date) throws {
        try db.execute(
            sql: "INSERT INTO booking_events (booking_id, at, state, detail) VALUES (?, ?, ?, ?)",
            arguments: [id, now, state.rawValue, detail])
    }

    /// The booking with this id.
    public func booking(id: String) throws(CacheError) -> BookingRecord? {
        try read("cannot read the booking") { db in try fetch(db, id) }
    }

    /// The booking made under this idempotency key.
    public func booking(idempotencyKey: String) throws(CacheError) -> BookingRecord? {
        try read("cannot read the booking") { db in
            try Row.fetchOne(
                db, sql: "SELECT \(BookingRecord.columns) FROM bookings WHERE idempotency_key = ?",
                arguments: [idempotencyKey]
            ).map(BookingRecord.init(row:))
        }
    }

    /// A booking's trail, oldest first.
    public func bookingEvents(id: String) throws(CacheError) -> [BookingEvent] {
        try read("cannot read the booking's trail") { db in
            try Row.fetchAll(
                db, sql: "SELECT at, state, detail FROM booking_events WHERE booking_id = ? ORDER BY id", arguments: [id]
            ).map { BookingEvent(at: $0[0], state: BookingState(rawValue: $0[1]) ?? .failed, detail: $0[2]) }
        }
    }

    /// The most recent bookings, newest first (optionally only some states).
    public func bookings(states: [BookingState] = [], limit: Int = 100) throws(CacheError) -> [BookingRecord] {
        try read("cannot list the bookings") { db in
            var sql = "SELECT \(BookingRecord.columns) FROM bookings"
            var arguments: StatementArguments = []
            if !states.isEmpty {
                sql += " WHERE state IN (\(states.map { _ in "?" }.joined(separator: ", ")))"
                arguments = StatementArguments(states.map(\.rawValue))
            }
            sql += " ORDER BY created_at DESC, id LIMIT \(max(1, limit))"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(BookingRecord.init(row:))
        }
    }

    /// Bookings whose write-through is owed and that no live claim covers: what recovery and the
    /// outbox worker pick up. `deadOwners` are claims known to belong to processes that are gone
    /// (a restart after `kill -9`), which are taken over at once.
    public func owedBookings(now: Date, deadOwners: (String) -> Bool = { _ in false }) throws(CacheError) -> [BookingRecord] {
        try read("cannot list the bookings owed a write") { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(BookingRecord.columns) FROM bookings WHERE state = 'writing' ORDER BY created_at, id"
            ).map(BookingRecord.init(row:)).filter { record in
                if let next = record.nextAttemptAt, next > now { return false }
                guard let owner = record.claimedBy, let until = record.claimedUntil, until > now else { return true }
                return deadOwners(owner)
            }
        }
    }

    /// Claims a booking's next write attempt for `owner` until `until`, counting the attempt.
    /// Committed before the remote call goes out, so after a crash the row says a call may have
    /// been made (`attempts > 0`) and recovery looks before it writes. Returns nil when the
    /// booking is not owed a write or another live owner holds it.
    ///
    /// Taking over another owner's claim (a process that died, or whose claim lapsed) waits out
    /// `settle`: a request that owner sent may still be on its way to the backend, and looking for
    /// the booking's marker before it lands would wrongly conclude that nothing was written. The
    /// owner sent nothing after its claim's end (nor after now), so the takeover is postponed
    /// until the earlier of the two plus `settle`, recorded as the booking's next attempt.
    /// - Parameter settle: how long a request already sent may take to land (the source's write
    ///   timeout plus a margin).
    public func claimAttempt(
        id: String, owner: String, until: Date, now: Date, takingOverFrom deadOwner: String? = nil,
        settle: TimeInterval = 0
    ) throws(CacheError) -> BookingRecord? {
        try writeImmediate("cannot claim the booking") { db -> BookingRecord? in
            guard let record = try fetch(db, id), record.state == .writing else { return nil }
            // A retry waits for its time (a backend's Retry-After), whoever asks.
            if let next = record.nextAttemptAt, next > now { return nil }
            if let other = record.claimedBy, other != owner, let until = record.claimedUntil, until > now, other != deadOwner {
                return nil
            }
            if let other = record.claimedBy, other != owner, settle > 0 {
                let lastSend = min(now, record.claimedUntil ?? now)
                let settled = lastSend.addingTimeInterval(settle)
                if settled > now {
                    try db.execute(
                        sql: """
                            UPDATE bookings SET next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ?
                            WHERE id = ?
                            """,
                        arguments: [settled, now, id])
                    try appendEvent(
                        db, id, .writing,
                        "write attempt \(record.attempts) stopped without an outcome; a request it sent may still land, so the booking is looked for at \(DateText.of(settled)) UTC before anything is written again",
                        now)
                    return nil
                }
            }
            try db.execute(
                sql: """
                    UPDATE bookings SET attempts = attempts + 1, claimed_by = ?, claimed_until = ?, next_attempt_at = NULL,
                        updated_at = ? WHERE id = ?
                    """,
                arguments: [owner, until, now, id])
            try appendEvent(db, id, .writing, "write attempt \(record.attempts + 1) started", now)
            return try fetch(db, id)
        }
    }

    /// Extends `owner`'s claim while its remote call is still running. False when the claim is no
    /// longer `owner`'s (it lapsed and another process took the booking over).
    public func renewClaim(id: String, owner: String, until: Date, now: Date) throws(CacheError) -> Bool {
        try writeImmediate("cannot renew the claim") { db -> Bool in
            try db.execute(
                sql: """
                    UPDATE bookings SET claimed_until = ?, updated_at = ?
                    WHERE id = ? AND state = 'writing' AND claimed_by = ?
                    """,
                arguments: [until, now, id, owner])
            return db.changesCount == 1
        }
    }

    /// Records the backend's ids: the booking is done.
    public func confirmBooking(
        id: String, jobID: String, appointmentID: String, customerID: String?, detail: String, now: Date, owner: String? = nil
    ) throws(CacheError) {
        try finish(id, .confirmed, now: now, detail: detail, owner: owner) { db in
            try db.execute(
                sql: """
                    UPDATE bookings SET remote_job_id = ?, remote_appointment_id = ?, remote_customer_id = ?,
                        error_code = NULL, last_error = NULL WHERE id = ?
                    """,
                arguments: [jobID, appointmentID, customerID, id])
        }
    }

    /// The backend refused (or the booking cannot be written): the time is free again.
    public func failBooking(id: String, code: String, message: String, now: Date, owner: String? = nil) throws(CacheError) {
        try finish(id, .failed, now: now, detail: "failed: \(message)", owner: owner) { db in
            try db.execute(
                sql: "UPDATE bookings SET error_code = ?, last_error = ? WHERE id = ?", arguments: [code, message, id])
        }
    }

    /// Shadow mode: records what would have been sent. The hold keeps blocking the time until it
    /// expires, as a live booking's would while it is written.
    public func shadowBooking(id: String, wouldSend: String, now: Date, owner: String? = nil) throws(CacheError) {
        try finish(
            id, .shadowed, now: now, detail: "shadow mode: recorded what would have been sent; nothing was written", owner: owner
        ) { db in
            try db.execute(sql: "UPDATE bookings SET would_send = ? WHERE id = ?", arguments: [wouldSend, id])
        }
    }

    /// Gives a hold back (the caller changed its mind). Only a hold not yet being written.
    public func releaseHold(id: String, now: Date) throws(CacheError) -> Bool {
        try writeImmediate("cannot release the hold") { db -> Bool in
            guard let record = try fetch(db, id), record.state == .held else { return false }
            try db.execute(
                sql: "UPDATE bookings SET state = 'released', updated_at = ?, finished_at = ? WHERE id = ?",
                arguments: [now, now, id])
            try appendEvent(db, id, .released, "the hold was released", now)
            return true
        }
    }

    /// Turns a hold into a booking: its write-through is now owed. False when it is no longer held.
    public func bookHold(id: String, intent: String, now: Date) throws(CacheError) -> Bool {
        try writeImmediate("cannot book the hold") { db -> Bool in
            guard let record = try fetch(db, id), record.state == .held, record.holdExpiresAt > now else { return false }
            try db.execute(
                sql: "UPDATE bookings SET state = 'writing', intent = ?, updated_at = ? WHERE id = ?",
                arguments: [intent, now, id])
            try appendEvent(db, id, .writing, "booked; the write to \(record.source) is owed", now)
            return true
        }
    }

    /// The write failed in a way worth trying again later; the claim is dropped.
    public func retryBookingLater(
        id: String, at next: Date, code: String, message: String, now: Date, owner: String? = nil
    ) throws(CacheError) {
        try writeImmediate("cannot reschedule the write") { db in
            try db.execute(
                sql: """
                    UPDATE bookings SET next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL, error_code = ?,
                        last_error = ?, updated_at = ? WHERE id = ? AND state = 'writing' AND (? IS NULL OR claimed_by = ?)
                    """,
                arguments: [next, code, message, now, id, owner, owner])
            guard db.changesCount == 1 else { throw ClaimLost(bookingID: id) }
            try appendEvent(db, id, .writing, "will try again at \(DateText.of(next)) UTC: \(message)", now)
        }
    }

    /// Stores the answer the API gave, for replays with the same idempotency key.
    public func recordBookingResponse(id: String, response: String, now: Date) throws(CacheError) {
        try writeImmediate("cannot record the answer") { db in
            try db.execute(
                sql: "UPDATE bookings SET response = ?, updated_at = ? WHERE id = ?", arguments: [response, now, id])
        }
    }

    /// Holds nobody booked in time become `expired`. Returns how many.
    @discardableResult
    public func expireHolds(now: Date) throws(CacheError) -> Int {
        try writeImmediate("cannot expire holds") { db -> Int in
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM bookings WHERE state = 'held' AND hold_expires_at <= ?", arguments: [now])
            for id in ids {
                try db.execute(
                    sql: "UPDATE bookings SET state = 'expired', updated_at = ?, finished_at = ? WHERE id = ?",
                    arguments: [now, now, id])
                try appendEvent(db, id, .expired, "the hold expired without a booking", now)
            }
            return ids.count
        }
    }

    /// Ends a booking. With `owner`, only while the booking is still being written under that
    /// owner's claim: a process whose claim lapsed (another took the booking over) cannot
    /// overwrite the outcome; it gets ``ClaimLost``.
    private func finish(
        _ id: String, _ state: BookingState, now: Date, detail: String, owner: String? = nil,
        _ extra: (Database) throws -> Void
    ) throws(CacheError) {
        try writeImmediate("cannot record the booking's outcome") { db in
            try db.execute(
                sql: """
                    UPDATE bookings SET state = ?, claimed_by = NULL, claimed_until = NULL, next_attempt_at = NULL,
                        updated_at = ?, finished_at = ? WHERE id = ? AND (? IS NULL OR (state = 'writing' AND claimed_by = ?))
                    """,
                arguments: [state.rawValue, now, now, id, owner, owner])
            guard db.changesCount == 1 else { throw ClaimLost(bookingID: id) }
            try extra(db)
            try appendEvent(db, id, state, detail, now)
        }
    }
}

/// A process tried to record a booking's outcome after its claim on the booking lapsed and
/// another process took it over: the other's outcome stands.
public struct ClaimLost: Error, Sendable {
    public var bookingID: String
}
