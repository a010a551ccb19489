/// A business unit from `settings/v2/tenant/{tenant}/business-units`
/// (`TenantSettings.V2.BusinessUnitResponse`).
struct STBusinessUnit: Decodable, Sendable {
    var id: STID
    var name: String
    var active: Bool?
    var trade: STNamedReference?
}
