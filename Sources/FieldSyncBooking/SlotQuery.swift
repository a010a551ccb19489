import FieldSyncCore
import Foundation

/// What the dispatcher asks for: a job of some type, somewhere, soon enough.
///
/// ```swift
/// let query = SlotQuery(
///     jobType: "hvac.no_heat", requiredSkills: ["hvac", "gas-furnace"], duration: .minutes(120),
///     location: Location(postalCode: "60614", latitude: 41.92, longitude: -87.65), urgency: .urgent,
///     window: TimeRange(start: now, end: now.addingTimeInterval(3 * 86_400)), now: now)
/// let slots = SlotSearch.search(query, in: index, holds: holds, rules: rules, policy: SlotPolicy())
/// ```
public struct SlotQuery: Sendable, Hashable {
    /// The normalized job type code (`hvac.no_heat`); informational, the skills decide who goes.
    public var jobType: String
    /// Skill codes (from the mappings) every candidate technician must have.
    public var requiredSkills: [String]
    /// How long the visit takes.
    public var duration: Duration
    /// Where the job is. Coordinates are used when present, else the postal code's centroid in the
    /// index; with neither, distances are unknown and travel is ``SlotPolicy/unknownTravelMinutes``.
    public var location: Location?
    public var urgency: Urgency
    /// Slots start at or after `window.start` and end at or before `window.end`.
    public var window: TimeRange
    /// The technician the customer asked for: ranked higher, and named in the reasons.
    public var preferredTechnicianID: String?
    /// Only these technicians (for example the technicians of one source); nil: everyone.
    public var technicianIDs: Set<String>?
    /// The most candidates returned.
    public var limit: Int
    /// The present: no slot starts before it.
    public var now: Date
    /// The source the customer is in, for the shop's `never_send` rules (with ``customerID``).
    public var customerSource: String?
    /// The customer's id in ``customerSource``; when both are set, technicians the shop never
    /// sends to this customer are left out.
    public var customerID: String?

    public init(
        jobType: String, requiredSkills: [String], duration: Duration, location: Location? = nil, urgency: Urgency = .routine,
        window: TimeRange, preferredTechnicianID: String? = nil, technicianIDs: Set<String>? = nil, limit: Int = 10,
        now: Date, customerSource: String? = nil, customerID: String? = nil
    ) {
        self.jobType = jobType
        self.requiredSkills = requiredSkills
        self.duration = duration
        self.location = location
        self.urgency = urgency
        self.window = window
        self.preferredTechnicianID = preferredTechnicianID
        self.technicianIDs = technicianIDs
        self.limit = limit
        self.now = now
        self.customerSource = customerSource
        self.customerID = customerID
    }

    /// The duration in whole seconds (rounded up), at least one.
    var durationSeconds: Int64 {
        let c = duration.components
        return max(1, c.seconds + (c.attoseconds > 0 ? 1 : 0))
    }
}
