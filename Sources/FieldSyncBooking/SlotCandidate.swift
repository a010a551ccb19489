import Foundation

/// One slot a technician could take, with why it ranks where it does.
public struct SlotCandidate: Sendable, Hashable, Codable {
    public var technicianID: String
    public var technicianName: String
    /// The visit: `[start, end)`, `end - start` being the query's duration.
    public var start: Date
    public var end: Date
    /// The window promised to the customer for the technician's arrival (starts at `start`,
    /// as long as ``SlotPolicy/arrivalWindowMinutes`` says for the urgency).
    public var arrivalStart: Date
    public var arrivalEnd: Date
    /// Higher is better; only comparable within one search.
    public var score: Double
    /// Why, in words a voice agent can say: `["certified for gas furnaces", "4 miles away", "2 jobs that day"]`.
    public var reasons: [String]
    /// Road miles from where the technician comes from (the previous job that day, or home base).
    public var distanceMiles: Double?
    /// The technician's other jobs (appointments and holds) that local day.
    public var jobsThatDay: Int
    /// The slot uses on-call time (emergencies only).
    public var onCall: Bool
    /// The technician's source name.
    public var source: String

    public init(
        technicianID: String, technicianName: String, start: Date, end: Date, arrivalStart: Date, arrivalEnd: Date,
        score: Double, reasons: [String], distanceMiles: Double?, jobsThatDay: Int, onCall: Bool, source: String
    ) {
        self.technicianID = technicianID
        self.technicianName = technicianName
        self.start = start
        self.end = end
        self.arrivalStart = arrivalStart
        self.arrivalEnd = arrivalEnd
        self.score = score
        self.reasons = reasons
        self.distanceMiles = distanceMiles
        self.jobsThatDay = jobsThatDay
        self.onCall = onCall
        self.source = source
    }
}
