import Foundation

/// `GET /health`.
public struct HealthReport: Codable, Sendable, Hashable {
    /// `ok`, or `cache_unavailable`.
    public var status: String
    /// Bookings whose write to the backend is still owed.
    public var owedWrites: Int?
    /// How long the oldest of them has been owed.
    public var oldestOwedSeconds: Int?
    /// The oldest source's last successful sync.
    public var dataAsOf: Date?
    /// The last reconciliation that finished (did last night's cron job run, and how did it end).
    public var lastReconciliation: Reconciliation? = nil

    /// A finished reconciliation, as a monitor checks it.
    public struct Reconciliation: Codable, Sendable, Hashable {
        public var runID: Int64
        /// `clean`, `repaired`, `drift_found`, `incomplete`.
        public var outcome: String
        public var finishedAt: Date?
        /// Differences found (records, bookings, overlapped holds).
        public var differences: Int

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", outcome, finishedAt = "finished_at", differences
        }
    }

    enum CodingKeys: String, CodingKey {
        case status, owedWrites = "owed_writes", oldestOwedSeconds = "oldest_owed_seconds", dataAsOf = "data_as_of"
        case lastReconciliation = "last_reconciliation"
    }
}
