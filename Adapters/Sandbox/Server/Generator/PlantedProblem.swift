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
    }

    /// What is wrong.
    public var kind: Kind
    /// The vendor whose data holds the record.
    public var vendor: SandboxVendor
    /// The resource holding the messy record (`appointments`, `locations`, `jobs`).
    public var resource: String
    /// The ids of the records involved (the messy one first).
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
