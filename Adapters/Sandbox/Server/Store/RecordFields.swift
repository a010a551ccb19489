/// The few fields of a record that filters and joins need, read once when the record is stored
/// so that queries never parse JSON.
struct RecordFields: Sendable {
    var technicianID: Int64?
    var jobID: Int64?
    var appointmentID: Int64?
    var customerID: Int64?
    var locationID: Int64?
    var jobTypeID: Int64?
    var businessUnitID: Int64?
    var campaignID: Int64?
    /// Milliseconds since the epoch.
    var start: Int64?
    var end: Int64?
    /// jobStatus, appointment status, assignment status, HCP work_status.
    var status: String?
    /// shiftType.
    var kind: String?
    /// Technician, job type, business unit, zone or customer name; shift title.
    var name: String?
    /// Shift note.
    var note: String?
    /// jobNumber, appointmentNumber.
    var number: String?
    var priority: String?
    /// Housecall Pro: the customer's id and the employees on the job.
    var customerKey: String?
    var employeeKeys: [String] = []

    static func extract(_ resource: SandboxResource, from json: JSONValue) -> RecordFields {
        var f = RecordFields()
        func int(_ key: String) -> Int64? { json[key]?.intValue }
        func string(_ key: String) -> String? { json[key]?.stringValue }
        func time(_ key: String) -> Int64? { json[key]?.stringValue.flatMap { Timestamp.millis($0) } }
        switch resource {
        case .serviceTitan(let r):
            switch r {
            case .technicians, .businessUnits, .zones, .customers:
                f.name = string("name")
            case .technicianShifts:
                f.technicianID = int("technicianId")
                f.start = time("start")
                f.end = time("end")
                f.kind = string("shiftType")
                f.name = string("title")
                f.note = string("note")
            case .nonJobAppointments:
                f.technicianID = int("technicianId")
                f.start = time("start")
                if let start = f.start, let duration = string("duration").flatMap(Self.timeSpanSeconds) {
                    f.end = start + duration * 1000
                }
                f.name = string("name")
            case .jobs:
                f.customerID = int("customerId")
                f.locationID = int("locationId")
                f.status = string("jobStatus")
                f.jobTypeID = int("jobTypeId")
                f.businessUnitID = int("businessUnitId")
                f.campaignID = int("campaignId")
                f.priority = string("priority")
                f.number = string("jobNumber")
            case .appointments:
                f.jobID = int("jobId")
                f.customerID = int("customerId")
                f.start = time("start")
                f.end = time("end")
                f.status = string("status")
                f.number = string("appointmentNumber")
            case .appointmentAssignments:
                f.technicianID = int("technicianId")
                f.jobID = int("jobId")
                f.appointmentID = int("appointmentId")
                f.status = string("status")
            case .jobTypes:
                f.name = string("name")
                f.priority = string("priority")
            case .locations:
                f.customerID = int("customerId")
                f.name = string("name")
            case .customerContacts:
                f.customerID = int("customerId")
            }
        case .housecallPro(let r):
            switch r {
            case .jobs:
                f.start = json["schedule"]?["scheduled_start"]?.stringValue.flatMap { Timestamp.millis($0) }
                f.end = json["schedule"]?["scheduled_end"]?.stringValue.flatMap { Timestamp.millis($0) }
                f.status = string("work_status")
                f.customerKey = json["customer"]?["id"]?.stringValue
                var keys: [String] = []
                for employee in json["assigned_employees"]?.arrayValue ?? [] {
                    if let id = employee["id"]?.stringValue, !keys.contains(id) { keys.append(id) }
                }
                for appointment in json["schedule"]?["appointments"]?.arrayValue ?? [] {
                    for id in appointment["dispatched_employees_ids"]?.arrayValue ?? [] {
                        if let id = id.stringValue, !keys.contains(id) { keys.append(id) }
                    }
                }
                f.employeeKeys = keys
            case .customers:
                f.name = [string("first_name"), string("last_name")].compactMap { $0 }.joined(separator: " ")
            case .jobTypes:
                f.name = string("name")
            case .events:
                f.start = json["schedule"]?["start_time"]?.stringValue.flatMap { Timestamp.millis($0) }
                f.end = json["schedule"]?["end_time"]?.stringValue.flatMap { Timestamp.millis($0) }
                f.name = string("name")
            case .employees:
                f.name = [string("first_name"), string("last_name")].compactMap { $0 }.joined(separator: " ")
            }
        }
        return f
    }

    /// Seconds in a .NET time span: `02:00:00`, `1.00:00:00`, `00:30:00.5`.
    static func timeSpanSeconds(_ text: String) -> Int64? {
        var days: Int64 = 0
        var rest = Substring(text)
        if let dot = rest.firstIndex(of: "."), let colon = rest.firstIndex(of: ":"), dot < colon {
            guard let d = Int64(rest[..<dot]) else { return nil }
            days = d
            rest = rest[rest.index(after: dot)...]
        }
        let parts = rest.split(separator: ":")
        guard parts.count == 3, let h = Int64(parts[0]), let m = Int64(parts[1]),
              let s = Double(parts[2])
        else { return nil }
        return days * 86_400 + h * 3600 + m * 60 + Int64(s)
    }
}
