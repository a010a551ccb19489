import FieldSyncBooking

/// What the hold transaction did.
public enum HoldOutcome: Sendable {
    /// The slot was free: the booking row (and so its outbox entry) is committed.
    case held(BookingRecord)
    /// The idempotency key was used before with the same request: the first booking, unchanged.
    case replayed(BookingRecord)
    /// The idempotency key was used before with a different request.
    case keyReused(BookingRecord)
    /// The technician's time is taken (or otherwise not bookable): recorded as a failed booking
    /// under the key, so a retry gets the same answer.
    case conflict(SlotConflict, BookingRecord)
}
