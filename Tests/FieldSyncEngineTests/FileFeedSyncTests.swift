import FieldSyncCore
import FieldSyncEngine
import FieldSyncICalendar
import FieldSyncStore
import Foundation
import Logging
import Testing

@Suite("Syncing iCalendar files into the cache")
struct FileFeedSyncTests {
    let maria = TechnicianSpec(id: "maria", name: "Maria Lopez", skills: ["hvac"], timeZone: "America/Chicago")

    func runner(_ ws: Workspace, feeds: [ICalendarFeed], mapping: ICalendarMapping = ICalendarMapping(), logger: Logger = Logger(label: "t"))
        throws -> SyncRunner
    {
        let adapter = ICalendarAdapter(sourceName: "cal", feeds: feeds, mapping: mapping, transport: NoNetwork())
        return SyncRunner(store: try ws.store(), adapters: [adapter], logger: logger, fieldsyncVersion: "test")
    }

    func feed(_ ws: Workspace, _ file: String = "maria.ics") -> ICalendarFeed {
        ICalendarFeed(name: "maria-cal", technician: maria, location: .file(path: ws.path(file)))
    }

    @Test("a first sync stores every busy occurrence in UTC, keeping the zone it was written in")
    func firstSync() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        let report = try await runner(ws, feeds: [feed(ws)]).run(horizon: .testHorizon)
        #expect(report.outcome == .succeeded)
        #expect(report.sources[0].counts.inserted == 12)
        let windows = try ws.store().availability(technicianID: "maria", overlapping: .testHorizon)
        #expect(windows.count == 12)
        let first = windows[0].window
        #expect(RFC3339.string(first.range.start) == "2026-11-23T15:00:00Z")  // 09:00 CST
        #expect(first.sourceTimeZone == "America/Chicago")
        #expect(first.source.externalID == "maria-cal/job-0")
        #expect(first.source.backend == "icalendar")
        let runs = try ws.store().runs()
        #expect(runs.count == 1)
        #expect(runs[0].state == .succeeded)
        #expect(runs[0].counts.inserted == 12)
    }

    @Test("a second sync of an unchanged feed writes no window")
    func idempotent() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        let r = try runner(ws, feeds: [feed(ws)])
        _ = await r.run(horizon: .testHorizon)
        let second = await r.run(horizon: .testHorizon)
        let c = second.sources[0].counts
        #expect((c.inserted, c.updated, c.removed, c.unchanged) == (0, 0, 0, 12))
    }

    @Test("an event deleted from the feed is removed; a moved one is updated")
    func drift() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        let r = try runner(ws, feeds: [feed(ws)])
        _ = await r.run(horizon: .testHorizon)
        var events = Feed.twelveJobs
        events.remove(at: 5)
        events[0] = Feed.event(uid: "job-0", start: "20261123T130000", end: "20261123T150000", summary: "Job 0 (afternoon)")
        try ws.write("maria.ics", Feed.calendar(events))
        let report = await r.run(horizon: .testHorizon)
        let c = report.sources[0].counts
        #expect((c.inserted, c.updated, c.removed, c.unchanged) == (0, 1, 1, 10))
    }

    @Test("a broken event is quarantined with its raw text and reason; the rest of the feed is synced")
    func quarantine() async throws {
        let ws = try Workspace()
        var events = Feed.twelveJobs
        events.append("UID:broken-1\nDTSTART;TZID=America/Chicago:2026-11-30T09:00:00\nSUMMARY:Typed by hand")
        try ws.write("maria.ics", Feed.calendar(events))
        let report = try await runner(ws, feeds: [feed(ws)]).run(horizon: .testHorizon)
        #expect(report.outcome == .succeeded)
        #expect(report.sources[0].counts.inserted == 12)
        #expect(report.sources[0].counts.rejected == 1)
        let rejects = try ws.store().rejects()
        #expect(rejects.count == 1)
        let r = rejects[0].record
        #expect(r.externalID == "broken-1")
        #expect(r.location == "maria-cal line 88")
        #expect(r.reason.hasPrefix("line 90: "))
        #expect(r.rawPayload.hasPrefix("BEGIN:VEVENT\r\nUID:broken-1"))
        #expect(r.rawPayload.hasSuffix("END:VEVENT\r\n"))
    }

    @Test("an event that breaks later keeps its cached windows until it is fixed")
    func brokenLaterIsNotDeleted() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        let r = try runner(ws, feeds: [feed(ws)])
        _ = await r.run(horizon: .testHorizon)
        var events = Feed.twelveJobs
        events[3] = "UID:job-3\nDTSTART;TZID=America/Chicago:20261126T0900\nSUMMARY:Job 3"
        try ws.write("maria.ics", Feed.calendar(events))
        let report = await r.run(horizon: .testHorizon)
        #expect(report.sources[0].counts.removed == 0)
        #expect(report.sources[0].counts.rejected == 1)
        #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)

        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        _ = await r.run(horizon: .testHorizon)
        #expect(try ws.store().rejects().isEmpty)
        #expect(try ws.store().rejects(includeResolved: true).count == 1)
    }

    @Test("a truncated feed is used but removes nothing, and the run is partial")
    func truncated() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        let r = try runner(ws, feeds: [feed(ws)])
        _ = await r.run(horizon: .testHorizon)
        let full = Feed.calendar(Feed.twelveJobs)
        try ws.write("maria.ics", String(full.prefix(full.count / 3)))
        let report = await r.run(horizon: .testHorizon)
        #expect(report.outcome == .partial)
        #expect(report.sources[0].state == .partial)
        #expect(report.sources[0].counts.removed == 0)
        #expect(report.sources[0].failures.first?.message.contains("truncated") == true)
        #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)
    }

    @Test("a feed that suddenly empties trips the mass-delete brake; releasing the brake applies it")
    func emptiedFeed() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        _ = try await runner(ws, feeds: [feed(ws)]).run(horizon: .testHorizon)
        try ws.write("maria.ics", Feed.calendar([]))
        let held = try await runner(ws, feeds: [feed(ws)]).run(horizon: .testHorizon)
        #expect(held.outcome == .partial)
        #expect(held.sources[0].counts.heldBack == 12)
        #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)

        var released = try runner(ws, feeds: [feed(ws)])
        released.brake = MassDeleteBrake(isReleased: true)
        let applied = await released.run(horizon: .testHorizon)
        #expect(applied.outcome == .succeeded)
        #expect(applied.sources[0].counts.removed == 12)
    }

    @Test("a missing file fails that feed only; the technician's other feed still syncs")
    func oneFeedMissing() async throws {
        let ws = try Workspace()
        try ws.write("work.ics", Feed.calendar(Array(Feed.twelveJobs.prefix(3))))
        let work = ICalendarFeed(name: "work", technician: maria, location: .file(path: ws.path("work.ics")))
        let personal = ICalendarFeed(name: "personal", technician: maria, location: .file(path: ws.path("missing.ics")))
        let report = try await runner(ws, feeds: [work, personal]).run(horizon: .testHorizon)
        #expect(report.outcome == .partial)
        #expect(report.sources[0].counts.inserted == 3)
        #expect(report.sources[0].failures.map(\.part) == ["personal"])
        #expect(report.sources[0].failures[0].message.hasSuffix("missing.ics: no such file"))
    }

    @Test("time off, shifts and cancelled or free events follow Mappings/icalendar.yaml")
    func mapping() async throws {
        let ws = try Workspace()
        let events = [
            Feed.event(uid: "pto", start: "20261201T000000", end: "20261202T000000", summary: "PTO - dentist"),
            Feed.event(uid: "shift", start: "20261201T070000", end: "20261201T153000", summary: "Shift", extra: "TRANSP:TRANSPARENT"),
            Feed.event(uid: "cancelled", start: "20261201T100000", end: "20261201T110000", summary: "Meeting", extra: "STATUS:CANCELLED"),
            Feed.event(uid: "free", start: "20261201T120000", end: "20261201T130000", summary: "Lunch", extra: "TRANSP:TRANSPARENT"),
            Feed.event(uid: "job", start: "20261201T130000", end: "20261201T140000", summary: "Install at 12 Elm St"),
        ]
        try ws.write("maria.ics", Feed.calendar(events))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let mapping = try MappingLoader.icalendar(path: root.appendingPathComponent("Mappings/icalendar.yaml").path)
        _ = try await runner(ws, feeds: [feed(ws)], mapping: mapping).run(horizon: .testHorizon)
        let kinds = Dictionary(
            uniqueKeysWithValues: try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).map {
                ($0.window.source.externalID, $0.window.kind)
            })
        #expect(kinds == ["maria-cal/pto": .timeOff, "maria-cal/shift": .shift, "maria-cal/job": .busy])
    }

    @Test("time off marked free (Google's default for all-day events) still blocks the day")
    func transparentTimeOff() async throws {
        let ws = try Workspace()
        try ws.write(
            "maria.ics",
            Feed.calendar(["UID:pto\nDTSTART;VALUE=DATE:20261201\nDTEND;VALUE=DATE:20261202\nSUMMARY:Vacation\nTRANSP:TRANSPARENT"]))
        let mapping = ICalendarMapping(rules: [.init(kind: .timeOff, summaryPhrases: ["vacation"])])
        _ = try await runner(ws, feeds: [feed(ws)], mapping: mapping).run(horizon: .testHorizon)
        let windows = try ws.store().availability(technicianID: "maria", overlapping: .testHorizon)
        #expect(windows.map(\.window.kind) == [.timeOff])
    }

    @Test("problems inside kept events are reported by line and property, never with the feed's text")
    func notesWithoutContent() async throws {
        let ws = try Workspace()
        var events = Feed.twelveJobs
        events[0] += "\nDESCRIPTION:Call before arriving\nJane Jones 1234 N Main St gate code 4411"
        try ws.write("maria.ics", Feed.calendar(events))
        let report = try await runner(ws, feeds: [feed(ws)]).run(horizon: .testHorizon)
        let notes = report.sources[0].notes.joined(separator: "\n")
        #expect(notes.contains("maria-cal line 11: a line could not be used"))
        #expect(!notes.contains("Jane"))
        #expect(!notes.contains("4411"))
        let runs = try ws.store().runs()
        #expect(!runs[0].notes.joined().contains("Jane"))
    }

    @Test("a feed renamed or removed from the configuration takes its windows with it")
    func feedRemovedFromConfiguration() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Array(Feed.twelveJobs.prefix(4))))
        try ws.write("dan.ics", Feed.calendar(Array(Feed.twelveJobs.prefix(2))))
        let dan = ICalendarFeed(
            name: "dan-cal", technician: TechnicianSpec(id: "dan", name: "Dan Okafor"), location: .file(path: ws.path("dan.ics")))
        _ = try await runner(ws, feeds: [feed(ws), dan]).run(horizon: .testHorizon)

        var renamed = feed(ws)
        renamed.name = "maria-google"
        let report = try await runner(ws, feeds: [renamed]).run(horizon: .testHorizon)
        #expect(report.sources[0].counts.inserted == 4)
        #expect(report.sources[0].counts.removed == 6)
        let store = try ws.store()
        let ids = try store.availability(technicianID: "maria", overlapping: .testHorizon).map(\.window.source.externalID)
        #expect(ids.allSatisfy { $0.hasPrefix("maria-google/") })
        #expect(ids.count == 4)
        #expect(try store.availability(technicianID: "dan", overlapping: .testHorizon).isEmpty)
        #expect(try store.technicians(matching: "dan").first?.technician.active == false)
        #expect(report.sources[0].notes.contains { $0.contains("technician dan is no longer in cal's configuration") })
    }

    @Test("windows that ended long before the horizon are pruned")
    func retention() async throws {
        let ws = try Workspace()
        try ws.write("maria.ics", Feed.calendar(Feed.twelveJobs))
        var r = try runner(ws, feeds: [feed(ws)])
        r.retentionDays = 30
        _ = await r.run(horizon: .testHorizon)
        var later = TimeRange.testHorizon
        later.start = later.start.addingTimeInterval(60 * 86_400)
        later.end = later.end.addingTimeInterval(60 * 86_400)
        let report = await r.run(horizon: later)
        #expect(report.sources[0].counts.pruned == 12)
        #expect(try ws.store().counts()["availability_windows"] == 0)
    }

    @Test("the horizon bounds what is stored, and infinite rules stay finite")
    func horizonBounds() async throws {
        let ws = try Workspace()
        let daily = "UID:daily\nDTSTART;TZID=America/Chicago:20200106T080000\nDTEND;TZID=America/Chicago:20200106T083000\nRRULE:FREQ=DAILY\nSUMMARY:Stand-up"
        try ws.write("maria.ics", Feed.calendar([daily]))
        _ = try await runner(ws, feeds: [feed(ws)]).run(horizon: .testHorizon)
        let windows = try ws.store().availability(technicianID: "maria", overlapping: TimeRange(start: .distantPast, end: .distantFuture))
        #expect(windows.count == 30)
        #expect(windows.allSatisfy { TimeRange.testHorizon.overlaps($0.window.range) })
    }
}
