import FieldSyncBooking
import Foundation

/// The answer to a slot search: ranked slots, and how fresh the data behind them is.
public struct SlotSearchAnswer: Codable, Sendable, Hashable {
    /// One candidate slot.
    public struct Slot: Codable, Sendable, Hashable {
        public var technicianID: String
        public var technicianName: String
        public var start: Date
        public var end: Date
        public var arrivalWindow: ArrivalWindow
        /// Why this slot ranks where it does, in words a voice agent can say.
        public var reasons: [String]
        public var score: Double
        public var distanceMiles: Double?
        public var jobsThatDay: Int
        public var onCall: Bool
        public var source: String

        enum CodingKeys: String, CodingKey {
            case technicianID = "technician_id", technicianName = "technician_name", start, end
            case arrivalWindow = "arrival_window", reasons, score, distanceMiles = "distance_miles"
            case jobsThatDay = "jobs_that_day", onCall = "on_call", source
        }

        init(_ candidate: SlotCandidate) {
            technicianID = candidate.technicianID
            technicianName = candidate.technicianName
            start = candidate.start
            end = candidate.end
            arrivalWindow = ArrivalWindow(start: candidate.arrivalStart, end: candidate.arrivalEnd)
            reasons = candidate.reasons
            score = (candidate.score * 1000).rounded() / 1000
            distanceMiles = candidate.distanceMiles.map { ($0 * 10).rounded() / 10 }
            jobsThatDay = candidate.jobsThatDay
            onCall = candidate.onCall
            source = candidate.source
        }
    }

    /// When the customer can expect the technician.
    public struct ArrivalWindow: Codable, Sendable, Hashable {
        public var start: Date
        public var end: Date
    }

    /// The job type as resolved from the mappings.
    public struct JobTypeInfo: Codable, Sendable, Hashable {
        public var name: String
        public var code: String
        public var durationMinutes: Int
        public var skills: [String]

        enum CodingKeys: String, CodingKey {
            case name, code, durationMinutes = "duration_minutes", skills
        }
    }

    public var slots: [Slot]
    /// When the data the search used was last synced (the oldest source's last successful sync).
    public var asOf: Date?
    public var jobType: JobTypeInfo
    public var urgency: String
    public var from: Date
    public var to: Date

    enum CodingKeys: String, CodingKey {
        case slots, asOf = "as_of", jobType = "job_type", urgency, from, to
    }
}
