/// One record a finding involves, named by the vendor's own id so an operator can open it in the
/// field-service tool.
public struct RecordRef: Sendable, Hashable, Codable, Comparable {
    /// The backend (`servicetitan`, `housecallpro`, `icalendar`): the `source` field of the JSON.
    public var backend: String
    /// The configured source it was synced from (`lakeshore-st`).
    public var sourceName: String
    /// `appointment`, `job`, `location`, `customer`, `technician`, `shift`, `time_off`, `event`,
    /// `non_job_appointment`.
    public var type: String
    /// The vendor's id.
    public var id: String

    public init(backend: String, sourceName: String, type: String, id: String) {
        self.backend = backend
        self.sourceName = sourceName
        self.type = type
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case backend = "source"
        case sourceName = "source_name"
        case type
        case id
    }

    public static func < (lhs: RecordRef, rhs: RecordRef) -> Bool {
        (lhs.sourceName, lhs.type, lhs.id) < (rhs.sourceName, rhs.type, rhs.id)
    }
}
