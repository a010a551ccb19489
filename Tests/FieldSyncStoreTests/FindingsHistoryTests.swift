import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Testing

/// Findings keep their identity across check runs: first seen, last seen, resolved, reopened.
@Suite("Findings history in the cache")
struct FindingsHistoryTests {
    static func finding(_ id: String, kind: FindingKind = .doubleBooking, severity: Severity = .critical) -> Finding {
        Finding(
            kind: kind, severity: severity, message: "problem with \(id)", advice: "fix it",
            records: [RecordRef(backend: "servicetitan", sourceName: "shop", type: "appointment", id: id)])
    }

    @Test("a finding seen in two runs keeps its first-seen time; one no longer found is resolved; one that comes back is new again")
    func lifecycle() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let a = Self.finding("A"), b = Self.finding("B")
        let t0 = Date(timeIntervalSince1970: 1_795_000_000), t1 = t0 + 86_400, t2 = t1 + 86_400

        let first = try store.recordCheckRun([a, b], at: t0, fieldsyncVersion: "test")
        #expect(Set(first.opened.map(\.finding.id)) == [a.id, b.id])
        #expect(first.resolved.isEmpty)

        let second = try store.recordCheckRun([a], at: t1, fieldsyncVersion: "test")
        #expect(second.opened.isEmpty)
        #expect(second.resolved.map(\.finding.id) == [b.id])
        #expect(second.resolved.first?.resolvedAt == t1)
        let stillOpen = try #require(second.open.first)
        #expect(stillOpen.firstSeen == t0)
        #expect(stillOpen.lastSeen == t1)
        #expect(try store.openFindings().map(\.finding.id) == [a.id])
        #expect(try store.resolvedFindings(since: t1).map(\.finding.id) == [b.id])

        let third = try store.recordCheckRun([a, b], at: t2, fieldsyncVersion: "test")
        #expect(third.opened.map(\.finding.id) == [b.id])
        #expect(third.open.first { $0.finding.id == b.id }?.firstSeen == t2)

        let runs = try store.checkRuns()
        #expect(runs.map(\.open) == [2, 1, 2])
        #expect(runs.map(\.opened) == [1, 0, 2])
        #expect(runs.map(\.resolved) == [0, 1, 0])
        let reopened = try FieldServiceApplyTests.row(store, "SELECT times_reopened FROM findings WHERE id = ?", [b.id])
        #expect(reopened?["times_reopened"] as Int? == 1)
    }

    @Test("resolved findings older than the retention are dropped; open ones stay however old")
    func retention() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let a = Self.finding("A"), b = Self.finding("B")
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        _ = try store.recordCheckRun([a, b], at: t0, fieldsyncVersion: "test")
        _ = try store.recordCheckRun([a], at: t0 + 86_400, fieldsyncVersion: "test")
        _ = try store.recordCheckRun([a], at: t0 + 20 * 86_400, keepResolvedDays: 30, fieldsyncVersion: "test")
        #expect(try store.resolvedFindings(since: t0).map(\.finding.id) == [b.id])
        _ = try store.recordCheckRun([a], at: t0 + 40 * 86_400, keepResolvedDays: 30, fieldsyncVersion: "test")
        #expect(try store.resolvedFindings(since: t0).isEmpty)
        #expect(try store.openFindings().first?.firstSeen == t0)
    }

    @Test("a finding read back has the kind, severity, message, records and id it was recorded with")
    func roundTrip() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        var f = Finding(
            kind: .ruleViolation, severity: .warning, message: "Andre has 5", advice: "move one",
            records: [
                RecordRef(backend: "servicetitan", sourceName: "shop", type: "technician", id: "10109"),
                RecordRef(backend: "servicetitan", sourceName: "shop", type: "appointment", id: "800500"),
            ],
            detail: "max_jobs_per_day:2026-12-02", technicianID: "shop-10109",
            range: TimeRange(start: Date(timeIntervalSince1970: 1_796_000_000), end: Date(timeIntervalSince1970: 1_796_030_000)),
            identityRecords: [RecordRef(backend: "servicetitan", sourceName: "shop", type: "technician", id: "10109")])
        f.message = "Andre Ortiz has 5 appointments"
        _ = try store.recordCheckRun([f], at: Date(timeIntervalSince1970: 1_795_000_000), fieldsyncVersion: "test")
        let back = try #require(try store.openFindings().first?.finding)
        #expect(back == f)
    }

    @Test("the schedule snapshot reads appointments, their technicians and jobs, windows, rejects and coverage from the cache")
    func snapshot() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let F = FieldServiceApplyTests.self
        try F.run(store, [
            F.page {
                $0.technicians = [F.technician("t1"), F.technician("t2")]
                $0.jobs = [F.job("j1"), F.job("j2", status: "completed")]
                $0.appointments = [
                    F.appointment("a1", job: "j1", separately: false, technicians: ["shop-t1"]),
                    F.appointment("a2", job: "j2", separately: false, technicians: ["shop-t1", "shop-t2"]),
                    F.appointment("a3", job: "missing", separately: false),
                ]
                $0.rejects = [
                    RejectedRecord(
                        backend: "servicetitan", source: "shop", recordKind: "appointment", externalID: "bad", reason: "ends before it starts",
                        rawPayload: "{}", problem: .endsBeforeStart)
                ]
            }
        ])
        let snapshot = try store.scheduleSnapshot(
            sources: [.init(name: "shop", backend: "servicetitan", timeZone: "America/Chicago")], asOf: Sample.t0)
        #expect(snapshot.sources.first?.timeZone == "America/Chicago")
        #expect(snapshot.technicians.map(\.id) == ["shop-t1", "shop-t2"])
        #expect(snapshot.appointments.count == 3)
        let a1 = try #require(snapshot.appointments.firstIndex { $0.externalID == "a1" })
        #expect(snapshot.appointments[a1].start == Sample.hours(1))
        #expect(snapshot.appointments[a1].end == Sample.hours(3))
        #expect(snapshot.jobs[Int(snapshot.appointments[a1].job)].externalID == "j1")
        #expect(snapshot.jobs[Int(snapshot.appointments[a1].job)].requiredSkills == ["hvac"])
        #expect(snapshot.appointments.first { $0.externalID == "a3" }?.job == -1)
        #expect(snapshot.jobs.first { $0.externalID == "j2" }?.isOpen == false)
        #expect(snapshot.bookings.count == 3)
        // Sorted by technician, then start.
        #expect(snapshot.bookings.map(\.technician) == [0, 0, 1])
        #expect(snapshot.rejects.map(\.problem) == [.endsBeforeStart])
    }

    @Test("appointments find their own source's job when two sources use the same job ids, ids outside ASCII included")
    func jobsAcrossSources() throws {
        let cache = try TemporaryCache()
        let store = try cache.open()
        let F = FieldServiceApplyTests.self
        func sync(_ source: String, jobs: [String], appointments: [(id: String, job: String)]) throws {
            func ref(_ id: String) -> SourceRef { SourceRef(backend: "servicetitan", source: source, externalID: id, remoteVersion: "1") }
            let run = try store.beginRun(
                invocationID: UUID().uuidString, source: source, backend: "servicetitan", horizon: Sample.horizon, now: Sample.t0,
                fieldsyncVersion: "test")
            var page = PullBatch()
            page.jobs = jobs.map { id in
                var job = F.job(id)
                job.source = ref(id)
                job.number = "\(source)/\(id)"
                return job
            }
            page.appointments = appointments.map { a in
                var appointment = F.appointment(a.id, job: a.job, separately: false)
                appointment.source = ref(a.id)
                return appointment
            }
            let result = try store.apply(page, run: run, backend: "servicetitan", source: source, resolveMissingRejects: false, now: Sample.t0)
            try store.finishRun(run, state: .succeeded, counts: result, error: nil, failures: [], now: Sample.t0)
        }
        try sync("shop", jobs: ["j1", "j2", "jöb-3"], appointments: [("s1", "j1"), ("s2", "jöb-3"), ("s3", "j1 ")])
        try sync("north", jobs: ["j2", "j1", "jöb-3"], appointments: [("n1", "j1"), ("n2", "jöb-3"), ("n3", "jöb")])
        // Only one source is configured; the other is found in the cache.
        let snapshot = try store.scheduleSnapshot(sources: [.init(name: "north", backend: "servicetitan")], asOf: Sample.t0)
        #expect(snapshot.sources.map(\.name).sorted() == ["north", "shop"])
        #expect(snapshot.appointments.map(\.externalID).sorted() == ["n1", "n2", "n3", "s1", "s2", "s3"])
        func number(_ appointment: String) -> String? {
            guard let a = snapshot.appointments.first(where: { $0.externalID == appointment }), a.job >= 0 else { return nil }
            return snapshot.jobs[Int(a.job)].number
        }
        #expect(number("s1") == "shop/j1")
        #expect(number("s2") == "shop/jöb-3")
        #expect(number("n1") == "north/j1")
        #expect(number("n2") == "north/jöb-3")
        // An id that only starts like another's, or has a trailing space, names no cached job.
        #expect(number("n3") == nil)
        #expect(number("s3") == nil)
        for a in snapshot.appointments where a.job >= 0 { #expect(snapshot.jobs[Int(a.job)].source == a.source) }
    }
}
