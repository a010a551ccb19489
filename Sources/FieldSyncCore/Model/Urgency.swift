/// How soon a job must be attended, in the normalized vocabulary every backend maps into.
public enum Urgency: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Danger to people or property now (gas smell, flooding, no heat in freezing weather).
    case emergency
    /// Today or tomorrow.
    case urgent
    /// Whenever suits the customer.
    case routine

    private var rank: Int {
        switch self {
        case .emergency: 0
        case .urgent: 1
        case .routine: 2
        }
    }

    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank < rhs.rank }
}
