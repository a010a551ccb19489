/// A messy record planted in a data set on purpose, the way real shops' data is messy. The data
/// itself never says what is wrong with it; this list (and the data set's README) does.
public struct PlantedProblem: Sendable, Hashable, Codable {
    /// The kinds of mess the generator plants.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A technician has two appointments at overlapping times.
        case doubleBooked = "double-booked"
        /// An appointment lies outside every shift of its technician (a day off, late evening).
        case outsideShift = "outside-shift"
        /// A job's location (or a Housecall Pro job's address) has no street, city or zip.
        case missingAddress = "missing-address"
        /// An appointment ends before it starts.
        case endBeforeStart = "end-before-start"
        /// Two jobs for the same customer, location and job type at overlapping times.
        case duplicateJob = "duplicate-job"
        /// A job whose job type the shipped mappings do not list.
        case unknownJobType = "unknown-job-type"
        /// An appointment during the technician's time off.
        case duringTimeOff = "during-time-off"
        /// The assigned technicians together lack a skill the job type requires.
        case skillMismatch = "skill-mismatch"
        /// An appointment shorter than 5 minutes or longer than 16 hours.
        case implausibleDuration = "implausible-duration"
        /// An open job whose customer has no phone number.
        case missingPhone = "missing-phone"
        /// A scheduled appointment nobody is assigned to.
        case unassigned = "unassigned"
        /// A technician sent to a customer the shop's rules (`Mappings/rules.yaml`) keep them away from.
        case neverSend = "never-send"
        /// More appointments in one day than the shop's rules allow a technician (4).
        case overDailyLimit = "over-daily-limit"

        /// The kinds ``SandboxGenerator``'s random mess plants, in turn (the others are planted
        /// by hand in ``BuiltInDataSet``).
        public static let randomlyPlanted: [Kind] = [
            .doubleBooked, .outsideShift, .missingAddress, .endBeforeStart, .duplicateJob, .unknownJobType,
        ]
    }

    /// What is wrong.
    public var kind: Kind
    /// The vendor whose data holds the record.
    public var vendor: SandboxVendor
    /// The resource holding the messy record (`appointments`, `locations`, `jobs`, `customers`,
    /// `technician-shifts`).
    public var resource: String
    /// The ids of the records involved (the messy one first). A calendar feed's event is named
    /// by its UID (see ``BuiltInDataSet/schoolPickupEvent``).
    public var ids: [String]
    /// What is wrong, for people.
    public var detail: String

    public init(kind: Kind, vendor: SandboxVendor, resource: String, ids: [String], detail: String) {
        self.kind = kind
        self.vendor = vendor
        self.resource = resource
        self.ids = ids
        self.detail = detail
    }
}
