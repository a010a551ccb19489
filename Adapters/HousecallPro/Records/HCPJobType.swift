/// A job type (`GET /job_fields/job_types`, and a job's `job_fields.job_type`), or a business
/// unit, which has the same shape (`job_fields.business_unit`).
struct HCPJobType: Decodable, Sendable {
    var id: String?
    var name: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        name = c.lenientText("name")
    }
}
