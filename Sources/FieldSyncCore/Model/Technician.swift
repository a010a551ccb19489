/// A person who can be sent to a job.
public struct Technician: Hashable, Sendable, Codable {
    /// The stable local id fieldsync uses everywhere (`alice-nguyen`, or one derived from the backend).
    public var id: String
    public var name: String
    public var phone: String?
    public var email: String?
    /// Normalized skill codes (see `Mappings/`).
    public var skills: [String]
    public var homeBase: Location?
    /// IANA zone the technician works in, when known.
    public var timeZone: String?
    public var active: Bool
    /// Jobs a day the technician can take, when the shop says.
    public var dailyCapacity: Int?
    /// Normalized names of the service zones the technician covers (ServiceTitan zones).
    public var zones: [String]
    public var source: SourceRef

    public init(
        id: String, name: String, phone: String? = nil, email: String? = nil, skills: [String] = [],
        homeBase: Location? = nil, timeZone: String? = nil, active: Bool = true, dailyCapacity: Int? = nil,
        zones: [String] = [], source: SourceRef
    ) {
        self.zones = zones
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.skills = skills
        self.homeBase = homeBase
        self.timeZone = timeZone
        self.active = active
        self.dailyCapacity = dailyCapacity
        self.source = source
    }
}
