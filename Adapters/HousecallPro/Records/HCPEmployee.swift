/// An employee (a "pro") as `GET /employees` and a job's `assigned_employees` return it.
///
/// Only the fields fieldsync uses; everything is optional and read leniently.
struct HCPEmployee: Decodable, Sendable {
    var id: String?
    var firstName: String?
    var lastName: String?
    var email: String?
    var mobileNumber: String?
    /// `field tech`, `office staff`, `admin` … (free text in the spec).
    var role: String?
    var createdAt: String?
    /// Not in the published schema, but read when a server sends it.
    var updatedAt: String?
    var tags: [String]
    var permissions: HCPPermissions?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        firstName = c.lenientText("first_name")
        lastName = c.lenientText("last_name")
        email = c.lenientText("email")
        mobileNumber = c.lenientText("mobile_number")
        role = c.lenientText("role")
        createdAt = c.lenientText("created_at")
        updatedAt = c.lenientText("updated_at")
        tags = c.lenientStrings("tags") ?? []
        permissions = c.lenientObject(HCPPermissions.self, "permissions")
    }
}
