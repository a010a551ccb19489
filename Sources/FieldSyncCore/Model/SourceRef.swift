/// Where a normalized record came from: the provenance every cached row carries.
///
/// `backend` is the kind of system (`icalendar`, `servicetitan`), `source` the configured
/// connection it was read through (a shop may have two calendars or two tenants), `externalID`
/// the record's id over there, `remoteVersion` whatever the backend offers to tell versions apart
/// (`modifiedOn`, an ETag, iCalendar `SEQUENCE`/`LAST-MODIFIED`).
public struct SourceRef: Hashable, Sendable, Codable, CustomStringConvertible {
    public var backend: String
    public var source: String
    public var externalID: String
    public var remoteVersion: String?

    public init(backend: String, source: String, externalID: String, remoteVersion: String? = nil) {
        self.backend = backend
        self.source = source
        self.externalID = externalID
        self.remoteVersion = remoteVersion
    }

    public var description: String { "\(source)/\(externalID)" }
}
