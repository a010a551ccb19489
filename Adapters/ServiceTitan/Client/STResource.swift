/// One ServiceTitan resource fieldsync reads: its name (used in cursor keys, failures,
/// rejects and progress) and where it lives under the API base.
struct STResource: Sendable, Hashable {
    /// `technicians`, `technician-shifts`, … .
    var name: String
    /// The API module (`settings`, `dispatch`, `jpm`, `crm`).
    var module: String
    /// The path after `tenant/{tenant}/`, e.g. `export/technicians`.
    var path: String
    /// What one record is called in rejects (`technician`, `shift`).
    var recordKind: String

    /// The path under the API base for `tenant`, with the tenant id escaped.
    func path(tenant: String) -> String {
        "\(module)/v2/tenant/\(QueryString.escape(tenant))/\(path)"
    }
}

extension STResource {
    static let businessUnits = STResource(name: "business-units", module: "settings", path: "business-units", recordKind: "business-unit")
    static let jobTypes = STResource(name: "job-types", module: "jpm", path: "job-types", recordKind: "job-type")
    static let zones = STResource(name: "zones", module: "dispatch", path: "zones", recordKind: "zone")
    static let technicians = STResource(name: "technicians", module: "settings", path: "export/technicians", recordKind: "technician")
    static let customers = STResource(name: "customers", module: "crm", path: "export/customers", recordKind: "customer")
    static let locations = STResource(name: "locations", module: "crm", path: "export/locations", recordKind: "location")
    static let customerContacts = STResource(
        name: "customer-contacts", module: "crm", path: "export/customers/contacts", recordKind: "customer-contact")
    static let jobs = STResource(name: "jobs", module: "jpm", path: "export/jobs", recordKind: "job")
    static let appointments = STResource(name: "appointments", module: "jpm", path: "export/appointments", recordKind: "appointment")
    static let appointmentAssignments = STResource(
        name: "appointment-assignments", module: "dispatch", path: "export/appointment-assignments",
        recordKind: "appointment-assignment")
    static let technicianShifts = STResource(
        name: "technician-shifts", module: "dispatch", path: "technician-shifts", recordKind: "shift")
    static let nonJobAppointments = STResource(
        name: "non-job-appointments", module: "dispatch", path: "non-job-appointments", recordKind: "non-job-appointment")
}
