/// What the scripted Housecall Pro holds; tests change it between requests and runs.
struct FakeData: Sendable {
    var employees: [FakeRecord] = []
    var jobs: [FakeRecord] = []
    var customers: [FakeRecord] = []
    var jobTypes: [FakeRecord] = []

    func records(at path: String) -> (key: String, records: [FakeRecord])? {
        if path.hasSuffix("/job_fields/job_types") { return ("job_types", jobTypes) }
        if path.hasSuffix("/employees") { return ("employees", employees) }
        if path.hasSuffix("/customers") { return ("customers", customers) }
        if path.hasSuffix("/jobs") { return ("jobs", jobs) }
        return nil
    }
}
