/// A job from `jpm/v2/tenant/{tenant}/export/jobs` (`Jpm.V2.ExportJobsResponse`).
struct STJob: Decodable, Sendable {
    var id: STID
    var jobNumber: String?
    var customerId: STID?
    var locationId: STID?
    var jobStatus: String
    var businessUnitId: STID?
    var jobTypeId: STID?
    var priority: String?
    /// HTML.
    var summary: String?
    var active: Bool?
    var modifiedOn: String?
}
