/// The person a job is for. Personal data: stored in the cache, never written to logs.
public struct Customer: Hashable, Sendable, Codable {
    public var name: String?
    public var phone: String?
    public var email: String?
    public var address: Location?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil, address: Location? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.address = address
    }
}
