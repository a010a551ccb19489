/// Where a booking is in its life. A booking is also its own outbox entry: the state says what
/// is left to do.
///
/// ```
/// held ──book──▶ writing ──▶ confirmed
///   │               │  └────▶ failed      (the backend refused; the time is free again)
///   └──▶ expired    └───────▶ shadowed    (shadow mode: what would have been sent is recorded)
/// released: given up by the caller before it was written
/// ```
public enum BookingState: String, Sendable, Hashable, Codable, CaseIterable {
    /// The slot is held for a caller who has not asked to book yet; it expires.
    case held
    /// The write-through is owed: the remote calls may or may not have gone out. Never expires; the
    /// outbox worker (and recovery on start) finishes it.
    case writing
    /// The backend has the job and appointment; the remote ids are recorded.
    case confirmed
    /// The backend refused, or the hold could not be taken; nothing is owed.
    case failed
    /// The caller gave the hold back.
    case released
    /// Shadow mode: everything was decided and what would have been sent is recorded; nothing was written.
    case shadowed
    /// A hold nobody booked in time.
    case expired

    /// True when nothing more will happen to the booking.
    public var isFinal: Bool {
        switch self {
        case .held, .writing: false
        case .confirmed, .failed, .released, .shadowed, .expired: true
        }
    }
}
