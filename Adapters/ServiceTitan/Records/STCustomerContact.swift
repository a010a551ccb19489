/// One phone number or e-mail address of a customer, from
/// `crm/v2/tenant/{tenant}/export/customers/contacts` (`Crm.V2.ExportCustomerContactResponse`).
struct STCustomerContact: Decodable, Sendable {
    var id: STID
    var customerId: STID
    /// `Phone`, `MobilePhone`, `Email` or `Fax`.
    var type: String
    var value: String?
    var active: Bool?
    var modifiedOn: String?
}
