/// The part of an employee's `permissions` that says whether they take work.
struct HCPPermissions: Decodable, Sendable {
    var canBeBookedOnline: Bool?
    var isAdmin: Bool?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        canBeBookedOnline = c.lenientBool("can_be_booked_online")
        isAdmin = c.lenientBool("is_admin")
    }
}
