/// A ServiceTitan resource the sandbox serves, named as its data file is
/// (`DIR/servicetitan/<rawValue>.json`).
public enum ServiceTitanResource: String, Sendable, Hashable, CaseIterable, Codable {
    case technicians
    case technicianShifts = "technician-shifts"
    case nonJobAppointments = "non-job-appointments"
    case jobs
    case appointments
    case appointmentAssignments = "appointment-assignments"
    case jobTypes = "job-types"
    case businessUnits = "business-units"
    case zones
    case customers
    case locations
    /// The contacts of customers (phone numbers and e-mail addresses), as
    /// `crm/v2/tenant/{t}/export/customers/contacts` returns them.
    case customerContacts = "customer-contacts"
}

/// A Housecall Pro resource the sandbox serves (`DIR/housecallpro/<rawValue>.json`).
public enum HousecallProResource: String, Sendable, Hashable, CaseIterable, Codable {
    case employees
    /// Jobs with `schedule.appointments`, `assigned_employees`, `customer`, `address` and
    /// `job_fields`, as `GET /jobs?expand[]=appointments` returns them.
    case jobs
    case jobTypes = "job-types"
    case customers
    /// Non-job calendar events (meetings, vehicle service).
    case events
}

/// One resource of one vendor: the unit the data set and the mutation API address.
public enum SandboxResource: Sendable, Hashable, CustomStringConvertible {
    case serviceTitan(ServiceTitanResource)
    case housecallPro(HousecallProResource)

    /// Every resource of both vendors.
    public static let all: [SandboxResource] =
        ServiceTitanResource.allCases.map { .serviceTitan($0) } + HousecallProResource.allCases.map { .housecallPro($0) }

    public var vendor: SandboxVendor {
        switch self {
        case .serviceTitan: .serviceTitan
        case .housecallPro: .housecallPro
        }
    }

    /// The file name without extension (`technician-shifts`).
    public var name: String {
        switch self {
        case .serviceTitan(let r): r.rawValue
        case .housecallPro(let r): r.rawValue
        }
    }

    /// `servicetitan/technician-shifts`.
    public var description: String { "\(vendor.directoryName)/\(name)" }
}
