/// Work a customer asked for, independent of when it is scheduled.
public struct Job: Hashable, Sendable, Codable {
    public var customer: Customer
    /// Normalized job type (see `Mappings/`), e.g. `hvac.no_heat`.
    public var jobType: String?
    public var requiredSkills: [String]
    public var urgency: Urgency?
    /// Normalized status: `open`, `scheduled`, `in_progress`, `completed`, `cancelled`, `on_hold`.
    public var status: String
    public var summary: String?
    public var source: SourceRef

    public init(
        customer: Customer, jobType: String? = nil, requiredSkills: [String] = [], urgency: Urgency? = nil,
        status: String, summary: String? = nil, source: SourceRef
    ) {
        self.customer = customer
        self.jobType = jobType
        self.requiredSkills = requiredSkills
        self.urgency = urgency
        self.status = status
        self.summary = summary
        self.source = source
    }
}
