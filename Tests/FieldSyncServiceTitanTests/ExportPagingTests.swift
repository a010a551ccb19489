import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Export feeds")
struct ExportPagingTests {
    static func technician(_ id: Int) -> String { #"{"id":\#(id),"name":"Tech \#(id)","active":true,"modifiedOn":"2026-11-20T08:00:00Z"}"# }

    @Test("a first run reads a feed from the beginning, commits each page with the cursor after it, and ends with a sweep")
    func firstRun() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.technicians,
            .json(Fixture.exportPage([Self.technician(1), Self.technician(2)], hasMore: true, continueFrom: "c1")),
            .json(Fixture.exportPage([Self.technician(3)], hasMore: false, continueFrom: "c2")))
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(runID: 7))

        let calls = await transport.calls(to: Fixture.technicians)
        #expect(calls.map { $0.query["from"] } == [nil, "c1"])

        let pages = await sink.batches.filter { !$0.technicians.isEmpty }
        try #require(pages.count == 2)
        #expect(pages[0].technicians.map(\.source.externalID) == ["1", "2"])
        #expect(pages[0].cursors.map(\.key).sorted() == ["export/technicians", "pass/technicians"])
        #expect(pages[0].cursors.first { $0.key == "export/technicians" }?.value == "c1")
        #expect(pages[0].cursors.first { $0.key == "pass/technicians" }?.value == "7")
        #expect(pages[0].sweeps.isEmpty)

        #expect(pages[1].technicians.map(\.source.externalID) == ["3"])
        #expect(pages[1].cursors.first { $0.key == "export/technicians" }?.value == "c2")
        #expect(pages[1].cursors.first { $0.key == "pass/technicians" }?.value == "")
        #expect(pages[1].sweeps == [Sweep(entity: .technicians, sinceRun: 7)])
        #expect(pages[1].completeParts.contains("technicians"))

        let progress = await sink.progressReports.filter { $0.resource == "technicians" }
        #expect(progress.map(\.pages) == [1, 2])
        #expect(progress.map(\.records) == [2, 3])
    }

    @Test("a later run resumes every feed from its saved continueFrom and sweeps nothing")
    func resumesFromSavedPosition() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.technicians, .json(Fixture.exportPage([Self.technician(4)], hasMore: false, continueFrom: "c5")))
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(cursors: Fixture.syncedCursors()))

        #expect(await transport.calls(to: Fixture.technicians).map { $0.query["from"] } == ["saved-technicians"])
        #expect(await transport.calls(to: Fixture.jobs).map { $0.query["from"] } == ["saved-jobs"])
        let merged = await sink.merged
        #expect(merged.sweeps.isEmpty)
        #expect(merged.cursorValue("export/technicians") == "c5")
        #expect(merged.cursors["pass/technicians"] == nil)
    }

    @Test("an export position the server no longer accepts starts that feed over as a full pass ending in a sweep")
    func invalidContinuationToken() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.appointments,
            .problem(400, title: "The continuation token is invalid or has expired", errors: ["from": ["Invalid continuation token"]]),
            .json(Fixture.exportPage([], hasMore: true, continueFrom: "a1")),
            .json(Fixture.exportPage([], hasMore: false, continueFrom: "a2")))
        let sink = try await Fixture.pull(
            Fixture.adapter(transport), Fixture.request(runID: 12, cursors: Fixture.syncedCursors()))

        #expect(await transport.calls(to: Fixture.appointments).map { $0.query["from"] } == ["saved-appointments", nil, "a1"])
        let merged = await sink.merged
        #expect(merged.sweeps == [Sweep(entity: .appointments, sinceRun: 12)])
        #expect(merged.failures.isEmpty)
        #expect(merged.notes.contains { $0.hasPrefix("appointments:") && $0.contains("full pass") })
        #expect(merged.cursorValue("export/appointments") == "a2")
        #expect(merged.cursorValue("pass/appointments") == "")
    }

    @Test("a feed refused again after starting over is a failure, not a loop")
    func invalidTokenTwice() async throws {
        let transport = ScriptedTransport()
        let refused = ScriptedTransport.Reply.problem(400, title: "Invalid continuation token")
        await transport.enqueue(Fixture.jobs, refused, .json(Fixture.exportPage([], hasMore: true, continueFrom: "j1")), refused)
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(cursors: Fixture.syncedCursors()))

        #expect(await transport.calls(to: Fixture.jobs).count == 3)
        let failure = try #require(await sink.merged.failures.first)
        #expect(failure.part == "jobs")
        #expect(!failure.isTransient)
    }

    @Test("a full pass cut short is resumed by the next run, and its sweep counts from the run it began in")
    func interruptedPassResumes() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.customers, .json(Fixture.exportPage([], hasMore: false, continueFrom: "end-of-customers")))
        let cursors = Fixture.syncedCursors(except: ["export/customers"]) + [
            SourceCursor(key: "export/customers", value: "middle-of-pass"), SourceCursor(key: "pass/customers", value: "5"),
        ]
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(runID: 7, cursors: cursors))

        #expect(await transport.calls(to: Fixture.customers).map { $0.query["from"] } == ["middle-of-pass"])
        let batch = try #require(await sink.batches.first { !$0.sweeps.isEmpty })
        #expect(batch.sweeps == [Sweep(entity: .customers, sinceRun: 5)])
        // Part of the pass was read by an earlier run: its rejects may not be resolved here.
        #expect(!batch.completeParts.contains("customers"))
    }

    @Test("a full pass (sync --full) starts every feed over and sweeps every entity, availability within the horizon")
    func fullPass() async throws {
        let transport = ScriptedTransport()
        let sink = try await Fixture.pull(
            Fixture.adapter(transport), Fixture.request(runID: 30, cursors: Fixture.syncedCursors(), fullPass: true))

        for path in [Fixture.technicians, Fixture.customers, Fixture.locations, Fixture.contacts, Fixture.jobs,
            Fixture.appointments, Fixture.assignments]
        {
            #expect(await transport.calls(to: path).map { $0.query["from"] } == [nil])
        }
        let sweeps = await sink.merged.sweeps
        #expect(
            Set(sweeps) == [
                Sweep(entity: .technicians, sinceRun: 30), Sweep(entity: .customers, sinceRun: 30),
                Sweep(entity: .locations, sinceRun: 30), Sweep(entity: .jobs, sinceRun: 30),
                Sweep(entity: .appointments, sinceRun: 30), Sweep(entity: .assignments, sinceRun: 30),
                Sweep(entity: .availability, sinceRun: 30, range: Fixture.horizon),
            ])
        #expect(sweeps.count == 7)
    }

    @Test("a feed that claims more but gives back the same continueFrom is stopped with a transient failure")
    func stalledFeed() async throws {
        let transport = ScriptedTransport()
        await transport.handle(Fixture.technicians) { _ in
            .json(Fixture.exportPage([Self.technician(1)], hasMore: true, continueFrom: "saved-technicians"))
        }
        let sink = try await Fixture.pull(Fixture.adapter(transport), Fixture.request(cursors: Fixture.syncedCursors()))

        #expect(await transport.calls(to: Fixture.technicians).count == 1)
        let merged = await sink.merged
        #expect(merged.technicians.count == 1)
        #expect(merged.failures.map(\.part) == ["technicians"])
        #expect(merged.failures.first?.isTransient == true)
        #expect(merged.failures.first?.message.contains("same continueFrom") == true)
    }

    @Test("a commit the engine refuses stops the pull at once and is rethrown unchanged")
    func interruptedCommit() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.technicians, .json(Fixture.exportPage([Self.technician(1)], hasMore: true, continueFrom: "c1")))
        let adapter = Fixture.adapter(transport)
        let sink = RecordingSink(interruptOnCommit: 1)
        let error = try await #require(throws: PullInterrupted.self) {
            try await adapter.pull(Fixture.request(), into: sink)
        }
        #expect(error.reason == "mass-delete brake held (test)")
        #expect(await transport.calls(to: Fixture.technicians).count == 1)
        #expect(await transport.calls(to: Fixture.customers).isEmpty)
        #expect(await sink.batches.isEmpty)
    }
}
