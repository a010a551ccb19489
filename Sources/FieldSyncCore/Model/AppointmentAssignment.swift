/// One technician assigned to one appointment, when the backend keeps assignments as records of
/// their own (ServiceTitan's appointment assignments). The cache links the technician to the
/// appointment whenever both are known, whichever arrived first. Appointments of such a source
/// set ``Appointment/assignedSeparately``.
public struct AppointmentAssignment: Hashable, Sendable, Codable {
    /// The external id of the appointment, in the same source.
    public var appointmentExternalID: String
    /// The local technician id.
    public var technicianID: String
    /// False when the assignment was removed (unassigned): the link goes.
    public var active: Bool
    /// Provenance; `externalID` is the assignment's own id.
    public var source: SourceRef

    public init(appointmentExternalID: String, technicianID: String, active: Bool = true, source: SourceRef) {
        self.appointmentExternalID = appointmentExternalID
        self.technicianID = technicianID
        self.active = active
        self.source = source
    }
}
