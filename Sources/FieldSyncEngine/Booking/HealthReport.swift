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

    enum CodingKeys: String, CodingKey {
        case status, owedWrites = "owed_writes", oldestOwedSeconds = "oldest_owed_seconds", dataAsOf = "data_as_of"
    }
}
