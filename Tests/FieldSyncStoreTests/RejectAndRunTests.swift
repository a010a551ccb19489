import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Testing

@Suite("Rejects and sync runs")
struct RejectAndRunTests {
    func reject(_ reason: String = "line 4: DTSTART \"x\" is not a date") -> RejectedRecord {
        RejectedRecord(
            backend: "icalendar", source: "cal", recordKind: "vevent", externalID: "uid-9", reason: reason,
            location: "maria line 3", rawPayload: "BEGIN:VEVENT\nUID:uid-9\nDTSTART:x\nEND:VEVENT")
    }

    @Test("a reject keeps its raw payload and reason, and is counted, not duplicated, when seen again")
    func rejectDeduplicated() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        var batch = Sample.batch(windows: [])
        batch.rejects = [reject()]
        try store.applyRun(batch)
        try store.applyRun(batch, now: Sample.t0.addingTimeInterval(60))
        let rejects = try store.rejects()
        #expect(rejects.count == 1)
        #expect(rejects.first?.timesSeen == 2)
        #expect(rejects.first?.record.rawPayload.contains("DTSTART:x") == true)
        #expect(rejects.first?.record.reason.contains("line 4") == true)
    }

    @Test("a reject no longer seen by a complete run is resolved; an incomplete run resolves nothing")
    func rejectResolved() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        var batch = Sample.batch(windows: [])
        batch.rejects = [reject()]
        try store.applyRun(batch)

        var incomplete = Sample.batch(windows: [])
        incomplete.failures = [SourceFailure(part: "maria", message: "timed out", isTransient: true)]
        try store.applyRun(incomplete)
        #expect(try store.rejects().count == 1)

        try store.applyRun(Sample.batch(windows: []))
        #expect(try store.rejects().isEmpty)
        let all = try store.rejects(includeResolved: true)
        #expect(all.count == 1)
        #expect(all.first?.resolvedAt != nil)
    }

    @Test("when one feed fails, rejects of the feeds read completely are still resolved")
    func rejectResolvedPerPart() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        var first = Sample.batch(windows: [])
        var fromWork = reject()
        fromWork.part = "work"
        var fromHome = reject("line 9: RRULE FREQ=SOMETIMES is not a frequency")
        fromHome.part = "home"
        first.rejects = [fromWork, fromHome]
        try store.applyRun(first)

        var second = Sample.batch(windows: [])
        second.failures = [SourceFailure(part: "home", message: "timed out", isTransient: true)]
        second.completeParts = ["work"]
        try store.applyRun(second)
        let open = try store.rejects()
        #expect(open.map(\.record.part) == ["home"])
    }

    @Test("cursors are saved with their payload and read back by source")
    func cursors() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        var batch = Sample.batch(windows: [])
        batch.cursors = [SourceCursor(key: "feed:maria", value: "{\"etag\":\"\\\"abc\\\"\"}", payload: Array("BEGIN:VCALENDAR".utf8))]
        try store.applyRun(batch)
        let saved = try store.cursors(source: "cal")
        #expect(saved["feed:maria"]?.payload == Array("BEGIN:VCALENDAR".utf8))
        #expect(try store.cursors(source: "other").isEmpty)
    }

    @Test("a run left 'running' by a process that died is marked abandoned by the next run")
    func abandoned() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (invocation_id, source, backend, state, started_at, horizon_start, horizon_end, host, pid,
                        fieldsync_version)
                    VALUES ('dead', 'cal', 'icalendar', 'running', ?, ?, ?, ?, 2147483646, 'test')
                    """, arguments: [Sample.t0, Sample.t0, Sample.t0, ProcessInfo.processInfo.hostName])
        }
        try store.applyRun(Sample.batch(windows: []))
        let runs = try store.runs()
        #expect(runs.count == 2)
        let dead = runs.first { $0.invocationID == "dead" }
        #expect(dead?.state == .abandoned)
        #expect(dead?.error?.contains("ended before finishing") == true)
        #expect(runs.first { $0.invocationID != "dead" }?.state == .succeeded)
    }

    @Test("jobs and appointments are upserted by external id, with their technicians")
    func jobsAndAppointments() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        var batch = Sample.batch(technicians: [Sample.technician("maria"), Sample.technician("dan")], windows: [], coverage: [])
        let ref = SourceRef(backend: "servicetitan", source: "cal", externalID: "job-1", remoteVersion: "v1")
        batch.jobs = [
            Job(
                customer: Customer(name: "Pat Doe", phone: "+1-312-555-0100", address: Location(postalCode: "60614")),
                jobType: "hvac.no_heat", requiredSkills: ["hvac"], urgency: .urgent, status: "scheduled", source: ref)
        ]
        batch.appointments = [
            Appointment(
                jobExternalID: "job-1", range: TimeRange(start: Sample.hours(1), end: Sample.hours(3)),
                technicianIDs: ["maria", "dan", "nobody"], status: "scheduled",
                source: SourceRef(backend: "servicetitan", source: "cal", externalID: "appt-1", remoteVersion: "v1"))
        ]
        let first = try store.applyRun(batch)
        #expect(first.inserted == 2)
        #expect(first.notes.contains { $0.contains("nobody") })
        let second = try store.applyRun(batch)
        #expect(second.unchanged == 2)
        batch.appointments[0].technicianIDs = ["dan"]
        batch.appointments[0].source.remoteVersion = "v2"
        let third = try store.applyRun(batch)
        #expect(third.updated == 1)
        let queue = try DatabaseQueue(path: temp.path)
        let assigned = try queue.read { db in try String.fetchAll(db, sql: "SELECT technician_id FROM appointment_technicians") }
        #expect(assigned == ["dan"])
    }

    @Test("two processes syncing into one cache at once both land, one after the other")
    func concurrentWriters() async throws {
        let temp = try TemporaryCache()
        let a = try temp.open()
        let b = try temp.open()
        async let first: ApplyResult = Task { try a.applyRun(Sample.batch(windows: [Sample.window("a", from: 1, to: 2)], coverage: [])) }.value
        async let second: ApplyResult = Task {
            try b.applyRun(
                Sample.batch(technicians: [Sample.technician("dan")], windows: [Sample.window("b", tech: "dan", from: 1, to: 2)], coverage: []))
        }.value
        let results = try await [first, second]
        #expect(results.map(\.inserted) == [1, 1])
        #expect(try a.counts()["availability_windows"] == 2)
    }
}
