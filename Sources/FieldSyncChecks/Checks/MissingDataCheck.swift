import FieldSyncCore
import Foundation

/// `missing_data`: an open job the technician cannot act on: no address to drive to, no phone to
/// confirm by, or a job type the mapping file does not list (so its skills and duration are
/// guesses). Each gap is its own finding, so fixing one resolves it alone.
public struct MissingDataCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.missingData] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        // The mapping of each source, and whether it lists a vendor job type, looked up once.
        let mappings = snapshot.sources.map { context.mappings[$0.name] }
        // Tested per job without copying the mapping (a copy per job was a tenth of this check).
        let mapped = mappings.map { $0 != nil }
        var listed = [[String: Bool]](repeating: [:], count: snapshot.sources.count)
        for j in snapshot.jobs.indices {
            guard snapshot.jobs[j].isOpen else { continue }
            let s = Int(snapshot.jobs[j].source)
            var typeKnown = true
            if mapped[s] {
                if let type = snapshot.jobs[j].vendorJobType {
                    if let known = listed[s][type] {
                        typeKnown = known
                    } else {
                        typeKnown = mappings[s]?.jobType(named: type) != nil
                        listed[s][type] = typeKnown
                    }
                } else {
                    typeKnown = false
                }
            }
            if snapshot.jobs[j].hasAddress, snapshot.jobs[j].hasPhone, typeKnown { continue }
            let job = snapshot.jobs[j]
            let source = context.source(job.source)
            let jobRef = context.ref(job: Int32(j))!
            let label = context.label(job: Int32(j)).capitalizingFirst
            if !job.hasAddress {
                let location = job.locationExternalID.map {
                    RecordRef(backend: source.backend, sourceName: source.name, type: "location", id: $0)
                }
                findings.append(
                    Finding(
                        kind: .missingData, severity: context.severity(.missingData, .warning),
                        message: "\(label) has no service address (no street, city or zip, and no coordinates).",
                        advice: "Add the address to the \(location == nil ? "job" : "customer's location") in \(source.backend) before a technician is sent.",
                        records: (location.map { [$0] } ?? []) + [jobRef], detail: "address"))
            }
            if !job.hasPhone {
                let customer = job.customerExternalID.map {
                    RecordRef(backend: source.backend, sourceName: source.name, type: "customer", id: $0)
                }
                findings.append(
                    Finding(
                        kind: .missingData, severity: context.severity(.missingData, .warning),
                        message: "\(label) has no phone number for the customer, so the visit cannot be confirmed by SMS or call.",
                        advice: "Add a phone number to the customer in \(source.backend).",
                        records: (customer.map { [$0] } ?? []) + [jobRef], detail: "phone"))
            }
            if let mapping = mappings[s] {
                if !typeKnown {
                    let what = job.vendorJobType.map { "job type \"\($0)\", which \(mapping.fileDescription) does not list" }
                        ?? "no job type"
                    findings.append(
                        Finding(
                            kind: .missingData, severity: context.severity(.missingData, .warning),
                            message: "\(label) has \(what); it was given the default rule, so its skills and length are guesses.",
                            advice: job.vendorJobType == nil
                                ? "Set the job's type in \(source.backend)."
                                : "Add \"\(job.vendorJobType!)\" to the job types in \(mapping.fileDescription) with its skills and duration.",
                            records: [jobRef], detail: "job_type"))
                }
            }
        }
    }
}
