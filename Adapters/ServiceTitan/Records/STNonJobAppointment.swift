/// A non-job appointment (meeting, training, time off) from
/// `dispatch/v2/tenant/{tenant}/non-job-appointments` (`Dispatch.V2.NonJobAppointmentResponse`).
struct STNonJobAppointment: Decodable, Sendable {
    var id: STID
    var technicianId: STID
    var start: String
    var name: String?
    /// A .NET time span: `02:00:00`, `1.00:00:00`.
    var duration: String
    var allDay: Bool?
    var active: Bool?
    var modifiedOn: String?
}
