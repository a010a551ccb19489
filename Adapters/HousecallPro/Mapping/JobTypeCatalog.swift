/// The company's job types (`GET /job_fields/job_types`), kept in memory for one run: a job
/// whose `job_fields.job_type` carries only an id gets its name from here.
struct JobTypeCatalog: Hashable, Sendable {
    var namesByID: [String: String] = [:]

    func name(forID id: String) -> String? { namesByID[id] }
}
