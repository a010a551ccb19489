/// When a job is scheduled, and (with `expand[]=appointments`) its appointments.
struct HCPSchedule: Decodable, Sendable {
    var scheduledStart: String?
    var scheduledEnd: String?
    /// The arrival window's length in minutes (the spec leaves the unit unstated; HCP's app shows
    /// minutes).
    var arrivalWindow: Int?
    /// Nil when the list was not expanded; empty when expanded and there are none.
    var appointments: [HCPAppointment]?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        scheduledStart = c.lenientText("scheduled_start")
        scheduledEnd = c.lenientText("scheduled_end")
        arrivalWindow = c.lenientInt("arrival_window")
        appointments = c.lenientObjects(HCPAppointment.self, "appointments")
    }
}
