/// A job's `job_fields`.
struct HCPJobFields: Decodable, Sendable {
    var jobType: HCPJobType?
    var businessUnit: HCPJobType?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        jobType = c.lenientObject(HCPJobType.self, "job_type")
        businessUnit = c.lenientObject(HCPJobType.self, "business_unit")
    }
}
