/// Everything one ``SourceAdapter/pull(_:)`` produced.
public struct PullBatch: Sendable {
    public var technicians: [Technician] = []
    public var availability: [AvailabilityWindow] = []
    public var jobs: [Job] = []
    public var appointments: [Appointment] = []
    /// Technician assignments kept apart from their appointments (ServiceTitan; see
    /// ``Appointment/assignedSeparately``).
    public var assignments: [AppointmentAssignment] = []
    public var customers: [CustomerRecord] = []
    public var locations: [ServiceLocation] = []
    /// Records the backend reports deleted or deactivated.
    public var tombstones: [Tombstone] = []
    /// Complete passes that ended with this batch: what they did not see is gone.
    public var sweeps: [Sweep] = []
    /// Records that could not be read, with their reasons and raw payloads.
    public var rejects: [RejectedRecord] = []
    /// The spans this batch covers completely: cached windows inside one that the batch does not
    /// contain are gone at the source and may be removed.
    public var coverage: [AvailabilityCoverage] = []
    /// Everything this source is configured to hold, when the adapter knows it: cached rows of
    /// the source outside it (a feed or technician removed from the configuration) are gone.
    public var inventory: SourceInventory?
    /// Parts (feeds) read completely this time: their earlier rejects not seen again are fixed.
    public var completeParts: Set<String> = []
    /// Cursors to save for the next run; keys not mentioned keep their saved value.
    public var cursors: [SourceCursor] = []
    /// Parts of the source that could not be read this time (one feed of several, one resource).
    public var failures: [SourceFailure] = []
    /// Things an operator should know that are not failures (a feed unchanged since last time,
    /// a time zone guessed from the calendar's default).
    public var notes: [String] = []

    public init() {}
}

/// A span of one technician's schedule that a batch read completely from one source (or from
/// one part of it: one feed of several).
public struct AvailabilityCoverage: Hashable, Sendable {
    public var technicianID: String
    public var range: TimeRange
    /// When set, only cached windows whose external id starts with this are covered (the
    /// windows of one feed, when a technician has several and another one failed).
    public var externalIDPrefix: String?
    /// External ids (or prefixes of them, ending in `/`) whose cached windows must be kept even
    /// though the batch lacks them: records quarantined this time are not taken as deleted.
    public var retainedExternalIDPrefixes: Set<String>

    public init(
        technicianID: String, range: TimeRange, externalIDPrefix: String? = nil,
        retainedExternalIDPrefixes: Set<String> = []
    ) {
        self.technicianID = technicianID
        self.range = range
        self.externalIDPrefix = externalIDPrefix
        self.retainedExternalIDPrefixes = retainedExternalIDPrefixes
    }

    /// Whether a cached window with this external id is inside this coverage's scope.
    public func scopes(externalID: String) -> Bool {
        externalIDPrefix.map { externalID.hasPrefix($0) } ?? true
    }

    /// Whether a cached window with this external id must be kept although the batch lacks it.
    public func retains(externalID: String) -> Bool {
        retainedExternalIDPrefixes.contains { externalID == $0 || ($0.hasSuffix("/") && externalID.hasPrefix($0)) }
    }
}

/// One part of a source that failed, with a message fit for an operator (no secrets).
public struct SourceFailure: Hashable, Sendable, Codable {
    /// What failed: a feed name, a resource such as `technicians`.
    public var part: String
    public var message: String
    /// True when trying again later may succeed (timeouts, 5xx, 429).
    public var isTransient: Bool

    public init(part: String, message: String, isTransient: Bool) {
        self.part = part
        self.message = message
        self.isTransient = isTransient
    }
}

/// What a source is configured to hold: its technicians, and the external-id prefixes of its
/// parts (one per feed). Cached windows of the source outside it belong to a part that was
/// removed or renamed, and technicians outside it are no longer the source's.
public struct SourceInventory: Hashable, Sendable {
    public var technicianIDs: Set<String>
    public var externalIDPrefixes: Set<String>
    /// Technicians the source holds windows for but does not define (another source does): a
    /// technician this source used to define and now only refers to is handed over.
    public var referencedTechnicianIDs: Set<String>

    public init(technicianIDs: Set<String>, externalIDPrefixes: Set<String>, referencedTechnicianIDs: Set<String> = []) {
        self.technicianIDs = technicianIDs
        self.externalIDPrefixes = externalIDPrefixes
        self.referencedTechnicianIDs = referencedTechnicianIDs
    }

    /// Whether a cached window with this technician and external id still belongs here.
    public func holds(technicianID: String, externalID: String) -> Bool {
        technicianIDs.contains(technicianID) && externalIDPrefixes.contains { externalID.hasPrefix($0) }
    }
}
