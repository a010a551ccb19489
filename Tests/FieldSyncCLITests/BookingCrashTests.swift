import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Testing

/// `fieldsync serve` killed with SIGKILL at every point of a booking's write-through, then started
/// again: every booking ends confirmed exactly once in the sandbox, never lost, never written twice.
/// The sandbox runs as its own process (`fieldsync sandbox serve`), so it outlives the crashes.
@Suite("fieldsync serve survives kill -9", .serialized)
struct BookingCrashTests {
    static let token = "crash-test-token"

    /// A running `fieldsync serve`, and where it listens.
    struct Server {
        let process: BackgroundCLI
        let base: URL
    }

    static func serve(_ config: String, scratch: Scratch, name: String, crashAt: String? = nil) throws -> Server {
        var environment = ["FIELDSYNC_API_TOKEN": token]
        if let crashAt { environment["FIELDSYNC_CRASH_AT"] = crashAt }
        let process = try BackgroundCLI(
            ["serve", "--config", config, "--port", "0"], scratch: scratch, name: name, environment: environment)
        let line = try process.firstLine()
        let prefix = "fieldsync: serving the booking API on "
        #expect(line.hasPrefix(prefix), "\(line) \(process.stderr)")
        let url = String(line.dropFirst(prefix.count)).split(separator: " ").first.map(String.init) ?? ""
        return Server(process: process, base: try #require(URL(string: url)))
    }

    /// One request; nil when the connection died without an answer.
    static func send(_ base: URL, _ method: String, _ path: String, body: String? = nil, key: String? = nil) async -> (Int, [String: Any])? {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let key { request.setValue(key, forHTTPHeaderField: "Idempotency-Key") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        guard let (data, response) = try? await URLSession.shared.data(for: request) else { return nil }
        let json = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        return ((response as! HTTPURLResponse).statusCode, json)
    }

    @Test("a kill -9 at every point of the write-through: after restart, each booking is confirmed exactly once")
    func crashAtEveryPoint() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(scratch)
        defer { sandbox.signal(SIGTERM) }
        let synced = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(synced.status == 0, "\(synced.stderr)")

        // Slots to book, one per crash point, from a server that does not crash.
        let planner = try Self.serve(config, scratch: scratch, name: "planner")
        let tomorrow = ((Date().timeIntervalSince1970 / 86_400).rounded(.down) + 1) * 86_400 + 8 * 3600
        let search = """
            {"job_type": "No Heat", "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"},
             "urgency": "routine", "from": "\(Self.iso(tomorrow))", "to": "\(Self.iso(tomorrow + 4 * 86_400))", "limit": 50}
            """
        let found = try #require(await Self.send(planner.base, "POST", "/v1/slots/search", body: search))
        planner.process.signal(SIGTERM)
        _ = planner.process.wait()
        let slots = try #require(found.1["slots"] as? [[String: Any]]).filter { $0["source"] as? String == "lakeshore-st" }
        // Non-overlapping slots: one technician-day each.
        var chosen: [[String: Any]] = []
        for slot in slots where !chosen.contains(where: { Self.overlaps($0, slot) }) { chosen.append(slot) }
        try #require(chosen.count >= 5, "enough separate slots: \(slots.count)")

        let run = UUID().uuidString.prefix(8)
        var marks: [String] = []
        for (i, point) in ["after-hold", "after-claim", "before-create", "after-create", "after-confirm"].enumerated() {
            let slot = chosen[i]
            let mark = "crash-\(run)-\(point)"
            marks.append(mark)
            let body = """
                {"technician_id": "\(slot["technician_id"]!)", "start": "\(slot["start"]!)", "end": "\(slot["end"]!)",
                 "job": {"job_type": "No Heat", "customer": {"name": "Crash Test \(i)", "phone": "+1 312 555 01\(10 + i)"},
                         "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"},
                         "summary": "\(mark)", "urgency": "routine"}}
                """
            let doomed = try Self.serve(config, scratch: scratch, name: "doomed-\(point)", crashAt: point)
            let answer = await Self.send(doomed.base, "POST", "/v1/bookings", body: body, key: mark)
            #expect(answer == nil, "the server died before answering at \(point)")
            _ = doomed.process.wait()
            #expect(doomed.process.process.terminationReason == .uncaughtSignal, "killed at \(point)")
            #expect(doomed.process.process.terminationStatus == SIGKILL)

            // Restart: recovery runs before the server listens. The client retries with its key.
            let restarted = try Self.serve(config, scratch: scratch, name: "restarted-\(point)")
            let retry = try #require(await Self.send(restarted.base, "POST", "/v1/bookings", body: body, key: mark))
            #expect(retry.0 == 201, "\(point): \(retry.1)")
            #expect(retry.1["status"] as? String == "confirmed", "\(point): \(retry.1)")
            restarted.process.signal(SIGTERM)
            _ = restarted.process.wait()
        }

        // What the sandbox holds, read back through a sync: one job per booking.
        let resync = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(resync.status == 0, "\(resync.stderr)")
        let cache = scratch.path("fieldsync.sqlite")
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: FileManager.default.fileExists(atPath: cache) ? cache : Self.cachePath(config), configuration: configuration)
        let allMarks = marks
        try await queue.read { db in
            for mark in allMarks {
                let jobs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE summary LIKE ?", arguments: ["%\(mark)%"])
                #expect(jobs == 1, "\(mark): one job in ServiceTitan")
                let bookings = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM bookings WHERE idempotency_key = ? AND state = 'confirmed'", arguments: [mark])
                #expect(bookings == 1, "\(mark): one confirmed booking")
            }
        }
    }

    @Test("a job request still on its way when the process died is found after the restart, not written a second time")
    func requestInFlightAtTheCrash() async throws {
        let scratch = try Scratch()
        // The backend takes 3 s to commit a job: the process dies, and restarts, while it does.
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(
            scratch, faults: ["slow:path=jpm/v2/tenant/1000001/jobs,method=POST,delay=3,times=all"])
        defer { sandbox.signal(SIGTERM) }
        let synced = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(synced.status == 0, "\(synced.stderr)")

        let doomed = try Self.serve(config, scratch: scratch, name: "doomed")
        let tomorrow = ((Date().timeIntervalSince1970 / 86_400).rounded(.down) + 1) * 86_400 + 8 * 3600
        let search = """
            {"job_type": "No Heat", "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"},
             "urgency": "routine", "from": "\(Self.iso(tomorrow))", "to": "\(Self.iso(tomorrow + 4 * 86_400))"}
            """
        let found = try #require(await Self.send(doomed.base, "POST", "/v1/slots/search", body: search))
        let slot = try #require((found.1["slots"] as? [[String: Any]])?.first { $0["source"] as? String == "lakeshore-st" })
        let mark = "inflight-\(UUID().uuidString.prefix(8))"
        let body = """
            {"technician_id": "\(slot["technician_id"]!)", "start": "\(slot["start"]!)", "end": "\(slot["end"]!)",
             "job": {"job_type": "No Heat", "customer": {"name": "In Flight", "phone": "+1 312 555 0188"},
                     "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"},
                     "summary": "\(mark)", "urgency": "routine"}}
            """
        let base = doomed.base
        let inFlight = Task { _ = await Self.send(base, "POST", "/v1/bookings", body: body, key: mark) }
        try await Task.sleep(for: .milliseconds(1200))  // the job POST is at the backend by now
        doomed.process.signal(SIGKILL)
        _ = doomed.process.wait()
        await inFlight.value

        let restarted = try Self.serve(config, scratch: scratch, name: "restarted")
        let retry = try #require(await Self.send(restarted.base, "POST", "/v1/bookings", body: body, key: mark))
        #expect(retry.0 == 201 && retry.1["status"] as? String == "confirmed", "\(retry.1)")
        let trail = try #require(await Self.send(restarted.base, "GET", "/v1/bookings/\(retry.1["booking_id"] as? String ?? "")"))
        let events = (trail.1["events"] as? [[String: Any]] ?? []).compactMap { $0["detail"] as? String }
        #expect(events.contains { $0.contains("found by its marker") }, "\(events)")
        restarted.process.signal(SIGTERM)
        _ = restarted.process.wait()

        let resync = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(resync.status == 0, "\(resync.stderr)")
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: Self.cachePath(config), configuration: configuration)
        let jobs = try await queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE summary LIKE ?", arguments: ["%\(mark)%"])
        }
        #expect(jobs == 1, "one job in ServiceTitan")
    }

    @Test("kill -9 at random moments while bookings are in flight against a slow backend: each ends written once or cleanly failed")
    func crashAtRandomMoments() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(
            scratch, faults: ["slow:path=jpm/v2/tenant/1000001/jobs,method=POST,delay=0.4,times=all"])
        defer { sandbox.signal(SIGTERM) }
        let synced = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(synced.status == 0, "\(synced.stderr)")

        let planner = try Self.serve(config, scratch: scratch, name: "planner")
        let tomorrow = ((Date().timeIntervalSince1970 / 86_400).rounded(.down) + 1) * 86_400 + 8 * 3600
        var chosen: [(slot: [String: Any], jobType: String)] = []
        for jobType in ["No Heat", "Drain Cleaning", "Outlet Repair"] {
            let search = """
                {"job_type": "\(jobType)", "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"},
                 "urgency": "routine", "from": "\(Self.iso(tomorrow))", "to": "\(Self.iso(tomorrow + 6 * 86_400))", "limit": 50}
                """
            let found = try #require(await Self.send(planner.base, "POST", "/v1/slots/search", body: search))
            for slot in (found.1["slots"] as? [[String: Any]] ?? []) where slot["source"] as? String == "lakeshore-st"
                && !chosen.contains(where: { Self.overlaps($0.slot, slot) })
            {
                chosen.append((slot, jobType))
            }
        }
        planner.process.signal(SIGTERM)
        _ = planner.process.wait()
        try #require(chosen.count >= 12, "enough separate slots: \(chosen.count)")

        let run = UUID().uuidString.prefix(8)
        var outcomes: [String: String] = [:]
        for round in 0..<3 {
            let doomed = try Self.serve(config, scratch: scratch, name: "random-\(round)")
            let batch = Array(chosen[(round * 4)..<(round * 4 + 4)])
            var bodies: [String: String] = [:]
            for (i, item) in batch.enumerated() {
                let mark = "kill-\(run)-\(round)-\(i)"
                bodies[mark] = """
                    {"technician_id": "\(item.slot["technician_id"]!)", "start": "\(item.slot["start"]!)", "end": "\(item.slot["end"]!)",
                     "job": {"job_type": "\(item.jobType)", "customer": {"name": "Kill Test \(round)-\(i)", "phone": "+1 312 555 02\(10 + round * 4 + i)"},
                             "address": {"street": "1418 W Addison St", "city": "Chicago", "state": "IL", "zip": "60613"},
                             "summary": "\(mark)", "urgency": "routine"}}
                    """
            }
            let base = doomed.base
            let requests = bodies
            let inFlight = Task {
                await withTaskGroup(of: Void.self) { group in
                    for (mark, body) in requests {
                        group.addTask { _ = await Self.send(base, "POST", "/v1/bookings", body: body, key: mark) }
                    }
                }
            }
            // Somewhere between the holds and the last write.
            try await Task.sleep(for: .milliseconds([150, 700, 1300][round]))
            doomed.process.signal(SIGKILL)
            _ = doomed.process.wait()
            await inFlight.value

            let restarted = try Self.serve(config, scratch: scratch, name: "after-random-\(round)")
            for (mark, body) in bodies {
                let retry = try #require(await Self.send(restarted.base, "POST", "/v1/bookings", body: body, key: mark))
                let status = retry.1["status"] as? String ?? ((retry.1["error"] as? [String: Any])?["code"] as? String ?? "?")
                #expect(retry.0 == 201 || retry.0 == 409, "\(mark): \(retry.1)")
                outcomes[mark] = status
            }
            restarted.process.signal(SIGTERM)
            _ = restarted.process.wait()
        }

        let resync = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(resync.status == 0, "\(resync.stderr)")
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: Self.cachePath(config), configuration: configuration)
        let final = outcomes
        try await queue.read { db in
            for (mark, status) in final {
                let jobs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE summary LIKE ?", arguments: ["%\(mark)%"])
                #expect(jobs == (status == "confirmed" ? 1 : 0), "\(mark) ended \(status) with \(jobs ?? -1) job(s)")
            }
        }
        #expect(final.values.filter { $0 == "confirmed" }.count >= 8, "most bookings survive: \(final)")
    }

    static func iso(_ seconds: TimeInterval) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    static func overlaps(_ a: [String: Any], _ b: [String: Any]) -> Bool {
        guard a["technician_id"] as? String == b["technician_id"] as? String else { return false }
        let f = ISO8601DateFormatter()
        guard let aStart = (a["start"] as? String).flatMap(f.date(from:)), let aEnd = (a["end"] as? String).flatMap(f.date(from:)),
            let bStart = (b["start"] as? String).flatMap(f.date(from:)), let bEnd = (b["end"] as? String).flatMap(f.date(from:))
        else { return true }
        return aStart < bEnd.addingTimeInterval(3600) && bStart < aEnd.addingTimeInterval(3600)
    }

    /// The cache a written sandbox configuration names.
    static func cachePath(_ config: String) -> String {
        let text = (try? String(contentsOfFile: config, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("database:") } ?? ""
        let value = line.dropFirst("database:".count).trimmingCharacters(in: .whitespaces)
        return value.hasPrefix("/") ? value : URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent(value).path
    }
}
