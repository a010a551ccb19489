/// A job type from `jpm/v2/tenant/{tenant}/job-types` (`Jpm.V2.JobTypeResponse`).
struct STJobType: Decodable, Sendable {
    var id: STID
    var name: String
    var active: Bool?
}
