/// An address as ServiceTitan sends it (technician homes, customers' bill-to addresses,
/// locations).
struct STAddress: Decodable, Sendable {
    var street: String?
    var unit: String?
    var city: String?
    var state: String?
    var zip: String?
    var country: String?
    var latitude: Double?
    var longitude: Double?
}

/// `{ "id": …, "name": … }`, as in a technician's `skills[]` or a business unit's `trade`.
struct STNamedReference: Decodable, Sendable {
    var id: STID?
    var name: String?
}
