/// One appointment (visit) of a job.
struct HCPAppointment: Decodable, Sendable {
    var id: String?
    var startTime: String?
    var endTime: String?
    var anytime: Bool?
    var arrivalWindowMinutes: Int?
    var dispatchedEmployeeIDs: [String]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        startTime = c.lenientText("start_time")
        endTime = c.lenientText("end_time")
        anytime = c.lenientBool("anytime")
        arrivalWindowMinutes = c.lenientInt("arrival_window_minutes")
        dispatchedEmployeeIDs = c.lenientStrings("dispatched_employees_ids") ?? []
    }
}
