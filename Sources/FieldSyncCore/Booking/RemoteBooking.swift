import Foundation

/// What a backend holds for a booking once created, or found again by its marker.
///
/// Ids are the backend's own, as text (ServiceTitan's numbers, Housecall Pro's `job_…`).
public struct RemoteBooking: Sendable, Hashable, Codable {
    public var jobID: String
    /// ServiceTitan's appointment id; Housecall Pro's `appt_…` id of the job's appointment.
    public var appointmentID: String
    public var customerID: String?
    /// ServiceTitan's location id; Housecall Pro's address id.
    public var locationID: String?
    /// Who is assigned to the appointment, as the backend has it.
    public var technicianExternalIDs: [String]
    public var start: Date
    public var end: Date
    /// The number a dispatcher sees (ServiceTitan `jobNumber`, Housecall Pro `invoice_number`).
    public var jobNumber: String?

    public init(
        jobID: String, appointmentID: String, customerID: String? = nil, locationID: String? = nil,
        technicianExternalIDs: [String], start: Date, end: Date, jobNumber: String? = nil
    ) {
        self.jobID = jobID
        self.appointmentID = appointmentID
        self.customerID = customerID
        self.locationID = locationID
        self.technicianExternalIDs = technicianExternalIDs
        self.start = start
        self.end = end
        self.jobNumber = jobNumber
    }
}
