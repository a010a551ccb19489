/// A service location from `crm/v2/tenant/{tenant}/export/locations`
/// (`Crm.V2.ExportLocationsResponse`).
struct STLocation: Decodable, Sendable {
    var id: STID
    var customerId: STID?
    var name: String?
    var address: STAddress?
    var active: Bool?
    var modifiedOn: String?
}
