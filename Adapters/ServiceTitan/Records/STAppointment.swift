/// An appointment from `jpm/v2/tenant/{tenant}/export/appointments`
/// (`Jpm.V2.ExportAppointmentsResponse`). Its technicians come separately, as assignments.
struct STAppointment: Decodable, Sendable {
    var id: STID
    var jobId: STID
    var appointmentNumber: String?
    var start: String
    var end: String
    var arrivalWindowStart: String?
    var arrivalWindowEnd: String?
    var status: String
    var active: Bool?
    var modifiedOn: String?
}
