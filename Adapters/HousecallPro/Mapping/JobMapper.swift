import FieldSyncCore

/// Housecall Pro jobs → jobs and their appointments.
///
/// - Job type: `job_fields.job_type.name` (or its id looked up in the company's job types)
///   through the mapping file; a type the file does not list, or no type at all, is quarantined
///   or given the default rule, as the file says.
/// - Status: `work_status` through the file's job statuses; one it does not list rejects the job.
///   The appointments take the file's appointment status for the same `work_status`, else one
///   derived from the job's normalized status.
/// - Trade: the job type's rule, else the business unit through the file's business units.
/// - Customer: the embedded customer with the job's `address` (the service address).
/// - A job with `deleted_at` is a tombstone, for the job and its appointments.
struct JobMapper: Sendable {
    /// Which jobs got the default rule, for the run's notes.
    enum DefaultedJobType: Hashable, Sendable {
        case unlisted(String)
        case missing
    }

    struct Outcome: Sendable {
        var job: Job?
        var appointments: [Appointment] = []
        var tombstones: [Tombstone] = []
        var problems: [MappingProblem] = []
        var defaulted: DefaultedJobType?
    }

    let backend: String
    let sourceName: String
    let mapping: BackendMapping
    let jobTypes: JobTypeCatalog
    let appointments: AppointmentMapper

    func map(_ hcp: HCPJob) -> Outcome {
        var outcome = Outcome()
        guard let id = hcp.id else {
            outcome.problems.append(MappingProblem(recordKind: "job", externalID: nil, reason: "the job has no id"))
            return outcome
        }
        if hcp.deletedAt != nil {
            outcome.tombstones.append(Tombstone(entity: .jobs, externalID: id, remoteVersion: hcp.updatedAt ?? hcp.deletedAt))
            for appointmentID in AppointmentMapper.appointmentIDs(of: hcp, jobID: id) {
                outcome.tombstones.append(
                    Tombstone(entity: .appointments, externalID: appointmentID, remoteVersion: hcp.updatedAt ?? hcp.deletedAt))
            }
            return outcome
        }
        guard let workStatus = hcp.workStatus else {
            outcome.problems.append(MappingProblem(recordKind: "job", externalID: id, reason: "the job has no work_status"))
            return outcome
        }
        guard let status = mapping.jobStatus(workStatus) else {
            outcome.problems.append(
                MappingProblem(
                    recordKind: "job", externalID: id,
                    reason: "work status \"\(workStatus)\" is not in \(mapping.fileDescription); add it to the job statuses there and sync again"))
            return outcome
        }
        let typeName = hcp.jobType?.name ?? hcp.jobType?.id.flatMap(jobTypes.name(forID:))
        let rule: BackendMapping.JobTypeRule
        switch JobTypeResolution.resolve(typeName, in: mapping) {
        case .mapped(let mapped):
            rule = mapped
        case .defaulted(let fallback):
            rule = fallback
            outcome.defaulted = typeName.map(DefaultedJobType.unlisted) ?? .missing
        case .quarantined(let reason):
            outcome.problems.append(
                MappingProblem(recordKind: "job", externalID: id, reason: reason, problem: .unknownJobType))
            return outcome
        }
        let address = hcp.address?.location
        let customer = hcp.customer?.contact(address: address) ?? Customer(address: address)
        outcome.job = Job(
            customer: customer, jobType: rule.jobType, requiredSkills: rule.skills, urgency: rule.urgency, status: status,
            summary: hcp.description, customerExternalID: hcp.customer?.id, locationExternalID: hcp.address?.id,
            trade: rule.trade ?? hcp.businessUnit?.name.flatMap(mapping.trade(businessUnit:)), vendorJobType: typeName,
            number: hcp.invoiceNumber,
            source: SourceRef(backend: backend, source: sourceName, externalID: id, remoteVersion: hcp.updatedAt))
        let visits = appointments.appointments(
            of: hcp, jobID: id,
            status: mapping.appointmentStatus(workStatus) ?? Self.appointmentStatus(forJobStatus: status),
            durationMinutes: rule.durationMinutes)
        outcome.appointments = visits.appointments
        outcome.job?.appointmentsComplete = true
        outcome.problems += visits.problems
        return outcome
    }

    /// The appointment status that goes with a normalized job status, when the file does not
    /// map the `work_status` for appointments.
    static func appointmentStatus(forJobStatus status: String) -> String {
        switch status {
        case "in_progress": "working"
        case "completed": "done"
        case "cancelled": "cancelled"
        case "on_hold": "on_hold"
        default: "scheduled"
        }
    }
}
