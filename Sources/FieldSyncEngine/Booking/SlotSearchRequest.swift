import FieldSyncCore
import Foundation

/// `POST /v1/slots/search` and `fieldsync slots`: who can go, and when.
public struct SlotSearchRequest: Codable, Sendable, Hashable {
    /// The shop's job type name (`No Heat`) or fieldsync's code (`hvac.no_heat`).
    public var jobType: String
    public var address: APIAddress?
    public var urgency: Urgency?
    /// Search from (default: now).
    public var from: Date?
    /// Search until (default: 7 days after `from`; emergencies 1 day).
    public var to: Date?
    /// The customer's preferred technician, ranked first when free.
    public var technicianID: String?
    /// At most this many slots (default 10, at most 50).
    public var limit: Int?
    /// Used to honour the shop's never-send rules.
    public var customerPhone: String?

    enum CodingKeys: String, CodingKey {
        case jobType = "job_type", address, urgency, from, to, technicianID = "technician_id", limit
        case customerPhone = "customer_phone"
    }

    public init(
        jobType: String, address: APIAddress? = nil, urgency: Urgency? = nil, from: Date? = nil, to: Date? = nil,
        technicianID: String? = nil, limit: Int? = nil, customerPhone: String? = nil
    ) {
        self.jobType = jobType
        self.address = address
        self.urgency = urgency
        self.from = from
        self.to = to
        self.technicianID = technicianID
        self.limit = limit
        self.customerPhone = customerPhone
    }
}
