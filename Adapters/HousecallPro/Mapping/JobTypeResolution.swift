import FieldSyncCore

/// What the mapping file makes of a job's Housecall Pro job type.
enum JobTypeResolution: Hashable, Sendable {
    /// The file lists the type.
    case mapped(BackendMapping.JobTypeRule)
    /// The file does not list the type (or the job has none), and says to use its default rule.
    case defaulted(BackendMapping.JobTypeRule)
    /// The file does not list the type (or the job has none), and says to quarantine such jobs.
    case quarantined(reason: String)

    /// Resolves `name` (nil: the job has no job type) against `mapping`.
    static func resolve(_ name: String?, in mapping: BackendMapping) -> JobTypeResolution {
        if let name, let rule = mapping.jobType(named: name) { return .mapped(rule) }
        switch mapping.unmappedJobType {
        case .useDefault(let rule):
            return .defaulted(rule)
        case .quarantine:
            let file = mapping.fileDescription
            if let name {
                return .quarantined(
                    reason: "job type \"\(name)\" is not in \(file); add it to the job types there "
                        + "(or give unmapped job types a default rule) and sync again")
            }
            return .quarantined(
                reason: "the job has no job type in Housecall Pro and \(file) quarantines jobs without a known type; "
                    + "set the job's type in Housecall Pro or give unmapped job types a default rule in \(file)")
        }
    }
}
