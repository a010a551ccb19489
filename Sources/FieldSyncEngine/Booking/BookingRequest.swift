import FieldSyncCore
import Foundation

/// `POST /v1/bookings` and `fieldsync book`: book this technician for this time, for this job.
public struct BookingRequest: Codable, Sendable, Hashable {
    /// The customer and the work.
    public struct JobDetails: Codable, Sendable, Hashable {
        public var jobType: String
        public var customer: BookingCustomer
        public var address: APIAddress
        public var summary: String?
        public var urgency: Urgency?

        enum CodingKeys: String, CodingKey {
            case jobType = "job_type", customer, address, summary, urgency
        }

        public init(jobType: String, customer: BookingCustomer, address: APIAddress, summary: String? = nil, urgency: Urgency? = nil) {
            self.jobType = jobType
            self.customer = customer
            self.address = address
            self.summary = summary
            self.urgency = urgency
        }
    }

    public var technicianID: String
    public var start: Date
    public var end: Date
    public var job: JobDetails

    enum CodingKeys: String, CodingKey {
        case technicianID = "technician_id", start, end, job
    }

    public init(technicianID: String, start: Date, end: Date, job: JobDetails) {
        self.technicianID = technicianID
        self.start = start
        self.end = end
        self.job = job
    }

    /// A stable digest of the request: the same idempotency key with a different digest is refused.
    public var digest: String {
        let text = APIJSON.string(self)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
