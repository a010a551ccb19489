import FieldSyncCore
import Foundation

/// One technician's schedule over an index's span, as slot search reads it: who they are, when
/// they work, what blocks them and where their jobs are.
///
/// Built once (from the cache, or directly in tests) and searched many times: the lists are
/// sorted and converted to whole seconds on construction.
public struct TechnicianSchedule: Sendable {
    /// A job visit already on the technician's schedule (an appointment that is not cancelled).
    public struct Visit: Sendable, Hashable {
        public var range: TimeRange
        /// Where the job is, for travel to and from it.
        public var location: Location?
        public var jobType: String?
        /// The appointment's id in its source, for messages.
        public var appointmentID: String?

        public init(range: TimeRange, location: Location? = nil, jobType: String? = nil, appointmentID: String? = nil) {
            self.range = range
            self.location = location
            self.jobType = jobType
            self.appointmentID = appointmentID
        }
    }

    public let id: String
    public let name: String
    /// Skill codes.
    public let skills: [String]
    public let homeBase: Location?
    /// IANA zone the technician's days are counted in (UTC when unknown).
    public let timeZone: String?
    /// Jobs a day the technician takes, when the backend says.
    public let dailyCapacity: Int?
    /// Service zones (ServiceTitan); not used for ranking yet.
    public let zones: [String]
    /// The technician's source name (`lakeshore-st`).
    public let source: String
    public let active: Bool
    /// True when the cache holds shifts for this technician: only time inside ``shifts`` is
    /// bookable. False: the source's business hours apply (Housecall Pro, calendars).
    public let usesShifts: Bool
    /// Bookable working time, sorted.
    public let shifts: [TimeRange]
    /// On-call time (bookable for emergencies only), sorted.
    public let onCall: [TimeRange]
    /// Time off, sorted; blocks.
    public let timeOff: [TimeRange]
    /// Calendar busy time and non-job appointments, sorted; blocks.
    public let busy: [TimeRange]
    /// Job visits, sorted by start; block, with buffer and travel around them.
    public let appointments: [Visit]
    /// What the syncs read completely for this technician (any source); nil when nothing is
    /// recorded, and then nothing is limited. When set, slots must lie inside it.
    public let coverage: [TimeRange]?

    // Precomputed for the search.
    let skillSet: Set<String>
    let clock: LocalClock
    let shiftSpans: [Span]
    let onCallSpans: [Span]
    let timeOffSpans: [Span]
    let busySpans: [Span]
    let visitSpans: [Span]
    let coverageSpans: [Span]?
    /// The longest span of each list, so a search finds the first relevant one by binary search.
    let longestBlock: Int64
    let longestVisit: Int64
    /// Visit places and home base, resolved against the index's postal centroids.
    var visitPlaces: [Coordinate?]
    var homePlace: Coordinate?
    /// The states (regions) the technician's home base and visits are in, upper-cased: where
    /// coordinates are unknown, a job in another state is out of reach.
    var workRegions: Set<String> {
        var regions = Set(appointments.compactMap { $0.location?.region?.trimmingCharacters(in: .whitespaces).uppercased() })
        if let home = homeBase?.region?.trimmingCharacters(in: .whitespaces).uppercased() { regions.insert(home) }
        regions.remove("")
        return regions
    }

    /// Where the technician works: the home base, else the middle of the places of their
    /// visits (a Housecall Pro employee has no home base). Keeps a Denver technician from being
    /// offered for a Chicago address.
    var workArea: Coordinate? {
        if let homePlace { return homePlace }
        let known = visitPlaces.compactMap { $0 }
        guard !known.isEmpty else { return nil }
        return Coordinate(
            latitude: known.map(\.latitude).reduce(0, +) / Double(known.count),
            longitude: known.map(\.longitude).reduce(0, +) / Double(known.count))
    }

    public init(
        id: String, name: String, skills: [String] = [], homeBase: Location? = nil, timeZone: String? = nil,
        dailyCapacity: Int? = nil, zones: [String] = [], source: String, active: Bool = true, usesShifts: Bool? = nil,
        shifts: [TimeRange] = [], onCall: [TimeRange] = [], timeOff: [TimeRange] = [], busy: [TimeRange] = [],
        appointments: [Visit] = [], coverage: [TimeRange]? = nil
    ) {
        self.id = id
        self.name = name
        self.skills = skills
        self.homeBase = homeBase
        self.timeZone = timeZone
        self.dailyCapacity = dailyCapacity
        self.zones = zones
        self.source = source
        self.active = active
        self.usesShifts = usesShifts ?? !shifts.isEmpty
        func sorted(_ r: [TimeRange]) -> [TimeRange] {
            zip(r, r.dropFirst()).allSatisfy { $0.start <= $1.start } ? r : r.sorted { $0.start < $1.start }
        }
        self.shifts = sorted(shifts)
        self.onCall = sorted(onCall)
        self.timeOff = sorted(timeOff)
        self.busy = sorted(busy)
        let visits =
            zip(appointments, appointments.dropFirst()).allSatisfy({ $0.range.start <= $1.range.start })
            ? appointments : appointments.sorted { $0.range.start < $1.range.start }
        self.appointments = visits
        self.coverage = coverage.map(sorted)

        skillSet = Set(skills)
        clock = LocalClock(rules: ZoneCache.rules(timeZone))
        shiftSpans = Span.union(self.shifts.map(Span.init))
        onCallSpans = Span.union(self.onCall.map(Span.init))
        timeOffSpans = self.timeOff.map(Span.init)
        busySpans = self.busy.map(Span.init)
        visitSpans = visits.map { Span($0.range) }
        coverageSpans = self.coverage.map { Span.union($0.map(Span.init)) }
        longestBlock = (timeOffSpans + busySpans).map { $0.hi - $0.lo }.max() ?? 0
        longestVisit = visitSpans.map { $0.hi - $0.lo }.max() ?? 0
        visitPlaces = visits.map { Coordinate($0.location) }
        homePlace = Coordinate(homeBase)
    }

    /// Fills places known only by postal code from `centroids`.
    mutating func resolvePlaces(_ centroids: [String: Coordinate]) {
        guard !centroids.isEmpty else { return }
        for i in appointments.indices where visitPlaces[i] == nil {
            if let key = Coordinate.postalKey(appointments[i].location?.postalCode) { visitPlaces[i] = centroids[key] }
        }
        if homePlace == nil, let key = Coordinate.postalKey(homeBase?.postalCode) { homePlace = centroids[key] }
    }
}
