import FieldSyncCore

extension RecordMapper {
    /// Jobs; a deactivated one is a tombstone.
    ///
    /// The job type's name (from the tenant's job types) picks the mapping's rule: normalized
    /// type, required skills, trade and urgency. A type the mapping does not list is rejected
    /// (`quarantine`) or takes the default rule with a note (`useDefault`). The status goes
    /// through the mapping too, and an unmapped one is rejected. Trade falls back to the business
    /// unit's, urgency to the job's priority. The summary arrives as HTML and is kept as text.
    func jobs(_ records: [RawRecord], into builder: inout PageBuilder) {
        var defaulted: [String: Int] = [:]
        for raw in records {
            guard let record = builder.decode(STJob.self, raw) else { continue }
            let id = record.id.value
            if record.active == false {
                builder.tombstone(.jobs, id, version: record.modifiedOn)
                continue
            }
            guard let jobTypeID = record.jobTypeId else {
                builder.reject(raw, id: id, .missingJobType)
                continue
            }
            guard let jobType = reference.jobTypes[jobTypeID] else {
                builder.reject(raw, id: id, .unknownJobTypeID(jobTypeID.value))
                continue
            }
            let rule: BackendMapping.JobTypeRule
            if let listed = mapping.jobType(named: jobType.name) {
                rule = listed
            } else {
                switch mapping.unmappedJobType {
                case .quarantine:
                    builder.reject(raw, id: id, .unmappedJobType(name: jobType.name, mappingFile: mapping.fileDescription))
                    continue
                case .useDefault(let fallback):
                    rule = fallback
                    defaulted[jobType.name, default: 0] += 1
                }
            }
            guard let status = mapping.jobStatus(record.jobStatus) else {
                builder.reject(raw, id: id, .unmappedJobStatus(record.jobStatus, mappingFile: mapping.fileDescription))
                continue
            }
            let businessUnit = record.businessUnitId.flatMap { reference.businessUnits[$0] }
            builder.batch.jobs.append(
                Job(
                    customer: Customer(), jobType: rule.jobType, requiredSkills: rule.skills,
                    urgency: rule.urgency ?? record.priority.flatMap { mapping.urgency(priority: $0) }, status: status,
                    summary: record.summary.map(HTMLText.plain).flatMap(Self.nonEmpty),
                    customerExternalID: record.customerId?.value, locationExternalID: record.locationId?.value,
                    trade: rule.trade ?? businessUnit.flatMap { mapping.trade(businessUnit: $0.name) },
                    vendorJobType: jobType.name, number: Self.nonEmpty(record.jobNumber),
                    source: sourceRef(id, version: record.modifiedOn)))
        }
        for (name, count) in defaulted.sorted(by: { $0.key < $1.key }) {
            builder.note(
                "\(count) job(s) of type \"\(name)\", which \(mapping.fileDescription) does not list, were kept with the default rule for unmapped job types")
        }
    }
}
