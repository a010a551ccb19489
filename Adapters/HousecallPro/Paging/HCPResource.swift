/// A Housecall Pro list endpoint that fieldsync reads.
struct HCPResource: Hashable, Sendable {
    /// The path under the API base, e.g. `/jobs`.
    var path: String
    /// The member of the answer that holds the list (`jobs`).
    var listKey: String
    /// The name used for progress, failures and rejects' ``FieldSyncCore/RejectedRecord/part``.
    var part: String
    /// What one record is, for ``FieldSyncCore/RejectedRecord/recordKind``.
    var recordKind: String

    static let jobTypes = HCPResource(path: "/job_fields/job_types", listKey: "job_types", part: "job_types", recordKind: "job_type")
    static let employees = HCPResource(path: "/employees", listKey: "employees", part: "employees", recordKind: "employee")
    static let customers = HCPResource(path: "/customers", listKey: "customers", part: "customers", recordKind: "customer")
    static let jobs = HCPResource(path: "/jobs", listKey: "jobs", part: "jobs", recordKind: "job")
}
