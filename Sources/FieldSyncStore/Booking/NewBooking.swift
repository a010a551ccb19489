import Foundation

/// What the hold transaction inserts.
public struct NewBooking: Sendable, Hashable {
    public var id: String
    public var idempotencyKey: String
    public var requestHash: String
    public var source: String
    public var backend: String
    public var technicianID: String
    public var start: Date
    public var end: Date
    /// `.writing` for a booking (the write-through is owed at once), `.held` for a hold alone.
    public var state: BookingState
    public var mode: BookingMode
    public var intent: String
    public var holdExpiresAt: Date

    public init(
        id: String, idempotencyKey: String, requestHash: String, source: String, backend: String, technicianID: String,
        start: Date, end: Date, state: BookingState, mode: BookingMode, intent: String, holdExpiresAt: Date
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.requestHash = requestHash
        self.source = source
        self.backend = backend
        self.technicianID = technicianID
        self.start = start
        self.end = end
        self.state = state
        self.mode = mode
        self.intent = intent
        self.holdExpiresAt = holdExpiresAt
    }
}
