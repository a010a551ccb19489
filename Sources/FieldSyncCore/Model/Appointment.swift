/// A visit for a job: when, the arrival window promised to the customer, and who goes.
public struct Appointment: Hashable, Sendable, Codable {
    /// The external id of the job this visit belongs to, in the same source.
    public var jobExternalID: String
    public var range: TimeRange
    public var arrivalWindow: TimeRange?
    /// Local technician ids.
    public var technicianIDs: [String]
    /// Normalized status: `scheduled`, `dispatched`, `working`, `done`, `cancelled`.
    public var status: String
    /// True when the backend sends technician assignments as records of their own
    /// (``AppointmentAssignment``, ServiceTitan): ``technicianIDs`` is then ignored and the cache
    /// keeps the links those records made.
    public var assignedSeparately: Bool
    public var source: SourceRef

    public init(
        jobExternalID: String, range: TimeRange, arrivalWindow: TimeRange? = nil, technicianIDs: [String],
        status: String, assignedSeparately: Bool = false, source: SourceRef
    ) {
        self.assignedSeparately = assignedSeparately
        self.jobExternalID = jobExternalID
        self.range = range
        self.arrivalWindow = arrivalWindow
        self.technicianIDs = technicianIDs
        self.status = status
        self.source = source
    }
}
