/// A record a source sent that could not be read or mapped, kept with its raw payload and the
/// reason, so nothing is silently lost and an operator can fix it at the source.
public struct RejectedRecord: Hashable, Sendable, Codable {
    public var backend: String
    public var source: String
    /// What kind of record it was meant to be (`vevent`, `technician`, `appointment`).
    public var recordKind: String
    /// Its id over there, when it could be read.
    public var externalID: String?
    /// Why it was rejected, in words an operator can act on.
    public var reason: String
    /// Where in the payload (`alice.ics line 14`), when known.
    public var location: String?
    /// The part of the source it came from (a feed's name), so that a later complete read of
    /// that part can mark it resolved even when another part failed.
    public var part: String?
    /// The record exactly as received.
    public var rawPayload: String
    /// What is wrong with it, when it is one of the problems the checks report on their own
    /// (an appointment that ends before it starts, a job type the mapping does not list).
    public var problem: RejectProblem?

    public init(
        backend: String, source: String, recordKind: String, externalID: String? = nil, reason: String,
        location: String? = nil, part: String? = nil, rawPayload: String, problem: RejectProblem? = nil
    ) {
        self.backend = backend
        self.source = source
        self.recordKind = recordKind
        self.externalID = externalID
        self.reason = reason
        self.location = location
        self.part = part
        self.rawPayload = rawPayload
        self.problem = problem
    }
}

/// A problem with a rejected record that the checks know by name, so a quarantined record shows
/// up as the finding a dispatcher expects (`invalid_time`, `missing_data`) rather than only as an
/// unreadable record.
public enum RejectProblem: String, Hashable, Sendable, Codable {
    /// The record's end comes before its start.
    case endsBeforeStart = "ends_before_start"
    /// The record's job type is missing or not listed in the mapping file.
    case unknownJobType = "unknown_job_type"
}
