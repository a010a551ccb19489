import FieldSyncCore

/// How slot search turns a schedule into offers: the grid, buffers, travel, arrival windows.
/// Every value has a default a shop can live with.
///
/// ```swift
/// var policy = SlotPolicy()
/// policy.bufferMinutes = 20
/// policy.maxTravelMiles = 40
/// ```
public struct SlotPolicy: Sendable, Hashable {
    /// Hours a technician works when neither shifts nor the shop's business hours say: days and
    /// minutes after local midnight, in the technician's own zone.
    public struct WorkingHours: Sendable, Hashable {
        public var days: Set<Weekday>
        public var opensAt: Int
        public var closesAt: Int

        public init(days: Set<Weekday>, opensAt: Int, closesAt: Int) {
            self.days = days
            self.opensAt = opensAt
            self.closesAt = closesAt
        }

        /// Monday to Friday, 08:00–17:00.
        public static let weekdays = WorkingHours(
            days: [.monday, .tuesday, .wednesday, .thursday, .friday], opensAt: 8 * 60, closesAt: 17 * 60)
    }

    /// Routine and urgent slots start on this grid of local wall-clock minutes (`:00`, `:30`).
    public var stepMinutes: Int = 30
    /// Emergencies start at the earliest feasible time rounded up to this many minutes.
    public var emergencyStepMinutes: Int = 5
    /// Kept free between two jobs, besides the drive.
    public var bufferMinutes: Int = 15
    /// Average driving speed, for travel minutes.
    public var averageSpeedMph: Double = 25
    /// Road miles per straight-line mile.
    public var roadFactor: Double = 1.3
    /// Travel assumed to or from a job whose place is unknown.
    public var unknownTravelMinutes: Int = 15
    /// How long the arrival window promised to the customer is, by urgency.
    public var arrivalWindowMinutes: [Urgency: Int] = [.routine: 120, .urgent: 60, .emergency: 30]
    /// Jobs a day for technicians with no capacity of their own and no shop rule; nil: no limit.
    public var defaultDailyCapacity: Int?
    /// Technicians whose home base is farther than this (road miles) from the job are not offered.
    public var maxTravelMiles: Double? = 60
    /// Working hours for technicians with no shifts in the cache and no business hours for their source.
    public var fallbackHours: WorkingHours? = .weekdays
    /// Ranking weights for routine jobs: points lost per day of waiting, per road mile, per other job that day.
    public var routinePerDay: Double = 6
    public var routinePerMile: Double = 0.5
    public var routinePerJob: Double = 3
    /// Points the customer's preferred technician gains, by urgency (for emergencies, worth that many minutes).
    public var preferredBonus: [Urgency: Double] = [.routine: 15, .urgent: 40, .emergency: 20]

    public init() {}

    /// Minutes of driving for `miles` road miles, rounded up.
    func travelSeconds(roadMiles: Double) -> Int64 {
        guard averageSpeedMph > 0 else { return 0 }
        return Int64((roadMiles / averageSpeedMph * 3600).rounded(.up))
    }

    func arrivalSeconds(_ urgency: Urgency) -> Int64 {
        Int64(arrivalWindowMinutes[urgency] ?? 60) * 60
    }
}
