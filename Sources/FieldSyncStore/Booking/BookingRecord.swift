import Foundation
import GRDB

/// One row of `bookings`: the booking and its outbox state.
public struct BookingRecord: Sendable, Hashable {
    public var id: String
    public var idempotencyKey: String
    /// A hash of the request that created it: the same key with a different request is refused.
    public var requestHash: String
    public var source: String
    public var backend: String
    public var technicianID: String
    public var start: Date
    public var end: Date
    public var state: BookingState
    public var mode: BookingMode
    /// The JSON of the `BookingIntent` it writes.
    public var intent: String
    public var holdExpiresAt: Date
    /// Write attempts started (each is committed before its remote call goes out).
    public var attempts: Int
    /// When the outbox worker may try again.
    public var nextAttemptAt: Date?
    /// The process working on it, and until when its claim holds.
    public var claimedBy: String?
    public var claimedUntil: Date?
    public var remoteJobID: String?
    public var remoteAppointmentID: String?
    public var remoteCustomerID: String?
    /// Shadow mode: the JSON list of requests it would have sent.
    public var wouldSend: String?
    public var errorCode: String?
    public var lastError: String?
    /// The JSON the API answered with, for replays and for `GET /v1/bookings/{id}`.
    public var response: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// What the backend did to a confirmed booking since, as a reconciliation found it:
    /// `deleted` or `canceled` (nil: as booked, or moved and followed).
    public var remoteStatus: String?

    static let columns = """
        id, idempotency_key, request_hash, source, backend, technician_id, starts_at, ends_at, state, mode, intent,
        hold_expires_at, attempts, next_attempt_at, claimed_by, claimed_until, remote_job_id, remote_appointment_id,
        remote_customer_id, would_send, error_code, last_error, response, created_at, updated_at, finished_at,
        remote_status
        """

    init(row: Row) {
        id = row["id"]
        idempotencyKey = row["idempotency_key"]
        requestHash = row["request_hash"]
        source = row["source"]
        backend = row["backend"]
        technicianID = row["technician_id"]
        start = row["starts_at"]
        end = row["ends_at"]
        state = BookingState(rawValue: row["state"]) ?? .failed
        mode = BookingMode(rawValue: row["mode"]) ?? .live
        intent = row["intent"]
        holdExpiresAt = row["hold_expires_at"]
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        claimedBy = row["claimed_by"]
        claimedUntil = row["claimed_until"]
        remoteJobID = row["remote_job_id"]
        remoteAppointmentID = row["remote_appointment_id"]
        remoteCustomerID = row["remote_customer_id"]
        wouldSend = row["would_send"]
        errorCode = row["error_code"]
        lastError = row["last_error"]
        response = row["response"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        finishedAt = row["finished_at"]
        remoteStatus = row["remote_status"]
    }
}
