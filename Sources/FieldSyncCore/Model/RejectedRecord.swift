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

    public init(
        backend: String, source: String, recordKind: String, externalID: String? = nil, reason: String,
        location: String? = nil, part: String? = nil, rawPayload: String
    ) {
        self.backend = backend
        self.source = source
        self.recordKind = recordKind
        self.externalID = externalID
        self.reason = reason
        self.location = location
        self.part = part
        self.rawPayload = rawPayload
    }
}
