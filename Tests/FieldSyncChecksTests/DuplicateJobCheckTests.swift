import FieldSyncChecks
import FieldSyncCore
import Foundation
import Testing

@Suite("duplicate_job: the same call booked twice")
struct DuplicateJobCheckTests {
    private func duplicates(_ b: SnapshotBuilder) -> [Finding] {
        b.findings(only: [DuplicateJobCheck()])
    }

    @Test("three bookings of one call at overlapping times are three pairs, each reported once")
    func threeBookings() {
        var b = SnapshotBuilder()
        let jobs = ["700001", "700002", "700003"].map { b.job($0, customer: "400083", location: "500101", jobType: "gas.leak") }
        b.appointment("a1", "2026-11-27 08:00", "2026-11-27 10:00", job: jobs[0])
        b.appointment("a2", "2026-11-27 08:30", "2026-11-27 10:30", job: jobs[1])
        b.appointment("a3", "2026-11-27 09:00", "2026-11-27 11:00", job: jobs[2])
        let pairs = duplicates(b).map { $0.records.map(\.id) }
        #expect(Set(pairs.map { Set($0) }) == [["700001", "700002"], ["700001", "700003"], ["700002", "700003"]])
        #expect(pairs.count == 3)
        // The later-starting job is the repeat, named first.
        #expect(pairs.contains(["700003", "700001"]))
    }

    @Test("two jobs with several overlapping visits are one finding, at the overlap that starts first")
    func severalVisits() {
        var b = SnapshotBuilder()
        let x = b.job("700010", customer: "400090", location: "500200", jobType: "hvac.no_heat")
        let y = b.job("700011", customer: "400090", location: "500200", jobType: "hvac.no_heat")
        b.appointment("x1", "2026-11-27 08:00", "2026-11-27 10:00", job: x)
        b.appointment("y1", "2026-11-27 09:00", "2026-11-27 11:00", job: y)
        b.appointment("x2", "2026-11-28 13:00", "2026-11-28 15:00", job: x)
        b.appointment("y2", "2026-11-28 14:00", "2026-11-28 16:00", job: y)
        let findings = duplicates(b)
        #expect(findings.count == 1)
        #expect(findings.first?.range == TimeRange(start: b.at("2026-11-27 09:00"), end: b.at("2026-11-27 10:00")))
        #expect(findings.first?.message.contains("Fri Nov 27 09:00–11:00 CST") == true)
    }

    @Test("one job's own overlapping visits, closed jobs, cancelled or finished visits and jobs without a customer are not duplicates")
    func notDuplicates() {
        var b = SnapshotBuilder()
        let crewJob = b.job("700020", customer: "400100", location: "500300", jobType: "plumbing.burst_pipe")
        b.appointment("c1", "2026-11-27 08:00", "2026-11-27 10:00", job: crewJob)
        b.appointment("c2", "2026-11-27 08:00", "2026-11-27 10:00", job: crewJob)
        let closed = b.job("700021", customer: "400100", location: "500300", jobType: "plumbing.burst_pipe", open: false)
        b.appointment("d1", "2026-11-27 08:30", "2026-11-27 09:30", job: closed)
        let cancelled = b.job("700022", customer: "400100", location: "500300", jobType: "plumbing.burst_pipe")
        b.appointment("e1", "2026-11-27 08:30", "2026-11-27 09:30", job: cancelled, progress: .cancelled)
        let finished = b.job("700023", customer: "400100", location: "500300", jobType: "plumbing.burst_pipe")
        b.appointment("f1", "2026-11-27 08:30", "2026-11-27 09:30", job: finished, progress: .done)
        let walkIn1 = b.job("700024", customer: nil, location: "500300", jobType: "plumbing.burst_pipe")
        let walkIn2 = b.job("700025", customer: nil, location: "500300", jobType: "plumbing.burst_pipe")
        b.appointment("g1", "2026-11-27 08:30", "2026-11-27 09:30", job: walkIn1)
        b.appointment("g2", "2026-11-27 08:30", "2026-11-27 09:30", job: walkIn2)
        #expect(duplicates(b).isEmpty)
    }

    @Test("visits that touch are not a duplicate; half a second of overlap is")
    func touchingAndBarelyOverlapping() {
        var b = SnapshotBuilder()
        let x = b.job("700030", customer: "400110", location: "500400", jobType: "electrical.outlet_repair")
        let y = b.job("700031", customer: "400110", location: "500400", jobType: "electrical.outlet_repair")
        b.appointment("x1", "2026-11-27 08:00", "2026-11-27 09:00", job: x)
        b.appointment("y1", "2026-11-27 09:00", "2026-11-27 10:00", job: y)
        #expect(duplicates(b).isEmpty)

        b.snapshot.appointments[1].start = b.at("2026-11-27 09:00").addingTimeInterval(-0.5)
        #expect(duplicates(b).map { $0.records.map(\.id) } == [["700031", "700030"]])
    }

    @Test("another source, customer, location or job type is another call; the backend's job type stands in when the mapped one is missing")
    func keyParts() {
        var b = SnapshotBuilder()
        let other = b.snapshot.sourceIndex(name: "denver-hcp", backend: "housecallpro", timeZone: "America/Denver")
        let base = b.job("700040", customer: "400120", location: "500500", jobType: "hvac.no_heat")
        let variants = [
            b.job("700041", customer: "400120", location: "500500", jobType: "hvac.no_heat", source: other),
            b.job("700042", customer: "400121", location: "500500", jobType: "hvac.no_heat"),
            b.job("700043", customer: "400120", location: "500501", jobType: "hvac.no_heat"),
            b.job("700044", customer: "400120", location: "500500", jobType: "hvac.tune_up"),
            b.job("700045", customer: "400120", location: nil, jobType: "hvac.no_heat"),
        ]
        b.appointment("b1", "2026-11-27 08:00", "2026-11-27 10:00", job: base)
        for (i, job) in variants.enumerated() { b.appointment("v\(i)", "2026-11-27 08:30", "2026-11-27 09:30", job: job) }
        #expect(duplicates(b).isEmpty)

        let unmappedA = b.job("700046", customer: "400130", location: "500600", jobType: nil, vendorJobType: "Leak Check")
        let unmappedB = b.job("700047", customer: "400130", location: "500600", jobType: nil, vendorJobType: "Leak Check")
        let unmappedC = b.job("700048", customer: "400130", location: "500600", jobType: nil, vendorJobType: "Drain Clean")
        b.appointment("u1", "2026-11-27 13:00", "2026-11-27 14:00", job: unmappedA)
        b.appointment("u2", "2026-11-27 13:30", "2026-11-27 14:30", job: unmappedB)
        b.appointment("u3", "2026-11-27 13:30", "2026-11-27 14:30", job: unmappedC)
        #expect(duplicates(b).map { $0.records.map(\.id) } == [["700047", "700046"]])
    }

    @Test("a customer with many visits of one kind over the weeks has only the overlapping pair reported")
    func manyVisits() {
        var b = SnapshotBuilder()
        for week in 0..<40 {
            let job = b.job("71\(String(format: "%04d", week))", customer: "400140", location: "500700", jobType: "hvac.tune_up")
            let day = 2 + week % 25
            b.appointment("w\(week)", "2026-12-\(String(format: "%02d", day)) \(8 + week / 25 * 3):00", "2026-12-\(String(format: "%02d", day)) \(9 + week / 25 * 3):00", job: job)
        }
        let repeated = b.job("719999", customer: "400140", location: "500700", jobType: "hvac.tune_up")
        b.appointment("r", "2026-12-05 08:30", "2026-12-05 09:30", job: repeated)
        #expect(duplicates(b).map { $0.records.map(\.id) } == [["719999", "710003"]])
    }
}
