/// What a finding is about. The raw values are the `kind` field of `fieldsync check --json`.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// One technician in two overlapping appointments, or an appointment against busy time
    /// (a calendar block, a non-job appointment) from any source.
    case doubleBooking = "double_booking"
    /// An appointment of a technician outside that technician's shifts (or the shop's business
    /// hours, for a backend that keeps no shifts).
    case outsideShift = "outside_shift"
    /// An appointment overlapping the technician's time off.
    case duringTimeOff = "during_time_off"
    /// The assigned technicians lack a skill the job type requires.
    case skillMismatch = "skill_mismatch"
    /// A scheduled appointment with no technician.
    case unassignedAppointment = "unassigned_appointment"
    /// An end not after the start, or an implausible duration.
    case invalidTime = "invalid_time"
    /// The same customer and location with the same job type at overlapping times.
    case duplicateJob = "duplicate_job"
    /// An open job with no address, no phone, or a job type the mapping does not know.
    case missingData = "missing_data"
    /// A shop rule from the rules file is broken (`rule` names which).
    case ruleViolation = "rule_violation"
    /// A record fieldsync had to quarantine because it could not read it.
    case unreadableRecord = "unreadable_record"

    /// A short title for reports.
    public var title: String {
        switch self {
        case .doubleBooking: "Double-booked"
        case .outsideShift: "Outside shift"
        case .duringTimeOff: "During time off"
        case .skillMismatch: "Skill mismatch"
        case .unassignedAppointment: "No technician"
        case .invalidTime: "Impossible time"
        case .duplicateJob: "Duplicate job"
        case .missingData: "Missing data"
        case .ruleViolation: "Shop rule broken"
        case .unreadableRecord: "Unreadable record"
        }
    }

    /// The position in the declaration, which is the order reports list the kinds in.
    var rank: UInt8 {
        switch self {
        case .doubleBooking: 0
        case .outsideShift: 1
        case .duringTimeOff: 2
        case .skillMismatch: 3
        case .unassignedAppointment: 4
        case .invalidTime: 5
        case .duplicateJob: 6
        case .missingData: 7
        case .ruleViolation: 8
        case .unreadableRecord: 9
        }
    }

    public static func < (lhs: FindingKind, rhs: FindingKind) -> Bool { lhs.rank < rhs.rank }
}
