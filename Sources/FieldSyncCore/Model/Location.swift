/// A place: a customer's address or a technician's home base. Any part may be missing; a
/// postal code alone is enough to rank technicians roughly.
public struct Location: Hashable, Sendable, Codable {
    public var street: String?
    public var city: String?
    public var region: String?
    public var postalCode: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        street: String? = nil, city: String? = nil, region: String? = nil, postalCode: String? = nil,
        country: String? = nil, latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.street = street
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
    }
}
