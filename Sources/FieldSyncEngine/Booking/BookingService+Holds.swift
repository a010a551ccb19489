import FieldSyncCore
import FieldSyncStore
import Foundation

/// Holds: a slot kept for a caller for a few minutes while the voice agent confirms with the
/// customer, then booked or given back. A hold nobody books expires.
extension BookingService {
    /// Holds a slot without writing anything yet: the same checks and the same `BEGIN IMMEDIATE`
    /// transaction as a booking. `minutes` defaults to `booking.hold_minutes`.
    public func hold(_ request: BookingRequest, idempotencyKey: String, minutes: Int? = nil) async throws(BookingFailure) -> BookingAnswer {
        let now = now()
        let key = idempotencyKey.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            throw BookingFailure("idempotency_key_required", "send an Idempotency-Key header with every hold", status: 400)
        }
        if let minutes, !(1...240).contains(minutes) { throw .invalid("\"minutes\" must be from 1 to 240") }
        var prepared = try prepare(request, key: key, now: now)
        prepared.new.state = .held
        prepared.new.holdExpiresAt = now.addingTimeInterval(Double((minutes ?? config.booking.holdMinutes) * 60))
        let outcome = try await takeHold(prepared, now: now)
        switch outcome {
        case .held(let record):
            return BookingAnswer(status: 201, view: BookingView(record), replayed: false)
        case .replayed(let earlier):
            let record = (try? store.booking(id: earlier.id)) ?? earlier
            if record.state == .failed { throw Self.failure(of: record) }
            return BookingAnswer(status: 201, view: BookingView(record), replayed: true)
        case .keyReused(let record):
            throw BookingFailure(
                "idempotency_key_reused", "this Idempotency-Key was used for a different request (\(record.id)); use a new key",
                status: 422, bookingID: record.id)
        case .conflict(let conflict, let record):
            throw await slotFailure(conflict, prepared: prepared, bookingID: record.id)
        }
    }

    /// Books a hold: its write-through is now owed, and runs as for `POST /v1/bookings`. Booking
    /// a hold already booked answers with its state (safe to retry).
    public func bookHold(id: String) async throws(BookingFailure) -> BookingAnswer {
        let now = now()
        let record = try stored(id)
        switch record.state {
        case .held:
            let booked: Bool
            do {
                booked = try store.bookHold(id: id, intent: record.intent, now: now)
            } catch {
                throw BookingFailure("cache_unavailable", "cannot book the hold: \(error.message)", status: 503, bookingID: id)
            }
            guard booked else {
                throw BookingFailure(
                    "hold_expired", "the hold expired at \(RFC3339.string(record.holdExpiresAt)); search and hold again", status: 409,
                    bookingID: id)
            }
            let writing = (try? store.booking(id: id)) ?? record
            return try await finishWrite(writing, prepared: nil)
        case .writing:
            return try await finishWrite(record, prepared: nil, replayed: true)
        case .confirmed, .shadowed:
            return BookingAnswer(status: 201, view: BookingView(record), replayed: true)
        case .expired:
            throw BookingFailure(
                "hold_expired", "the hold expired at \(RFC3339.string(record.holdExpiresAt)); search and hold again", status: 409,
                bookingID: id)
        case .failed, .released:
            throw BookingFailure("not_bookable", "\(id) is \(record.state.rawValue)", status: 409, bookingID: id)
        }
    }

    /// Gives a hold back. Releasing one already released is not an error.
    public func releaseHold(id: String) throws(BookingFailure) -> BookingView {
        let record = try stored(id)
        if record.state == .held {
            do {
                _ = try store.releaseHold(id: id, now: now())
            } catch {
                throw BookingFailure("cache_unavailable", "cannot release the hold: \(error.message)", status: 503, bookingID: id)
            }
        } else if record.state != .released && record.state != .expired {
            throw BookingFailure(
                "not_releasable", "\(id) is \(record.state.rawValue); only a hold not yet booked can be released", status: 409,
                bookingID: id)
        }
        return BookingView((try? store.booking(id: id)) ?? record)
    }

    /// The booking with this id: 404 when there is none, 503 when the cache cannot be read.
    private func stored(_ id: String) throws(BookingFailure) -> BookingRecord {
        let record: BookingRecord?
        do {
            record = try store.booking(id: id)
        } catch {
            throw BookingFailure("cache_unavailable", "cannot read the cache: \(error.message)", status: 503)
        }
        guard let record else { throw BookingFailure("not_found", "no hold or booking \(id)", status: 404) }
        return record
    }
}
