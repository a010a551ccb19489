/// A postal address: a job's service address or one of a customer's addresses.
struct HCPAddress: Decodable, Sendable {
    var id: String?
    /// `service` or `billing`.
    var type: String?
    var street: String?
    var streetLine2: String?
    var city: String?
    var state: String?
    var zip: String?
    var country: String?
    /// Not in the published schema; read when present (`latitude`/`longitude`, or `lat`/`lng`).
    var latitude: Double?
    var longitude: Double?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        type = c.lenientText("type")
        street = c.lenientText("street")
        streetLine2 = c.lenientText("street_line_2")
        city = c.lenientText("city")
        state = c.lenientText("state")
        zip = c.lenientText("zip")
        country = c.lenientText("country")
        latitude = c.lenientDouble("latitude") ?? c.lenientDouble("lat")
        longitude = c.lenientDouble("longitude") ?? c.lenientDouble("lng") ?? c.lenientDouble("lon")
    }
}
