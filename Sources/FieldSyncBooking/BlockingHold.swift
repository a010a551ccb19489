import FieldSyncCore

/// A booking that holds a technician's time before (or instead of) an appointment in the cache:
/// a hold being written through, a shadow-mode booking, or a confirmed booking not synced back yet.
public struct BlockingHold: Sendable, Hashable {
    public var bookingID: String
    public var technicianID: String
    public var range: TimeRange
    /// Where the held job is, for travel to and from it.
    public var location: Location?

    public init(bookingID: String, technicianID: String, range: TimeRange, location: Location? = nil) {
        self.bookingID = bookingID
        self.technicianID = technicianID
        self.range = range
        self.location = location
    }
}
