import FieldSyncCore
import Foundation

/// `duplicate_job`: two open jobs of the same source with the same customer, location and job
/// type whose appointments overlap: the same call booked twice.
///
/// Each open appointment of an open job becomes a 16-byte ``Visit``: a hash of its job's key and
/// its times in whole seconds. The visits are sorted by hash, so that jobs that may share a key
/// sit side by side, and each run of equal hashes is swept in start order. Only the pairs that
/// overlap there are read from the snapshot again, to compare the exact times and the keys
/// themselves. (Grouping a million jobs by their strings took a cache miss per job; the sort
/// makes sequential passes over one flat array.)
public struct DuplicateJobCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.duplicateJob] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        var visits = Self.visits(snapshot)
        Self.sortByHash(&visits)
        // A pair of jobs is reported once, at the overlap that starts first.
        var reported = Set<UInt64>()
        var start = 0
        while start < visits.count {
            var end = start + 1
            while end < visits.count && visits[end].hash == visits[start].hash { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            visits[start..<end].sort { ($0.start, $0.appointment) < ($1.start, $1.appointment) }
            for x in start..<end {
                var y = x + 1
                // In start order: once a visit starts after x ends, so do all the ones after it.
                while y < end && visits[y].start <= visits[x].end {
                    defer { y += 1 }
                    guard visits[x].start <= visits[y].end else { continue }
                    let p = visits[x].appointment, q = visits[y].appointment
                    let a = snapshot.appointments[Int(p)], b = snapshot.appointments[Int(q)]
                    guard a.job != b.job, a.start < b.end, b.start < a.end, Self.sameKey(snapshot.jobs[Int(a.job)], snapshot.jobs[Int(b.job)])
                    else { continue }
                    let pair = UInt64(UInt32(min(a.job, b.job))) << 32 | UInt64(UInt32(max(a.job, b.job)))
                    guard reported.insert(pair).inserted else { continue }
                    report(a.job, p, b.job, q, context: context, into: &findings)
                }
            }
        }
    }

    /// One open appointment of a job that may have a duplicate: its job's key hash, and its times
    /// in whole seconds from the snapshot's time, rounded outwards (so two visits whose exact
    /// times overlap always overlap here too).
    struct Visit {
        var hash: UInt32
        var start: Int32
        var end: Int32
        var appointment: Int32
    }

    /// The visits in appointment order.
    static func visits(_ snapshot: ScheduleSnapshot) -> [Visit] {
        let jobs = snapshot.jobs
        // Each open job's key hash; 0 for a job that cannot be a duplicate (closed, no customer).
        var keyHash = [UInt32](repeating: 0, count: jobs.count)
        for j in jobs.indices where jobs[j].isOpen {
            guard let customer = jobs[j].customerExternalID else { continue }
            var hasher = KeyHasher(jobs[j].source)
            hasher.add(customer)
            hasher.add(jobs[j].locationExternalID)
            hasher.add(jobs[j].jobType ?? jobs[j].vendorJobType)
            keyHash[j] = max(1, hasher.value)
        }
        let base = snapshot.asOf.timeIntervalSinceReferenceDate.rounded(.down)
        func seconds(_ s: Double) -> Int32 {
            s.isNaN ? 0 : Int32(max(Double(Int32.min), min(Double(Int32.max), s)))
        }
        var visits: [Visit] = []
        let appointments = snapshot.appointments
        visits.reserveCapacity(appointments.count)
        for i in appointments.indices where appointments[i].progress == .open && appointments[i].job >= 0 {
            let hash = keyHash[Int(appointments[i].job)]
            guard hash != 0 else { continue }
            visits.append(
                Visit(
                    hash: hash, start: seconds((appointments[i].start.timeIntervalSinceReferenceDate - base).rounded(.down)),
                    end: seconds((appointments[i].end.timeIntervalSinceReferenceDate - base).rounded(.up)), appointment: Int32(i)))
        }
        return visits
    }

    /// Whether two jobs have the same key: source, customer, location and job type.
    static func sameKey(_ a: ScheduleSnapshot.Job, _ b: ScheduleSnapshot.Job) -> Bool {
        a.source == b.source && a.customerExternalID == b.customerExternalID && a.locationExternalID == b.locationExternalID
            && (a.jobType ?? a.vendorJobType) == (b.jobType ?? b.vendorJobType)
    }

    /// Sorts by hash, stably (visits keep their order within equal hashes): eleven bits at a
    /// time, least significant first, one counting pass each.
    static func sortByHash(_ items: inout [Visit]) {
        guard items.count > 1 else { return }
        var scratch = items
        items.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                var counts = [Int](repeating: 0, count: 2048)
                var from = a
                var to = b
                for shift in [UInt32(0), 11, 22] {
                    for i in counts.indices { counts[i] = 0 }
                    for item in from { counts[Int(truncatingIfNeeded: (item.hash >> shift) & 0x7FF)] += 1 }
                    var total = 0
                    for i in counts.indices {
                        let c = counts[i]
                        counts[i] = total
                        total += c
                    }
                    for item in from {
                        let digit = Int(truncatingIfNeeded: (item.hash >> shift) & 0x7FF)
                        to[counts[digit]] = item
                        counts[digit] += 1
                    }
                    swap(&from, &to)
                }
                // Three passes: the sorted items are in `b`.
                _ = a.update(fromContentsOf: b)
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
                    "\(context.label(job: repeatJob).capitalizingFirst) (\(context.when(repeatAppointment.start, repeatAppointment.end, in: zone))) looks like a repeat of \(context.label(job: originalJob)) (\(context.when(originalAppointment.start, originalAppointment.end, in: zone))): same customer, same address, same job type, overlapping times.",
                advice: "If it is the same call, cancel the repeat in \(backend); if the customer really needs two visits, move one so they do not overlap.",
                records: [context.ref(job: repeatJob)!, context.ref(job: originalJob)!],
                range: TimeRange(start: max(x.start, y.start), end: min(x.end, y.end))))
    }
}
