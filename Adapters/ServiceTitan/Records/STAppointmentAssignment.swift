/// One technician on one appointment, from
/// `dispatch/v2/tenant/{tenant}/export/appointment-assignments`
/// (`Dispatch.V2.ExportAppointmentAssignmentsResponse`).
struct STAppointmentAssignment: Decodable, Sendable {
    var id: STID
    var technicianId: STID
    var appointmentId: STID
    var jobId: STID?
    var status: String?
    var active: Bool?
    var modifiedOn: String?
}
