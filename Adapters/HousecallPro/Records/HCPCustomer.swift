/// A customer, as `GET /customers` lists it and as a job embeds it (the embedded copy has no
/// `addresses`; the job's own `address` is where the work is).
struct HCPCustomer: Decodable, Sendable {
    var id: String?
    var firstName: String?
    var lastName: String?
    var company: String?
    var email: String?
    var mobileNumber: String?
    var homeNumber: String?
    var workNumber: String?
    var createdAt: String?
    var updatedAt: String?
    var addresses: [HCPAddress]?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        firstName = c.lenientText("first_name")
        lastName = c.lenientText("last_name")
        company = c.lenientText("company")
        email = c.lenientText("email")
        mobileNumber = c.lenientText("mobile_number")
        homeNumber = c.lenientText("home_number")
        workNumber = c.lenientText("work_number")
        createdAt = c.lenientText("created_at")
        updatedAt = c.lenientText("updated_at")
        addresses = c.lenientObjects(HCPAddress.self, "addresses")
    }
}
