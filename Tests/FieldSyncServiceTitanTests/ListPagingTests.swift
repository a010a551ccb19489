import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("List resources (shifts, non-job appointments)")
struct ListPagingTests {
    static func shiftRecord(_ id: Int, _ modifiedOn: String) -> FakeListServer.Record {
        FakeListServer.Record(id: id, modifiedOn: modifiedOn) { id, modifiedOn in
            Fixture.shift(id: id, start: "2026-11-23T14:00:00Z", end: "2026-11-23T22:00:00Z", modifiedOn: modifiedOn)
        }
    }

    @Test("a shift modified while the pages are read is read later, never skipped")
    func recordModifiedBetweenPages() async throws {
        // Five shifts, two per page. After the first page, shift 1 (already read) is edited: it
        // moves to the end, and page numbers would now skip shift 3.
        let server = FakeListServer(
            (1...5).map { Self.shiftRecord($0, "2026-11-20T0\($0):00:00Z") },
            afterPage: { served, server in if served == 1 { server.modify(id: 1, modifiedOn: "2026-11-21T09:00:00Z") } })
        let transport = ScriptedTransport()
        await transport.handle(Fixture.shifts) { server.reply($0) }
        let sink = try await Fixture.pull(Fixture.adapter(transport, configuration: Fixture.configuration(pageSize: 2)))

        let windows = await sink.merged.availability
        #expect(Set(windows.map(\.source.externalID)) == ["shift/1", "shift/2", "shift/3", "shift/4", "shift/5"])
        // Each version once: shift 1 as first read and as edited, the others once.
        #expect(windows.count == 6)
        #expect(windows.last?.source == SourceRef(
            backend: "servicetitan", source: Fixture.sourceName, externalID: "shift/1", remoteVersion: "2026-11-21T09:00:00Z"))
        #expect(await sink.merged.cursorValue("list/technician-shifts") == "2026-11-21T09:00:00Z")

        let calls = await transport.calls(to: Fixture.shifts)
        #expect(calls.allSatisfy { $0.query["page"] == "1" && $0.query["sort"] == "+ModifiedOn" })
        #expect(calls.dropFirst().map { $0.query["modifiedOnOrAfter"] } == [
            "2026-11-20T02:00:00Z", "2026-11-20T03:00:00Z", "2026-11-20T04:00:00Z", "2026-11-20T05:00:00Z",
        ])
    }

    @Test("a page whose records all share one modifiedOn is read whole with the largest page size, without looping")
    func wholePageSharesOneInstant() async throws {
        let server = FakeListServer((1...7).map { Self.shiftRecord($0, "2026-11-20T05:00:00.25Z") })
        let transport = ScriptedTransport()
        await transport.handle(Fixture.shifts) { server.reply($0) }
        let sink = try await Fixture.pull(Fixture.adapter(transport, configuration: Fixture.configuration(pageSize: 2)))

        let windows = await sink.merged.availability
        #expect(windows.map(\.source.externalID) == (1...7).map { "shift/\($0)" })
        let calls = await transport.calls(to: Fixture.shifts)
        #expect(calls.map { $0.query["pageSize"] } == ["2", "5000"])
        let cursor = try #require(await sink.merged.cursors["list/technician-shifts"])
        #expect(cursor.value == "2026-11-20T05:00:00.25Z")
        #expect(String(decoding: cursor.payload ?? [], as: UTF8.self) == "1\n2\n3\n4\n5\n6\n7")
    }

    @Test("when even the largest page shares one modifiedOn, the pager falls back to page numbers")
    func fallsBackToPageNumbers() {
        let instant = "2026-11-20T05:00:00Z"
        func records(_ ids: ClosedRange<Int>) -> [RawRecord] {
            ids.map { RawRecord(bytes: Data(#"{"id":\#($0),"modifiedOn":"\#(instant)"}"#.utf8)) }
        }
        var pager = ListPager(resource: "technician-shifts", pageSize: 5000, saved: nil)
        _ = pager.receive(records(1...3), hasMore: true)
        // The window moved to the shared instant; page 1 from there would repeat this page.
        #expect(pager.query.first { $0.0 == "modifiedOnOrAfter" }?.1 == instant)
        #expect(pager.query.first { $0.0 == "page" }?.1 == "1")
        #expect(pager.receive(records(1...3), hasMore: true).isEmpty)
        #expect(pager.query.first { $0.0 == "page" }?.1 == "2")
        let next = pager.receive(records(3...5), hasMore: true)
        #expect(next.count == 2)  // 4 and 5; 3 was delivered already
        #expect(pager.query.first { $0.0 == "page" }?.1 == "3")
        _ = pager.receive(records(6...6), hasMore: false)
        #expect(pager.isFinished && pager.endedCleanly)
        #expect(pager.boundaryIDs == ["1", "2", "3", "4", "5", "6"])
    }

    @Test("a full pass reads shifts and non-job appointments within the horizon with active=Any, and sweeps availability once both are read")
    func fullPassQueriesAndSweep() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.shifts,
            .json(Fixture.listPage([Fixture.shift(id: 1, start: "2026-11-23T14:00:00Z", end: "2026-11-23T22:00:00Z", modifiedOn: "2026-11-20T01:00:00Z")], hasMore: false)))
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(runID: 9))

        let shiftCall = try #require(await transport.calls(to: Fixture.shifts).first)
        #expect(shiftCall.query["active"] == "Any")
        #expect(shiftCall.query["sort"] == "+ModifiedOn")
        #expect(shiftCall.query["startsOnOrAfter"] == "2026-11-22T00:00:00Z")
        #expect(shiftCall.query["modifiedOnOrAfter"] == nil)
        #expect(shiftCall.query["pageSize"] == "500")
        let nonJobCall = try #require(await transport.calls(to: Fixture.nonJobAppointments).first)
        #expect(nonJobCall.query["activeOnly"] == "false")
        #expect(nonJobCall.query["active"] == "Any")
        #expect(nonJobCall.query["startsOnOrAfter"] == "2026-11-22T00:00:00Z")

        let batches = await sink.batches
        let shiftBatch = try #require(batches.first { !$0.availability.isEmpty })
        #expect(shiftBatch.sweeps.isEmpty)
        #expect(shiftBatch.cursors.contains(SourceCursor(key: "pass/availability", value: "9")))
        let sweeps = batches.flatMap(\.sweeps).filter { $0.entity == .availability }
        #expect(sweeps == [Sweep(entity: .availability, sinceRun: 9, range: Fixture.horizon)])
        let merged = await sink.merged
        #expect(merged.cursorValue("pass/availability") == "")
        #expect(merged.cursorValue("pass/technician-shifts") == "")
        #expect(merged.cursorValue("pass/non-job-appointments") == "")
    }

    @Test("an incremental run asks for changes since the high-water mark and leaves out what it delivered before")
    func incremental() async throws {
        let transport = ScriptedTransport()
        let seen = "2026-11-21T10:00:00.5Z"
        await transport.enqueue(
            Fixture.shifts,
            .json(
                Fixture.listPage(
                    [
                        Fixture.shift(id: 11, start: "2026-11-23T14:00:00Z", end: "2026-11-23T22:00:00Z", modifiedOn: "2026-11-21T10:00:00.5000000Z"),
                        Fixture.shift(id: 12, start: "2026-11-24T14:00:00Z", end: "2026-11-24T22:00:00Z", modifiedOn: "2026-11-21T11:30:00+00:00"),
                    ], hasMore: false)))
        var cursors = Fixture.syncedCursors(except: ["list/technician-shifts"])
        cursors.append(SourceCursor(key: "list/technician-shifts", value: seen, payload: Array("11".utf8)))
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(cursors: cursors))

        let call = try #require(await transport.calls(to: Fixture.shifts).first)
        #expect(call.query["modifiedOnOrAfter"] == seen)
        // Between passes too, only what starts inside the horizon: an incremental run stores
        // nothing a full pass would not.
        #expect(call.query["startsOnOrAfter"] == "2026-11-22T00:00:00Z")
        #expect(call.url.absoluteString.contains("modifiedOnOrAfter=2026-11-21T10%3A00%3A00.5Z"))
        let merged = await sink.merged
        #expect(merged.availability.map(\.source.externalID) == ["shift/12"])
        #expect(merged.sweeps.isEmpty)
        let cursor = try #require(merged.cursors["list/technician-shifts"])
        #expect(cursor.value == "2026-11-21T11:30:00Z")
        #expect(cursor.payload == Array("12".utf8))
    }

    @Test("when shifts finished but non-job appointments failed, the availability sweep waits for the next run")
    func sweepWaitsForBothParts() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.nonJobAppointments, .status(500), .status(500), .status(500))
        let first = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(runID: 7))
        let afterFirst = await first.merged
        #expect(afterFirst.sweeps.filter { $0.entity == .availability }.isEmpty)
        #expect(afterFirst.failures.map(\.part) == ["non-job-appointments"])
        #expect(afterFirst.cursorValue("pass/availability") == "7")
        #expect(afterFirst.cursorValue("pass/technician-shifts") == "")
        #expect(afterFirst.cursorValue("pass/non-job-appointments") == "7")

        let next = ScriptedTransport()
        let second = try await Fixture.pull(
            Fixture.adapter(next), Fixture.request(runID: 8, cursors: Array(afterFirst.cursors.values)))
        #expect(await next.calls(to: Fixture.shifts).first?.query["startsOnOrAfter"] == "2026-11-22T00:00:00Z")
        #expect(await next.calls(to: Fixture.nonJobAppointments).first?.query["startsOnOrAfter"] == "2026-11-22T00:00:00Z")
        #expect(await second.merged.sweeps.filter { $0.entity == .availability } == [
            Sweep(entity: .availability, sinceRun: 7, range: Fixture.horizon)
        ])
    }
}
