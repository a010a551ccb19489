import FieldSyncCore

/// An address as the API takes it: `{"street", "city", "state", "zip"}`, with optional
/// coordinates. A zip alone is enough to rank technicians roughly.
public struct APIAddress: Codable, Sendable, Hashable {
    public var street: String?
    public var city: String?
    public var state: String?
    public var zip: String?
    public var country: String?
    public var latitude: Double?
    public var longitude: Double?

    public init(
        street: String? = nil, city: String? = nil, state: String? = nil, zip: String? = nil, country: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.street = street
        self.city = city
        self.state = state
        self.zip = zip
        self.country = country
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The API's form of a location.
    public init(_ location: Location) {
        self.init(
            street: location.street, city: location.city, state: location.region, zip: location.postalCode,
            country: location.country, latitude: location.latitude, longitude: location.longitude)
    }

    public var location: Location {
        Location(
            street: street, city: city, region: state, postalCode: zip, country: country ?? "US", latitude: latitude,
            longitude: longitude)
    }
}
