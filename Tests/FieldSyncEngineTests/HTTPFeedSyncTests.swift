import FieldSyncCore
import FieldSyncEngine
import FieldSyncICalendar
import FieldSyncStore
import Foundation
import Logging
import Synchronization
import Testing

@Suite("Syncing iCalendar feeds over HTTP (a real server on loopback)")
struct HTTPFeedSyncTests {
    let maria = TechnicianSpec(id: "maria", name: "Maria Lopez", timeZone: "America/Chicago")

    func runner(_ ws: Workspace, port: Int, path: String = "/calendars/maria/private-7f3a9c/basic.ics", logger: Logger = Logger(label: "t"))
        throws -> SyncRunner
    {
        let url = URL(string: "http://127.0.0.1:\(port)\(path)?token=hunter2")!
        let feed = ICalendarFeed(name: "maria-cal", technician: maria, location: .url(url, headers: ["Authorization": "Bearer abc123"]))
        let adapter = ICalendarAdapter(
            sourceName: "cal", feeds: [feed], transport: URLSessionTransport(), retryWait: { _ in })
        return SyncRunner(store: try ws.store(logger: logger), adapters: [adapter], logger: logger, fieldsyncVersion: "test")
    }

    @Test("the second sync asks with If-None-Match, gets 304, downloads nothing and changes nothing")
    func conditional() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            let r = try runner(ws, port: port)
            let first = await r.run(horizon: .testHorizon)
            #expect(first.sources[0].counts.inserted == 12)
            let second = await r.run(horizon: .testHorizon)
            #expect(second.outcome == .succeeded)
            #expect(second.sources[0].counts.unchanged == 12)
            #expect(second.sources[0].notes.contains("maria-cal: not modified since the last sync"))
        }
        let seen = server.requests
        #expect(seen.count == 2)
        #expect(seen[0].ifNoneMatch == nil)
        #expect(seen[1].ifNoneMatch == "\"v1\"")
        #expect(seen[1].ifModifiedSince == "Sun, 01 Nov 2026 01:00:00 GMT")
        #expect(seen[1].status == 304)
        #expect(seen.allSatisfy { $0.authorization == "Bearer abc123" })
    }

    @Test("a 304 still expands the stored feed over a later horizon")
    func notModifiedNewHorizon() async throws {
        let ws = try Workspace()
        let daily = "UID:d\nDTSTART;TZID=America/Chicago:20260101T080000\nDTEND;TZID=America/Chicago:20260101T090000\nRRULE:FREQ=DAILY\nSUMMARY:Daily"
        let server = FeedServer(body: Feed.calendar([daily]))
        try await server.serve { port in
            let r = try runner(ws, port: port)
            _ = await r.run(horizon: .testHorizon)
            var later = TimeRange.testHorizon
            later.start = later.start.addingTimeInterval(10 * 86_400)
            later.end = later.end.addingTimeInterval(10 * 86_400)
            let report = await r.run(horizon: later)
            #expect(report.sources[0].counts.inserted == 10)
        }
        #expect(server.requests.last?.status == 304)
    }

    @Test("a changed feed is downloaded again and its changes applied")
    func changedFeed() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            let r = try runner(ws, port: port)
            _ = await r.run(horizon: .testHorizon)
            server.setBody(Feed.calendar(Array(Feed.twelveJobs.dropLast())))
            let report = await r.run(horizon: .testHorizon)
            #expect(report.sources[0].counts.removed == 1)
        }
        #expect(server.requests.map(\.status) == [200, 200])
    }

    @Test("5xx and 429 are retried, honouring Retry-After, and then the sync succeeds")
    func retries() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        server.script([.status(503), .status(429, retryAfter: "2")])
        try await server.serve { port in
            let report = await (try runner(ws, port: port)).run(horizon: .testHorizon)
            #expect(report.outcome == .succeeded)
            #expect(report.sources[0].counts.inserted == 12)
        }
        #expect(server.requests.map(\.status) == [503, 429, 200])
    }

    @Test("a server that keeps failing fails the feed, and the cached windows stay")
    func persistentFailure() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            let r = try runner(ws, port: port)
            _ = await r.run(horizon: .testHorizon)
            server.script([.status(500), .status(502), .status(504)])
            let report = await r.run(horizon: .testHorizon)
            #expect(report.outcome == .failed)
            #expect(report.sources[0].failures.first?.isTransient == true)
            #expect(report.sources[0].failures.first?.message.contains("504 (after 3 attempts)") == true)
        }
        #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)
    }

    @Test("a login page served with 200 is not taken as an empty calendar")
    func htmlInsteadOfCalendar() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            let r = try runner(ws, port: port)
            _ = await r.run(horizon: .testHorizon)
            server.script([.html])
            let report = await r.run(horizon: .testHorizon)
            #expect(report.sources[0].state == .failed)
            #expect(report.sources[0].failures.first?.message.contains("not iCalendar (text/html") == true)
            #expect(report.sources[0].failures.first?.isTransient == false)
        }
        #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)
    }

    @Test("a body cut off mid-download removes nothing")
    func truncatedBody() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            let r = try runner(ws, port: port)
            _ = await r.run(horizon: .testHorizon)
            server.script([.truncated])
            let report = await r.run(horizon: .testHorizon)
            #expect(report.outcome == .partial)
            #expect(report.sources[0].counts.removed == 0)
        }
        #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)
    }

    @Test("a truncated download is not remembered: the next sync downloads the feed again instead of getting 304")
    func truncatedIsNotCached() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        server.script([.truncated])
        try await server.serve { port in
            let r = try runner(ws, port: port)
            let first = await r.run(horizon: .testHorizon)
            #expect(first.outcome == .partial)
            let second = await r.run(horizon: .testHorizon)
            #expect(second.outcome == .succeeded)
            #expect(try ws.store().availability(technicianID: "maria", overlapping: .testHorizon).count == 12)
        }
        let seen = server.requests
        #expect(seen.count == 2)
        #expect(seen[1].ifNoneMatch == nil)
        #expect(seen[1].status == 200)
    }

    @Test("credentials do not follow a redirect to another host")
    func redirectDropsCredentials() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            server.script([.redirect("http://localhost:\(port)/moved/basic.ics")])
            let report = await (try runner(ws, port: port)).run(horizon: .testHorizon)
            #expect(report.outcome == .succeeded)
        }
        let seen = server.requests
        #expect(seen.count == 2)
        #expect(seen[0].authorization == "Bearer abc123")
        #expect(seen[1].path == "/moved/basic.ics")
        #expect(seen[1].authority?.hasPrefix("localhost") == true)
        #expect(seen[1].authorization == nil)
    }

    @Test("a redirect to the same origin keeps the credentials")
    func sameOriginRedirect() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        try await server.serve { port in
            server.script([.redirect("http://127.0.0.1:\(port)/moved/basic.ics")])
            _ = await (try runner(ws, port: port)).run(horizon: .testHorizon)
        }
        #expect(server.requests.map(\.authorization) == ["Bearer abc123", "Bearer abc123"])
    }

    @Test("401 says the link or credentials are no longer valid, without retrying")
    func unauthorized() async throws {
        let ws = try Workspace()
        let server = FeedServer(body: Feed.calendar(Feed.twelveJobs))
        server.script([.status(401)])
        try await server.serve { port in
            let report = await (try runner(ws, port: port)).run(horizon: .testHorizon)
            #expect(report.sources[0].failures.first?.message.contains("refused access (401)") == true)
        }
        #expect(server.requests.count == 1)
    }

    @Test("logs and reports never contain the feed's secret path, query, credentials or event titles")
    func redaction() async throws {
        let ws = try Workspace()
        let logs = CapturedLogs()
        let server = FeedServer(body: Feed.calendar([Feed.event(uid: "x", start: "20261201T090000", end: "20261201T100000", summary: "Fix sink for Mrs Kowalski")]))
        server.script([.status(500), .status(500), .status(500)])
        let reports = Mutex("")
        try await server.serve { port in
            let r = try runner(ws, port: port, logger: logs.logger())
            let failed = await r.run(horizon: .testHorizon)
            let ok = await r.run(horizon: .testHorizon)
            let encoder = JSONEncoder()
            let text = String(decoding: try encoder.encode(failed), as: UTF8.self) + String(decoding: try encoder.encode(ok), as: UTF8.self)
            reports.withLock { $0 = text }
        }
        let text = logs.text + reports.withLock { $0 }
        #expect(!logs.all.isEmpty)
        #expect(logs.text.contains("127.0.0.1"))
        for secret in ["private-7f3a9c", "hunter2", "abc123", "Kowalski"] {
            #expect(!logs.text.contains(secret), "logs contain \(secret)")
        }
        for secret in ["private-7f3a9c", "hunter2", "abc123"] {
            #expect(!text.contains(secret), "report contains \(secret)")
        }
    }
}
