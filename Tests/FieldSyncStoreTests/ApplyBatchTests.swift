import FieldSyncCore
import FieldSyncStore
import Foundation
import GRDB
import Testing

@Suite("Applying a sync batch")
struct ApplyBatchTests {
    let windows = (0..<12).map { Sample.window("w\($0)", from: Double($0) * 24 + 9, to: Double($0) * 24 + 11) }

    @Test("every row carries its provenance: backend, source, external id, remote version, first and last seen")
    func provenance() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: [Sample.window("uid-1", from: 1, to: 2)]))
        let queue = try DatabaseQueue(path: temp.path)
        let row = try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM availability_windows") }
        #expect(row?["backend"] == "icalendar")
        #expect(row?["source"] == "cal")
        #expect(row?["external_id"] == "uid-1")
        #expect(row?["remote_version"] == "0")
        #expect(row?["first_seen_at"] as Date? == Sample.t0)
        #expect(row?["last_seen_at"] as Date? == Sample.t0)
        #expect(row?["last_sync_run_id"] as Int64? == 1)
        let tech = try queue.read { db in try Row.fetchOne(db, sql: "SELECT * FROM technicians") }
        #expect(tech?["source"] == "cal")
        #expect(tech?["external_id"] == "maria")
    }

    @Test("a second sync with no remote changes inserts, changes and removes nothing; it only moves last_seen_at")
    func secondSyncUnchanged() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        let first = try store.applyRun(Sample.batch(windows: windows))
        #expect(first.inserted == 12)
        let later = Sample.t0.addingTimeInterval(3600)
        let second = try store.applyRun(Sample.batch(windows: windows), now: later)
        #expect(second.inserted == 0)
        #expect(second.updated == 0)
        #expect(second.removed == 0)
        #expect(second.unchanged == 12)
        let cached = try store.availability(technicianID: "maria", overlapping: Sample.horizon)
        #expect(cached.count == 12)
        #expect(cached.allSatisfy { $0.lastSeenAt == later })
    }

    @Test("a changed window is updated in place, keeping its row")
    func changed() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: windows))
        let before = try store.availability(technicianID: "maria", overlapping: Sample.horizon).first { $0.window.source.externalID == "w3" }
        var moved = windows
        moved[3] = Sample.window("w3", from: 3 * 24 + 13, to: 3 * 24 + 14, title: "Moved")
        let result = try store.applyRun(Sample.batch(windows: moved))
        #expect(result.updated == 1)
        #expect(result.unchanged == 11)
        let after = try store.availability(technicianID: "maria", overlapping: Sample.horizon).first { $0.window.source.externalID == "w3" }
        #expect(after?.id == before?.id)
        #expect(after?.window.title == "Moved")
        #expect(after?.window.range.start == Sample.hours(3 * 24 + 13))
    }

    @Test("a window gone from the source is removed, but only inside what the batch covered")
    func removal() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: windows))
        // Window 11 lies outside the new coverage: it must survive although the batch lacks it.
        let result = try store.applyRun(
            Sample.batch(windows: Array(windows[0..<9]), coverage: [Sample.coverage(from: -24, to: 10 * 24)]))
        #expect(result.removed == 1)
        let ids = Set(try store.availability(technicianID: "maria", overlapping: Sample.horizon).map(\.window.source.externalID))
        #expect(!ids.contains("w9"))
        #expect(ids.contains("w10"))
        #expect(ids.contains("w11"))
    }

    @Test("without coverage nothing is removed: a failed read is not a deleted calendar")
    func noCoverageNoRemoval() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: windows))
        let result = try store.applyRun(Sample.batch(windows: [], coverage: []))
        #expect(result.removed == 0)
        #expect(try store.counts()["availability_windows"] == 12)
    }

    @Test("the mass-delete brake keeps the cache when a source suddenly loses most of its windows")
    func brakeHolds() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: windows))
        let held = try store.applyRun(Sample.batch(windows: Array(windows[0..<1])))
        #expect(held.removed == 0)
        #expect(held.heldBack == 11)
        #expect(held.notes.contains { $0.contains("mass-delete brake") && $0.contains("--allow-mass-delete") })
        #expect(try store.counts()["availability_windows"] == 12)

        let released = try store.applyRun(Sample.batch(windows: Array(windows[0..<1])), brake: MassDeleteBrake(isReleased: true))
        #expect(released.removed == 11)
        #expect(try store.counts()["availability_windows"] == 1)
    }

    @Test("the brake lets small removals through")
    func brakeAllowsSmallRemovals() {
        let brake = MassDeleteBrake()
        #expect(!brake.holds(removing: 9, of: 10))
        #expect(brake.holds(removing: 10, of: 12))
        #expect(!brake.holds(removing: 10, of: 30))
    }

    @Test("a series whose instances all got new ids (its start moved) is not a mass deletion")
    func replacedIsNotLost() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: windows))
        let moved = (0..<12).map { Sample.window("moved\($0)", from: Double($0) * 24 + 13, to: Double($0) * 24 + 15) }
        let result = try store.applyRun(Sample.batch(windows: moved))
        #expect(result.heldBack == 0)
        #expect(result.removed == 12)
        #expect(result.inserted == 12)
        #expect(try store.counts()["availability_windows"] == 12)
    }

    @Test("a technician's coverage is recorded per part with when it was read")
    func coverageRecorded() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(windows: [], coverage: [Sample.coverage(prefix: "work/"), Sample.coverage(prefix: "home/")]))
        let later = Sample.t0.addingTimeInterval(600)
        try store.applyRun(Sample.batch(windows: [], coverage: [Sample.coverage(prefix: "work/")]), now: later)
        let coverage = try store.coverage(technicianID: "maria")
        #expect(coverage.map(\.scope) == ["home/", "work/"])
        #expect(coverage.map(\.syncedAt) == [Sample.t0, later])
    }

    @Test("the technician search treats %, _ and \\ as plain characters")
    func likeEscaping() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(technicians: [Sample.technician("a", name: #"Ann \ Bo_b 50%"#)], windows: [], coverage: []))
        #expect(try store.technicians(matching: #"\"#).count == 1)
        #expect(try store.technicians(matching: "_").count == 1)
        #expect(try store.technicians(matching: #"\\"#).isEmpty)
        #expect(try store.technicians(matching: "0%").count == 1)
        #expect(try store.technicians(matching: "x%").isEmpty)
    }

    @Test("windows of a quarantined record are kept, not taken as deleted")
    func retained() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        let series = [
            Sample.window("feed/uid-7/20261118T090000", from: 9, to: 10),
            Sample.window("feed/uid-7/20261119T090000", from: 33, to: 34),
            Sample.window("feed/uid-8", from: 12, to: 13),
        ]
        try store.applyRun(Sample.batch(windows: series))
        var coverage = Sample.coverage(prefix: "feed/")
        coverage.retainedExternalIDPrefixes = ["feed/uid-7", "feed/uid-7/"]
        let result = try store.applyRun(Sample.batch(windows: [series[2]], coverage: [coverage]))
        #expect(result.removed == 0)
        #expect(try store.counts()["availability_windows"] == 3)
    }

    @Test("one feed's coverage does not remove another feed's windows of the same technician")
    func scopedCoverage() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        let work = Sample.window("work/a", from: 9, to: 10)
        let personal = Sample.window("personal/b", from: 12, to: 13)
        try store.applyRun(Sample.batch(windows: [work, personal], coverage: [Sample.coverage(prefix: "work/"), Sample.coverage(prefix: "personal/")]))
        // The personal feed failed this time: only the work feed covers anything.
        let result = try store.applyRun(Sample.batch(windows: [work], coverage: [Sample.coverage(prefix: "work/")]))
        #expect(result.removed == 0)
        #expect(try store.counts()["availability_windows"] == 2)
    }

    @Test("windows for a technician nobody defined are not stored: a calendar's run says so, a paged source's quarantines them")
    func unknownTechnician() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        let calendar = try store.applyRun(
            Sample.batch(technicians: [], windows: [Sample.window("x", tech: "ghost", from: 1, to: 2)], coverage: [Sample.coverage("ghost")]))
        #expect(calendar.inserted == 0)
        #expect(calendar.notes.contains { $0.contains("ghost") })

        let paged = try store.applyRun(
            Sample.batch(technicians: [], windows: [Sample.window("x", tech: "ghost", from: 1, to: 2)], coverage: []))
        #expect(paged.inserted == 0)
        #expect(paged.rejected == 1)
        #expect(try store.rejects().first?.record.reason.contains("technician ghost is not in the cache") == true)
    }

    @Test("a technician defined by one source is not silently redefined by another")
    func technicianOwnership() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(Sample.batch(technicians: [Sample.technician("maria", source: "cal", name: "Maria Lopez")], windows: []))
        let other = try store.applyRun(
            Sample.batch(technicians: [Sample.technician("maria", source: "other", name: "M. Lopez")], windows: [], coverage: []),
            source: "other")
        #expect(other.notes.contains { $0.contains("defined by source cal") })
        #expect(try store.technicians(matching: "maria").first?.technician.name == "Maria Lopez")
    }

    @Test("technicians are found by id, by name ignoring case, or by part of the name")
    func technicianLookup() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(
            Sample.batch(
                technicians: [Sample.technician("maria-lopez", name: "Maria Lopez"), Sample.technician("mario-rossi", name: "Mario Rossi")],
                windows: [], coverage: []))
        #expect(try store.technicians(matching: "maria-lopez").map(\.technician.id) == ["maria-lopez"])
        #expect(try store.technicians(matching: "MARIA LOPEZ").map(\.technician.id) == ["maria-lopez"])
        #expect(try store.technicians(matching: "mari").count == 2)
        #expect(try store.technicians(matching: "100%").isEmpty)
    }

    @Test("availability queries use half-open overlap, and count zero-length windows that start inside")
    func overlapQuery() throws {
        let temp = try TemporaryCache()
        let store = try temp.open()
        try store.applyRun(
            Sample.batch(windows: [
                Sample.window("before", from: 8, to: 9), Sample.window("inside", from: 9, to: 10),
                Sample.window("after", from: 10, to: 11), Sample.window("zero-at-start", from: 9, to: 9),
                Sample.window("zero-at-end", from: 10, to: 10),
            ]))
        let found = try store.availability(technicianID: "maria", overlapping: TimeRange(start: Sample.hours(9), end: Sample.hours(10)))
        #expect(Set(found.map(\.window.source.externalID)) == ["inside", "zero-at-start"])
    }
}
