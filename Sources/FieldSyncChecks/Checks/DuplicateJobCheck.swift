import FieldSyncCore
import Foundation

/// `duplicate_job`: two open jobs of the same source with the same customer, location and job
/// type whose appointments overlap: the same call booked twice.
public struct DuplicateJobCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.duplicateJob] }

    private struct Key: Hashable {
        var source: Int32
        var customer: String
        var location: String?
        var jobType: String?
    }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        // Each job's open appointments, as a linked list through `next`.
        var first = [Int32](repeating: -1, count: snapshot.jobs.count)
        var next = [Int32](repeating: -1, count: snapshot.appointments.count)
        for (i, a) in snapshot.appointments.enumerated() where a.job >= 0 && a.progress == .open {
            next[i] = first[Int(a.job)]
            first[Int(a.job)] = Int32(i)
        }
        var groups: [Key: [Int32]] = [:]
        for (j, job) in snapshot.jobs.enumerated() where job.isOpen && first[j] >= 0 {
            guard let customer = job.customerExternalID else { continue }
            groups[Key(source: job.source, customer: customer, location: job.locationExternalID, jobType: job.jobType ?? job.vendorJobType), default: []]
                .append(Int32(j))
        }
        func appointments(of j: Int32) -> [Int32] {
            var result: [Int32] = []
            var a = first[Int(j)]
            while a >= 0 {
                result.append(a)
                a = next[Int(a)]
            }
            return result
        }
        for (_, jobs) in groups where jobs.count > 1 {
            for x in 0..<jobs.count {
                for y in (x + 1)..<jobs.count {
                    let ax = appointments(of: jobs[x]), ay = appointments(of: jobs[y])
                    var overlap: (Int32, Int32)?
                    search: for p in ax {
                        for q in ay {
                            let a = snapshot.appointments[Int(p)], b = snapshot.appointments[Int(q)]
                            if a.start < b.end, b.start < a.end {
                                overlap = (p, q)
                                break search
                            }
                        }
                    }
                    guard let (p, q) = overlap else { continue }
                    report(jobs[x], p, jobs[y], q, context: context, into: &findings)
                }
            }
        }
    }

    private func report(_ jx: Int32, _ ax: Int32, _ jy: Int32, _ ay: Int32, context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        let x = snapshot.appointments[Int(ax)], y = snapshot.appointments[Int(ay)]
        // The later one is the repeat.
        let laterFirst = (y.start, snapshot.jobs[Int(jy)].externalID) > (x.start, snapshot.jobs[Int(jx)].externalID)
        let (repeatJob, repeatAppointment, originalJob, originalAppointment) = laterFirst ? (jy, y, jx, x) : (jx, x, jy, y)
        let zone = context.defaultTimeZone(forSource: snapshot.jobs[Int(repeatJob)].source)
        let backend = context.source(snapshot.jobs[Int(repeatJob)].source).backend
        findings.append(
            Finding(
                kind: .duplicateJob, severity: context.severity(.duplicateJob, .warning),
                message:
                    "\(context.label(job: repeatJob).capitalizingFirst) (\(TimeText.span(repeatAppointment.start, repeatAppointment.end, in: zone))) looks like a repeat of \(context.label(job: originalJob)) (\(TimeText.span(originalAppointment.start, originalAppointment.end, in: zone))): same customer, same address, same job type, overlapping times.",
                advice: "If it is the same call, cancel the repeat in \(backend); if the customer really needs two visits, move one so they do not overlap.",
                records: [context.ref(job: repeatJob)!, context.ref(job: originalJob)!],
                range: TimeRange(start: max(x.start, y.start), end: min(x.end, y.end))))
    }
}
