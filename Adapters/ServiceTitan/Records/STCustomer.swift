/// A customer from `crm/v2/tenant/{tenant}/export/customers` (`Crm.V2.ExportCustomerResponse`).
/// Its phone numbers and e-mail addresses are contacts, read from their own feed.
struct STCustomer: Decodable, Sendable {
    var id: STID
    var name: String?
    var active: Bool?
    /// The bill-to address.
    var address: STAddress?
    var modifiedOn: String?
}
