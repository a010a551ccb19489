/// One span in a technician's schedule, in UTC, with the zone it was written in.
public struct AvailabilityWindow: Hashable, Sendable, Codable {
    public var technicianID: String
    public var range: TimeRange
    public var kind: AvailabilityKind
    /// The zone the source wrote the times in (`America/Chicago`), nil for UTC or floating times.
    public var sourceTimeZone: String?
    /// True for whole-day entries (iCalendar `DATE` values), which are days, not instants.
    public var allDay: Bool
    /// What the source calls it. May hold customer details: stored, never logged.
    public var title: String?
    /// `confirmed`, `tentative` (cancelled entries are not windows at all).
    public var status: String?
    public var source: SourceRef

    public init(
        technicianID: String, range: TimeRange, kind: AvailabilityKind, sourceTimeZone: String? = nil,
        allDay: Bool = false, title: String? = nil, status: String? = nil, source: SourceRef
    ) {
        self.technicianID = technicianID
        self.range = range
        self.kind = kind
        self.sourceTimeZone = sourceTimeZone
        self.allDay = allDay
        self.title = title
        self.status = status
        self.source = source
    }
}
