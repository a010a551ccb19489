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
        // (By index, reading two fields: iterating the elements would copy each appointment.)
        for i in snapshot.appointments.indices where snapshot.appointments[i].job >= 0 && snapshot.appointments[i].progress == .open {
            let job = Int(snapshot.appointments[i].job)
            next[i] = first[job]
            first[job] = Int32(i)
        }
        // Jobs by a 64-bit hash of their key, sorted so that jobs with the same hash sit side by
        // side. A radix sort makes sequential passes over one flat array; a dictionary of a
        // million jobs took a cache miss per job.
        var keyed: [Keyed] = []
        keyed.reserveCapacity(snapshot.jobs.count)
        for j in snapshot.jobs.indices where first[j] >= 0 && snapshot.jobs[j].isOpen {
            guard let customer = snapshot.jobs[j].customerExternalID else { continue }
            let h = Self.hash(
                snapshot.jobs[j].source, customer, snapshot.jobs[j].locationExternalID,
                snapshot.jobs[j].jobType ?? snapshot.jobs[j].vendorJobType)
            keyed.append(Keyed(hash: h, job: Int32(j)))
        }
        Self.sortByHash(&keyed)
        func sameKey(_ x: Int32, _ y: Int32) -> Bool {
            let a = snapshot.jobs[Int(x)], b = snapshot.jobs[Int(y)]
            return a.source == b.source && a.customerExternalID == b.customerExternalID
                && a.locationExternalID == b.locationExternalID && (a.jobType ?? a.vendorJobType) == (b.jobType ?? b.vendorJobType)
        }
        // Within a bucket (nearly always two jobs), every pair with the same key whose open
        // appointments overlap, walking the linked lists without copying them.
        var bucket: [Int32] = []
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].hash == keyed[start].hash { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            // In job order (the sort is stable).
            bucket.removeAll(keepingCapacity: true)
            for k in start..<end { bucket.append(keyed[k].job) }
            for x in 0..<bucket.count {
                for y in (x + 1)..<bucket.count where sameKey(bucket[x], bucket[y]) {
                    var overlap: (Int32, Int32)?
                    var p = first[Int(bucket[x])]
                    search: while p >= 0 {
                        var q = first[Int(bucket[y])]
                        while q >= 0 {
                            let a = snapshot.appointments[Int(p)], b = snapshot.appointments[Int(q)]
                            if a.start < b.end, b.start < a.end {
                                overlap = (p, q)
                                break search
                            }
                            q = next[Int(q)]
                        }
                        p = next[Int(p)]
                    }
                    guard let (p, q) = overlap else { continue }
                    report(bucket[x], p, bucket[y], q, context: context, into: &findings)
                }
            }
        }
    }

    /// A job's key as a 64-bit hash, with the job's position.
    private struct Keyed {
        var hash: UInt64
        var job: Int32
    }

    /// Sorts by hash, stably (jobs keep their order within equal hashes): least significant
    /// byte first, one counting pass per byte.
    private static func sortByHash(_ items: inout [Keyed]) {
        guard items.count > 1 else { return }
        var scratch = items
        items.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                var counts = [Int](repeating: 0, count: 256)
                var from = a
                var to = b
                for shift in stride(from: UInt64(0), to: 64, by: 8) {
                    for i in 0..<256 { counts[i] = 0 }
                    for item in from { counts[Int(truncatingIfNeeded: (item.hash >> shift) & 0xFF)] += 1 }
                    var total = 0
                    for i in 0..<256 {
                        let c = counts[i]
                        counts[i] = total
                        total += c
                    }
                    for item in from {
                        let digit = Int(truncatingIfNeeded: (item.hash >> shift) & 0xFF)
                        to[counts[digit]] = item
                        counts[digit] += 1
                    }
                    swap(&from, &to)
                }
                // Eight passes: the sorted items are back in `a`.
            }
        }
    }

    /// FNV-1a over the key's parts, with a separator after each.
    private static func hash(_ source: Int32, _ customer: String, _ location: String?, _ jobType: String?) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for shift in stride(from: 0, to: 32, by: 8) { mix(UInt8(truncatingIfNeeded: source >> shift)) }
        for byte in customer.utf8 { mix(byte) }
        mix(0x1f)
        if let location { for byte in location.utf8 { mix(byte) } } else { mix(0x1e) }
        mix(0x1f)
        if let jobType { for byte in jobType.utf8 { mix(byte) } } else { mix(0x1e) }
        return h
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
