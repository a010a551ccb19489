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
    /// The customer's external id in the same source, when the backend keeps customers apart
    /// (ServiceTitan): the cache fills in ``customer`` from its copy when the job lacks it.
    public var customerExternalID: String?
    /// The service location's external id in the same source, likewise.
    public var locationExternalID: String?
    /// Normalized trade (`hvac`, `plumbing`, `electrical`), from the job type or business unit.
    public var trade: String?
    /// The backend's own name for the job type, exactly as sent (`No Heat - Furnace`): what an
    /// operator searches for in the field-service tool.
    public var vendorJobType: String?
    /// The number the shop uses for the job (ServiceTitan `jobNumber`, Housecall Pro
    /// `invoice_number`).
    public var number: String?
    /// True when the batch carrying this job also carries every appointment it has (Housecall
    /// Pro embeds them): cached appointments of the job that the batch lacks are gone.
    public var appointmentsComplete: Bool = false
    public var source: SourceRef

    public init(
        customer: Customer, jobType: String? = nil, requiredSkills: [String] = [], urgency: Urgency? = nil,
        status: String, summary: String? = nil, customerExternalID: String? = nil, locationExternalID: String? = nil,
        trade: String? = nil, vendorJobType: String? = nil, number: String? = nil, source: SourceRef
    ) {
        self.customerExternalID = customerExternalID
        self.locationExternalID = locationExternalID
        self.trade = trade
        self.vendorJobType = vendorJobType
        self.number = number
        self.customer = customer
        self.jobType = jobType
        self.requiredSkills = requiredSkills
        self.urgency = urgency
        self.status = status
        self.summary = summary
        self.source = source
    }
}
