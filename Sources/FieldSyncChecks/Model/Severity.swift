/// How urgently a finding needs a person. Ordered: `info` < `warning` < `critical`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth tidying up; nothing goes wrong today because of it.
    case info
    /// Will cause trouble for a visit (a missed arrival, a wasted trip) unless someone acts.
    case warning
    /// A visit cannot happen as scheduled (a technician in two places, on vacation).
    case critical

    /// `info` 0, `warning` 1, `critical` 2.
    var rank: UInt8 {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
