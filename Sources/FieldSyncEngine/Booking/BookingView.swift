import FieldSyncCore
import FieldSyncStore
import Foundation

/// A booking as the API shows it (`201` from `POST /v1/bookings`, `GET /v1/bookings/{id}`).
public struct BookingView: Codable, Sendable, Hashable {
    /// The backend's ids, once the booking is written.
    public struct Remote: Codable, Sendable, Hashable {
        public var jobID: String?
        public var appointmentID: String?
        public var customerID: String?

        enum CodingKeys: String, CodingKey {
            case jobID = "job_id", appointmentID = "appointment_id", customerID = "customer_id"
        }
    }

    /// One step in the booking's trail.
    public struct Event: Codable, Sendable, Hashable {
        public var at: Date
        public var status: String
        public var detail: String
    }

    public var bookingID: String
    /// `confirmed`, `writing` (the write to the backend is still owed; poll this booking),
    /// `shadowed`, `failed`, `held`, `released` or `expired`.
    public var status: String
    /// `live`, or `shadow` when the backend is in shadow mode.
    public var mode: String
    public var technicianID: String
    public var source: String
    public var backend: String
    public var start: Date
    public var end: Date
    public var remote: Remote
    /// Until when the slot is held, for a hold not yet booked (and a shadow booking's hold).
    public var holdExpiresAt: Date?
    /// Shadow mode: the requests that would have been sent.
    public var wouldSend: [PlannedWrite]?
    public var error: ErrorDetail?
    public var attempts: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var events: [Event]?

    /// The last error, for a failed booking or one still being retried.
    public struct ErrorDetail: Codable, Sendable, Hashable {
        public var code: String
        public var message: String
    }

    enum CodingKeys: String, CodingKey {
        case bookingID = "booking_id", status, mode, technicianID = "technician_id", source, backend, start, end, remote
        case holdExpiresAt = "hold_expires_at"
        case wouldSend = "would_send", error, attempts, createdAt = "created_at", updatedAt = "updated_at", events
    }

    public init(_ record: BookingRecord, events: [BookingEvent]? = nil) {
        bookingID = record.id
        status = record.state.rawValue
        mode = record.mode.rawValue
        technicianID = record.technicianID
        source = record.source
        backend = record.backend
        start = record.start
        end = record.end
        remote = Remote(jobID: record.remoteJobID, appointmentID: record.remoteAppointmentID, customerID: record.remoteCustomerID)
        holdExpiresAt = record.state == .held || record.state == .shadowed ? record.holdExpiresAt : nil
        wouldSend = record.wouldSend.flatMap { try? APIJSON.decoder.decode([PlannedWrite].self, from: Data($0.utf8)) }
        if let code = record.errorCode, record.state != .confirmed {
            error = ErrorDetail(code: code, message: record.lastError ?? code)
        }
        attempts = record.attempts
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        self.events = events?.map { Event(at: $0.at, status: $0.state.rawValue, detail: $0.detail) }
    }
}
