import Foundation

/// Why a booking or search request was not done: a code a program acts on, a message a person
/// reads, the HTTP status the API answers with, and, where the slot is gone, other slots.
public struct BookingFailure: Error, Sendable, Hashable, Codable {
    /// The codes, and what a caller should do:
    /// - `invalid_request` (400): fix the field named in the message.
    /// - `idempotency_key_required` (400): send an `Idempotency-Key` header.
    /// - `unknown_job_type` (422), `unknown_technician` (422): use a listed one.
    /// - `slot_taken` (409): the time is no longer free; offer `alternatives`.
    /// - `not_bookable` (409): the technician cannot take it (skills, shift, rules); see the message.
    /// - `idempotency_key_reused` (422): the key was used for a different request; use a new key.
    /// - `backend_refused` (422): the field-service tool refused the booking; see the message and `alternatives`.
    /// - `not_found` (404), `unauthorized` (401).
    /// - `cache_unavailable` (503): try again shortly.
    public var code: String
    public var message: String
    public var status: Int
    /// Other slots for the same job, when the one asked for is gone.
    public var alternatives: [SlotSearchAnswer.Slot]?
    /// The booking the failure was recorded under, when there is one.
    public var bookingID: String?

    public init(_ code: String, _ message: String, status: Int, alternatives: [SlotSearchAnswer.Slot]? = nil, bookingID: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.alternatives = alternatives
        self.bookingID = bookingID
    }

    enum CodingKeys: String, CodingKey {
        case code, message, alternatives, bookingID = "booking_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        message = try c.decode(String.self, forKey: .message)
        alternatives = try c.decodeIfPresent([SlotSearchAnswer.Slot].self, forKey: .alternatives)
        bookingID = try c.decodeIfPresent(String.self, forKey: .bookingID)
        status = 0
    }

    /// `{"error": {...}}`, the API's error body.
    public var body: String { APIJSON.string(["error": self]) }

    static func invalid(_ message: String) -> BookingFailure { invalidRequest(message) }

    /// `invalid_request` (400).
    public static func invalidRequest(_ message: String) -> BookingFailure { BookingFailure("invalid_request", message, status: 400) }
}
