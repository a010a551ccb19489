import Foundation

/// One step in a booking's trail (`booking_events`): what happened, when, in words an operator reads.
public struct BookingEvent: Sendable, Hashable, Codable {
    public var at: Date
    public var state: BookingState
    public var detail: String
}
