import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncServiceTitan

@Suite("Retries")
struct RetryTests {
    static let maria = #"{"id":10101,"name":"Maria Lopez","active":true}"#

    @Test("a 429 waits as long as Retry-After says, then goes on")
    func retryAfter() async throws {
        let transport = ScriptedTransport()
        let sleeps = SleepRecorder()
        await transport.enqueue(
            Fixture.technicians, .status(429, headers: ["Retry-After": "7"]), .status(429, headers: ["Retry-After": "2"]),
            .json(Fixture.exportPage([Self.maria], hasMore: false, continueFrom: "t1")))
        let sink = try await Fixture.pull(Fixture.adapter(transport, sleeps: sleeps))

        #expect(await sleeps.durations == [.seconds(7), .seconds(2)])
        #expect(await sink.merged.technicians.count == 1)
        #expect(await sink.merged.failures.isEmpty)
    }

    @Test("a truncated body is asked for again")
    func truncatedBodyRetried() async throws {
        let transport = ScriptedTransport()
        let sleeps = SleepRecorder()
        let page = Fixture.exportPage([Self.maria], hasMore: false, continueFrom: "t1")
        await transport.enqueue(Fixture.technicians, .json(String(page.prefix(40))), .json(page))
        let sink = try await Fixture.pull(Fixture.adapter(transport, sleeps: sleeps))

        #expect(await transport.calls(to: Fixture.technicians).count == 2)
        #expect(await sleeps.durations.count == 1)
        let merged = await sink.merged
        #expect(merged.technicians.map(\.id) == ["maria-lopez"])
        #expect(merged.failures.isEmpty)
        #expect(merged.cursorValue("export/technicians") == "t1")
    }

    @Test("a body that stays truncated fails the resource as transient after every attempt; the rest goes on")
    func truncatedBodyGivesUp() async throws {
        let transport = ScriptedTransport()
        let page = Fixture.exportPage([Self.maria], hasMore: false, continueFrom: "t1")
        let cut = ScriptedTransport.Reply.json(String(page.dropLast(3)))
        await transport.enqueue(Fixture.technicians, cut, cut, cut)
        let sink = try await Fixture.pull(Fixture.adapter(transport))

        #expect(await transport.calls(to: Fixture.technicians).count == 3)
        let merged = await sink.merged
        let failure = try #require(merged.failures.first)
        #expect(failure.part == "technicians")
        #expect(failure.isTransient)
        #expect(failure.message.contains("not a complete JSON page"))
        #expect(merged.cursors["export/technicians"] == nil)
        #expect(await transport.calls(to: Fixture.customers).count == 1)
    }

    @Test("5xx after every attempt fails the resource as transient; the others are still read")
    func serverErrors() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(Fixture.customers, .status(503), .status(502), .status(500))
        let sink = try await Fixture.pull(Fixture.adapter(transport))

        let merged = await sink.merged
        #expect(merged.failures.map(\.part) == ["customers"])
        #expect(merged.failures.first?.isTransient == true)
        #expect(merged.failures.first?.message.contains("500") == true)
        #expect(await transport.calls(to: Fixture.locations).count == 1)
    }

    @Test("a request that times out is sent again")
    func timeoutRetried() async throws {
        let transport = ScriptedTransport()
        await transport.enqueue(
            Fixture.technicians, .timeout(), .json(Fixture.exportPage([Self.maria], hasMore: false, continueFrom: "t1")))
        let sink = try await Fixture.pull(Fixture.adapter(transport))

        #expect(await sink.merged.technicians.count == 1)
        #expect(await sink.merged.failures.isEmpty)
    }
}
