import Foundation

/// How one field-service backend's vocabulary maps into fieldsync's: the contents of
/// `Mappings/servicetitan.yaml` or `Mappings/housecallpro.yaml`, which the shop edits.
///
/// Lookups of vendor names ignore case and surrounding spaces, because shops type them by hand.
public struct BackendMapping: Sendable, Hashable {
    /// What a job type means for scheduling.
    public struct JobTypeRule: Sendable, Hashable {
        /// The normalized job type code, e.g. `hvac.no_heat`.
        public var jobType: String
        public var trade: String?
        /// fieldsync skill codes a technician needs for this work.
        public var skills: [String]
        /// How long a visit usually takes, in minutes.
        public var durationMinutes: Int?
        public var urgency: Urgency?

        public init(
            jobType: String, trade: String? = nil, skills: [String] = [], durationMinutes: Int? = nil,
            urgency: Urgency? = nil
        ) {
            self.jobType = jobType
            self.trade = trade
            self.skills = skills
            self.durationMinutes = durationMinutes
            self.urgency = urgency
        }
    }

    /// What to do with a job whose type the file does not list.
    public enum UnmappedJobTypePolicy: Sendable, Hashable {
        /// The job goes to `rejects` with its raw payload; the shop adds the type and syncs again.
        case quarantine
        /// The job is kept with this rule, and the run's notes say which types were defaulted.
        case useDefault(JobTypeRule)
    }

    /// The file this mapping was read from, for messages (`Mappings/servicetitan.yaml`).
    public var origin: String?
    /// By the backend's job type name.
    public var jobTypes: [String: JobTypeRule]
    public var unmappedJobType: UnmappedJobTypePolicy
    /// Backend job status → normalized job status (`open`, `scheduled`, `in_progress`,
    /// `completed`, `cancelled`, `on_hold`).
    public var jobStatuses: [String: String]
    /// Backend appointment status → normalized appointment status (`scheduled`, `dispatched`,
    /// `working`, `done`, `cancelled`, `on_hold`).
    public var appointmentStatuses: [String: String]
    /// Business unit name → trade.
    public var businessUnits: [String: String]
    /// Backend skill name → fieldsync skill code. Skills not listed are kept as their name in
    /// lower case with spaces as dashes.
    public var skills: [String: String]
    /// Backend shift type (`Normal`, `OnCall`, `TimeOff`) → availability kind.
    public var shiftTypes: [String: AvailabilityKind]
    /// Backend priority (`Urgent`, `High`, `Normal`, `Low`) → urgency, used when the job type
    /// does not set one.
    public var priorities: [String: Urgency]

    public init(
        origin: String? = nil, jobTypes: [String: JobTypeRule] = [:], unmappedJobType: UnmappedJobTypePolicy = .quarantine,
        jobStatuses: [String: String] = [:], appointmentStatuses: [String: String] = [:],
        businessUnits: [String: String] = [:], skills: [String: String] = [:],
        shiftTypes: [String: AvailabilityKind] = [:], priorities: [String: Urgency] = [:]
    ) {
        self.origin = origin
        self.jobTypes = jobTypes
        self.unmappedJobType = unmappedJobType
        self.jobStatuses = jobStatuses
        self.appointmentStatuses = appointmentStatuses
        self.businessUnits = businessUnits
        self.skills = skills
        self.shiftTypes = shiftTypes
        self.priorities = priorities
    }

    /// The rule for a job type name; nil when the file does not list it.
    public func jobType(named name: String) -> JobTypeRule? { Self.lookup(name, in: jobTypes) }

    public func jobStatus(_ name: String) -> String? { Self.lookup(name, in: jobStatuses) }

    public func appointmentStatus(_ name: String) -> String? { Self.lookup(name, in: appointmentStatuses) }

    public func trade(businessUnit name: String) -> String? { Self.lookup(name, in: businessUnits) }

    public func shiftKind(_ name: String) -> AvailabilityKind? { Self.lookup(name, in: shiftTypes) }

    public func urgency(priority name: String) -> Urgency? { Self.lookup(name, in: priorities) }

    /// The fieldsync skill code for a backend skill name (listed, or derived from the name).
    public func skill(_ name: String) -> String {
        if let mapped = Self.lookup(name, in: skills) { return mapped }
        return Self.fold(name).split(separator: " ", omittingEmptySubsequences: true).joined(separator: "-")
    }

    /// `origin`, or a generic name, for messages.
    public var fileDescription: String { origin ?? "the mapping file" }

    static func fold(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func lookup<Value>(_ name: String, in table: [String: Value]) -> Value? {
        if let exact = table[name] { return exact }
        let folded = fold(name)
        // Sorted, so that the same file maps the same way in every process.
        return table.keys.sorted().first { fold($0) == folded }.flatMap { table[$0] }
    }
}
