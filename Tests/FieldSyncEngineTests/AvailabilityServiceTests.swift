import FieldSyncCore
import FieldSyncEngine
import FieldSyncICalendar
import FieldSyncStore
import Foundation
import Logging
import Testing

@Suite("Availability from the cache")
struct AvailabilityServiceTests {
    func synced(_ events: [String]) async throws -> (Workspace, AvailabilityService) {
        let ws = try Workspace()
        try ws.write("m.ics", Feed.calendar(events))
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let mapping = try MappingLoader.icalendar(path: root.appendingPathComponent("Mappings/icalendar.yaml").path)
        let feed = ICalendarFeed(
            name: "m", technician: TechnicianSpec(id: "maria-lopez", name: "Maria Lopez", timeZone: "America/Chicago"),
            location: .file(path: ws.path("m.ics")))
        let store = try ws.store()
        let runner = SyncRunner(
            store: store, adapters: [ICalendarAdapter(sourceName: "cal", feeds: [feed], mapping: mapping, transport: NoNetwork())],
            logger: Logger(label: "t"), fieldsyncVersion: "test")
        _ = await runner.run(horizon: .testHorizon)
        return (ws, AvailabilityService(store: store))
    }

    let day = TimeRange(start: RFC3339.parseDate("2026-12-01T00:00:00-06:00")!, end: RFC3339.parseDate("2026-12-02T00:00:00-06:00")!)

    @Test("free time is the shift minus busy time, shown in the technician's zone")
    func withShift() async throws {
        let (_, service) = try await synced([
            Feed.event(uid: "s", start: "20261201T070000", end: "20261201T153000", summary: "Shift", extra: "TRANSP:TRANSPARENT"),
            Feed.event(uid: "a", start: "20261201T090000", end: "20261201T100000", summary: "Install"),
            Feed.event(uid: "b", start: "20261201T093000", end: "20261201T113000", summary: "Repair"),
        ])
        let report = try service.report(technician: "Maria Lopez", range: day)
        #expect(report.shiftsKnown)
        #expect(report.busy.count == 2)
        #expect(report.busyMerged.map(\.start) == ["2026-12-01T09:00:00-06:00"])
        #expect(report.busyMerged.map(\.end) == ["2026-12-01T11:30:00-06:00"])
        #expect(report.free.map { "\($0.start)/\($0.end)" } == [
            "2026-12-01T07:00:00-06:00/2026-12-01T09:00:00-06:00", "2026-12-01T11:30:00-06:00/2026-12-01T15:30:00-06:00",
        ])
        #expect(report.free.map(\.minutes) == [120, 240])
        #expect(report.asOf["cal"] != nil)
    }

    @Test("without shifts, free time is the whole window minus busy time")
    func withoutShift() async throws {
        let (_, service) = try await synced([Feed.event(uid: "a", start: "20261201T090000", end: "20261201T100000")])
        let report = try service.report(technician: "maria-lopez", range: day)
        #expect(!report.shiftsKnown)
        #expect(report.free.count == 2)
        #expect(report.free.first?.start == "2026-12-01T00:00:00-06:00")
        #expect(report.free.last?.end == "2026-12-02T00:00:00-06:00")
    }

    @Test("an all-day time-off entry blocks the whole local day")
    func timeOff() async throws {
        let (_, service) = try await synced([
            "UID:pto\nDTSTART;VALUE=DATE:20261201\nDTEND;VALUE=DATE:20261202\nSUMMARY:Vacation"
        ])
        let report = try service.report(technician: "maria", range: day)
        #expect(report.busy.first?.kind == .timeOff)
        #expect(report.busy.first?.allDay == true)
        #expect(report.free.isEmpty)
    }

    @Test("with shifts known, a day without a shift has no free time")
    func dayOff() async throws {
        let (_, service) = try await synced([
            Feed.event(uid: "s", start: "20261201T070000", end: "20261201T153000", summary: "Shift", extra: "TRANSP:TRANSPARENT")
        ])
        let saturday = TimeRange(
            start: RFC3339.parseDate("2026-12-05T00:00:00-06:00")!, end: RFC3339.parseDate("2026-12-06T00:00:00-06:00")!)
        let report = try service.report(technician: "maria", range: saturday)
        #expect(report.shiftsKnown)
        #expect(report.shifts.isEmpty)
        #expect(report.free.isEmpty)
    }

    @Test("time beyond what was synced is unknown, never free, and coverage says when each feed was read")
    func beyondHorizon() async throws {
        let (_, service) = try await synced([Feed.event(uid: "a", start: "20261201T090000", end: "20261201T100000")])
        // The test horizon ends 2026-12-22T00:00Z.
        let range = TimeRange(start: RFC3339.parseDate("2026-12-21T00:00:00Z")!, end: RFC3339.parseDate("2026-12-23T00:00:00Z")!)
        let report = try service.report(technician: "maria", range: range)
        #expect(report.unknown.map(\.start) == ["2026-12-21T18:00:00-06:00"])
        #expect(report.unknown.map(\.end) == ["2026-12-22T18:00:00-06:00"])
        #expect(report.free.map(\.end) == ["2026-12-21T18:00:00-06:00"])
        #expect(report.coverage.map(\.feed) == ["m"])
        #expect(report.coverage.first?.syncedAt == report.asOf["cal"])
    }

    @Test("an unknown technician is an error listing who is known")
    func unknown() async throws {
        let (_, service) = try await synced([])
        let error = #expect(throws: AvailabilityService.LookupError.self) { try service.report(technician: "Bob", range: day) }
        #expect(error?.description.contains("Maria Lopez (maria-lopez)") == true)
    }
}
