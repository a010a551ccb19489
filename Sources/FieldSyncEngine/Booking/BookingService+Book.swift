import FieldSyncBooking
import FieldSyncCore
import FieldSyncStore
import Foundation
import Logging

/// What `book` answers: the booking, and the HTTP status that goes with it.
public struct BookingAnswer: Sendable {
    /// 201 written (or shadowed), 202 still being written (poll `GET /v1/bookings/{id}`).
    public var status: Int
    public var view: BookingView
    /// True when this is the answer to an earlier request with the same idempotency key.
    public var replayed: Bool
}

extension BookingService {
    /// Books a technician for a job: holds the time in the cache (one `BEGIN IMMEDIATE`
    /// transaction that re-checks it), commits the outbox entry with the hold, then writes the job
    /// through to the technician's backend, waiting up to `booking.wait_seconds` for it.
    ///
    /// - Throws: ``BookingFailure``: `slot_taken` (409, with alternatives), `not_bookable`,
    ///   `unknown_job_type`, `unknown_technician`, `idempotency_key_reused`, `backend_refused`,
    ///   `invalid_request`.
    public func book(_ request: BookingRequest, idempotencyKey: String) async throws(BookingFailure) -> BookingAnswer {
        let now = now()
        let key = idempotencyKey.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            throw BookingFailure(
                "idempotency_key_required", "send an Idempotency-Key header (any unique text, e.g. a UUID) with every booking",
                status: 400)
        }
        guard key.count <= 255 else { throw .invalid("the Idempotency-Key is longer than 255 characters") }

        // A replay needs no validation against today's data: the first answer stands.
        if let earlier = try cached(key) {
            return try await replay(earlier, request: request)
        }
        let prepared = try prepare(request, key: key, now: now)
        let outcome = try await takeHold(prepared, now: now)
        switch outcome {
        case .replayed(let earlier), .keyReused(let earlier):
            return try await replay(earlier, request: request)
        case .conflict(let conflict, let record):
            let failure = await slotFailure(conflict, prepared: prepared, bookingID: record.id)
            try? store.recordBookingResponse(id: record.id, response: failure.body, now: now)
            throw failure
        case .held(let record):
            crash.reach("after-hold")
            logger.info(
                "booking held",
                metadata: ["booking": "\(record.id)", "technician": "\(record.technicianID)", "source": "\(record.source)"])
            return try await finishWrite(record, prepared: prepared)
        }
    }

    private func cached(_ key: String) throws(BookingFailure) -> BookingRecord? {
        do {
            return try store.booking(idempotencyKey: key)
        } catch {
            throw BookingFailure("cache_unavailable", "cannot read the cache: \(error.message)", status: 503)
        }
    }

    /// The hold transaction, off the concurrency threads (it may wait for SQLite's write lock).
    func takeHold(_ prepared: PreparedBooking, now: Date) async throws(BookingFailure) -> HoldOutcome {
        let store = store
        let result = await BlockingWork.run { () -> Result<HoldOutcome, CacheError> in
            Result { () throws(CacheError) -> HoldOutcome in
                try store.hold(prepared.new, now: now, failureCode: Self.apiCode(for:)) { db in
                    try self.conflict(db, prepared: prepared, now: now)
                }
            }
        }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error): throw BookingFailure("cache_unavailable", "cannot hold the slot: \(error.message)", status: 503)
        }
    }

    /// The answer for a key used before: the same request gets the first answer (or, while the
    /// write is still owed, the booking's state now); a different request is refused.
    func replay(_ earlier: BookingRecord, request: BookingRequest) async throws(BookingFailure) -> BookingAnswer {
        guard earlier.requestHash == request.digest else {
            throw BookingFailure(
                "idempotency_key_reused",
                "this Idempotency-Key was used for a different booking request (booking \(earlier.id)); use a new key for a new request",
                status: 422, bookingID: earlier.id)
        }
        let record = (try? store.booking(id: earlier.id)) ?? earlier
        switch record.state {
        case .failed, .expired, .released:
            throw Self.failure(of: record)
        case .held:
            throw BookingFailure(
                "idempotency_key_reused",
                "this Idempotency-Key holds \(record.id) without booking it; book the hold with POST /v1/holds/\(record.id)/book",
                status: 422, bookingID: record.id)
        case .writing:
            return try await finishWrite(record, prepared: nil, replayed: true)
        case .confirmed, .shadowed:
            return BookingAnswer(status: 201, view: BookingView(record), replayed: true)
        }
    }

    /// The failure a finished, unsuccessful booking answers with: the first answer when it was
    /// stored, else one made from its state.
    static func failure(of record: BookingRecord) -> BookingFailure {
        if let response = record.response,
            var failure = try? APIJSON.decoder.decode([String: BookingFailure].self, from: Data(response.utf8))["error"]
        {
            failure.status = status(of: failure.code)
            failure.bookingID = record.id
            return failure
        }
        let code = record.state == .failed ? (record.errorCode ?? "backend_refused") : (record.state == .expired ? "hold_expired" : "released")
        let message = record.lastError ?? "\(record.id) is \(record.state.rawValue)"
        return BookingFailure(code, message, status: status(of: code), bookingID: record.id)
    }

    /// The HTTP status of an error code.
    static func status(of code: String) -> Int {
        switch code {
        case "slot_taken", "not_bookable", "hold_expired", "released", "not_releasable": 409
        case "invalid_request", "idempotency_key_required": 400
        case "not_found": 404
        case "cache_unavailable": 503
        default: 422
        }
    }

    /// The API's code for a conflict found by the hold's re-check: the time is gone, or this
    /// technician cannot take this job at all.
    static func apiCode(for conflict: SlotConflict) -> String {
        ["overlaps_appointment", "overlaps_hold", "time_off", "busy", "over_daily_capacity", "travel"].contains(conflict.code)
            ? "slot_taken" : "not_bookable"
    }

    /// After the hold: runs the write-through (unless another task of this process already is)
    /// and waits for it up to the configured time.
    func finishWrite(_ record: BookingRecord, prepared: PreparedBooking?, replayed: Bool = false) async throws(BookingFailure) -> BookingAnswer {
        let deadline = now().addingTimeInterval(Double(config.booking.waitSeconds))
        var current = record
        while current.state == .writing {
            // The attempt goes on in the background if the deadline comes first (a backend that
            // holds the request): the caller gets 202 in time, and the attempt still finishes.
            let id = current.id
            let attempt = Task { await self.writeThrough(id) }
            guard let finished = await Self.value(of: attempt, before: deadline) else { break }
            current = finished ?? current
            guard current.state == .writing else { break }
            // Owed a retry: wait for it if it comes before the deadline.
            let next = current.nextAttemptAt ?? now().addingTimeInterval(1)
            guard next < deadline else { break }
            try? await Task.sleep(for: .milliseconds(max(50, Int(next.timeIntervalSince(now()) * 1000))))
            current = (try? store.booking(id: current.id)) ?? current
        }
        current = (try? store.booking(id: current.id)) ?? current
        let view = BookingView(current)
        switch current.state {
        case .failed:
            let code = current.errorCode ?? "backend_refused"
            var alternatives: [SlotSearchAnswer.Slot]?
            if let prepared { alternatives = await self.alternatives(prepared) }
            let failure = BookingFailure(
                code, current.lastError ?? "the backend refused the booking", status: Self.status(of: code),
                alternatives: alternatives, bookingID: current.id)
            try? store.recordBookingResponse(id: current.id, response: failure.body, now: now())
            throw failure
        case .confirmed, .shadowed:
            try? store.recordBookingResponse(id: current.id, response: APIJSON.string(view), now: now())
            return BookingAnswer(status: 201, view: view, replayed: replayed)
        default:
            return BookingAnswer(status: 202, view: view, replayed: replayed)
        }
    }

    /// The task's value, or nil when `deadline` comes first (the task is left running).
    static func value<T: Sendable>(of task: Task<T, Never>, before deadline: Date) async -> T? {
        let (stream, continuation) = AsyncStream<T?>.makeStream()
        Task {
            continuation.yield(await task.value)
            continuation.finish()
        }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(max(0, Int(deadline.timeIntervalSinceNow * 1000))))
            continuation.yield(nil)
            continuation.finish()
        }
        defer { timer.cancel() }
        for await value in stream { return value }
        return nil
    }
}
