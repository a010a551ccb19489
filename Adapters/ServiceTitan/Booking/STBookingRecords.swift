/// The parts of ServiceTitan records a booking write reads (the sync's own record types carry
/// what mapping needs; these carry the ids a write needs next).

/// A job type with the business units it belongs to (`GET jpm/v2/tenant/{t}/job-types`).
struct STBookingJobType: Decodable, Sendable {
    var id: STID
    var name: String
    var businessUnitIds: [STID]?
    var active: Bool?
}

/// A customer, by id and name (`GET`/`POST crm/v2/tenant/{t}/customers`); the answer to a
/// create also lists the locations created with it.
struct STBookingCustomer: Decodable, Sendable {
    var id: STID
    var name: String?
    var locations: [STLocation]?
}

/// A job with the ids a booking needs (`GET`/`POST jpm/v2/tenant/{t}/jobs`).
struct STBookingJob: Decodable, Sendable {
    var id: STID
    var jobNumber: String?
    var customerId: STID?
    var locationId: STID?
    var firstAppointmentId: STID?
}
