/// A shift from `dispatch/v2/tenant/{tenant}/technician-shifts`
/// (`Dispatch.V2.TechnicianShiftResponse`).
struct STTechnicianShift: Decodable, Sendable {
    var id: STID
    var shiftType: String
    var title: String?
    var note: String?
    var active: Bool?
    var technicianId: STID
    var start: String
    var end: String
    var modifiedOn: String?
}
