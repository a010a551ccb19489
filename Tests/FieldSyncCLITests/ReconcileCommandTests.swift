import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import Testing

/// `fieldsync reconcile` as cron runs it: against `fieldsync sandbox serve` in its own process,
/// after the shop changed things in the backends through the vendors' own APIs.
@Suite("fieldsync reconcile", .serialized)
struct ReconcileCommandTests {
    /// A shop user editing the schedule in ServiceTitan and Housecall Pro, through their APIs.
    struct ShopUser {
        let base: URL

        init(config: String) throws {
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.contains("api_url:") && $0.contains("/servicetitan") })
            let url = String(line.split(separator: " ").last ?? "").replacingOccurrences(of: "/servicetitan", with: "")
            base = try #require(URL(string: url))
        }

        func send(_ method: String, _ path: String, headers: [String: String], body: Data?) async throws -> (Int, Any?) {
            var request = URLRequest(url: base.appendingPathComponent(path))
            request.httpMethod = method
            request.timeoutInterval = 20
            for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
            request.httpBody = body
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as! HTTPURLResponse).statusCode, try? JSONSerialization.jsonObject(with: data))
        }

        func serviceTitanToken() async throws -> String {
            let form = "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"
            let (status, json) = try await send(
                "POST", "servicetitan/connect/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data(form.utf8))
            #expect(status == 200)
            return try #require((json as? [String: Any])?["access_token"] as? String)
        }

        /// One ServiceTitan call (`module`: jpm, dispatch; `resource` after the tenant).
        @discardableResult
        func serviceTitan(_ method: String, _ module: String, _ resource: String, token: String, json: [String: Any]? = nil)
            async throws -> Int
        {
            let body = try json.map { try JSONSerialization.data(withJSONObject: $0) }
            let (status, reply) = try await send(
                method, "servicetitan/\(module)/v2/tenant/1000001/\(resource)",
                headers: ["Authorization": "Bearer \(token)", "ST-App-Key": "sandbox-app-key", "Content-Type": "application/json"],
                body: body)
            #expect((200..<300).contains(status), "\(method) \(resource): \(status) \(String(describing: reply))")
            return status
        }
    }

    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// Future appointments of the ServiceTitan source, as the cache has them.
    struct CachedAppointment {
        var id: String
        var job: String
        var start: Date
        var end: Date
        var technicianExternalIDs: [String]
    }

    static func appointments(_ config: String) throws -> [CachedAppointment] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: BookingCrashTests.cachePath(config), configuration: configuration)
        return try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.external_id, a.job_external_id, a.starts_at, a.ends_at,
                        (SELECT group_concat(t.external_id) FROM appointment_assignments s JOIN technicians t ON t.id = s.technician_id
                         WHERE s.source = a.source AND s.appointment_external_id = a.external_id AND s.active = 1) AS techs
                    FROM appointments a JOIN jobs j ON j.source = a.source AND j.external_id = a.job_external_id
                    WHERE a.source = 'lakeshore-st' AND a.deleted_at IS NULL AND a.status = 'scheduled' AND j.deleted_at IS NULL
                        AND a.starts_at > ? AND a.ends_at > a.starts_at
                    ORDER BY a.starts_at, a.external_id
                    """, arguments: [Date().addingTimeInterval(86_400)]
            ).map { row in
                CachedAppointment(
                    id: row[0], job: row[1], start: row[2], end: row[3],
                    technicianExternalIDs: ((row[4] as String?) ?? "").split(separator: ",").map(String.init))
            }
        }
    }

    static func differences(_ json: [String: Any]) -> [(source: String, entity: String, id: String, change: String, fields: [String])] {
        (json["differences"] as? [[String: Any]] ?? []).map { d in
            (
                d["source"] as? String ?? "", d["entity"] as? String ?? "", d["id"] as? String ?? "", d["change"] as? String ?? "",
                (d["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            )
        }
    }

    @Test("right after a sync the backends and the cache agree: exit 0, and the JSON says what was compared")
    func cleanAfterSync() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(scratch)
        defer { sandbox.signal(SIGTERM) }
        let synced = try await CLI.detached(["sync", "--config", config])
        #expect(synced.status == 0, "\(synced.stderr)")

        let run = try await CLI.detached(["reconcile", "--config", config, "--json"])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let json = try #require(try run.json() as? [String: Any])
        #expect(json["outcome"] as? String == "clean")
        #expect(json["exit_code"] as? Int == 0)
        #expect(json["mode"] as? String == "repair")
        for key in ["run_id", "summary", "sources", "differences", "bookings", "over_holds", "findings", "history", "started_at"] {
            #expect(json[key] != nil, "\(key) is in the report")
        }
        let sources = try #require(json["sources"] as? [[String: Any]])
        #expect(Set(sources.compactMap { $0["source"] as? String }) == ["lakeshore-st", "frontrange-hcp"])
        for source in sources {
            #expect(source["state"] as? String == "compared", "\(source)")
            let compared = Set(source["compared"] as? [String] ?? [])
            #expect(compared.isSuperset(of: ["jobs", "appointments", "technicians"]), "\(source)")
            #expect((source["not_compared"] as? [String] ?? []).isEmpty)
        }
        #expect((json["differences"] as? [Any])?.isEmpty == true)

        let text = try await CLI.detached(["reconcile", "--config", config])
        #expect(text.status == 0)
        #expect(text.stdout.contains("result: clean (exit 0)"), "\(text.stdout)")
    }

    @Test("changes made in ServiceTitan's own API are each reported once; --dry-run changes nothing; the repair makes the next run clean")
    func driftThroughTheVendorAPI() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(scratch)
        defer { sandbox.signal(SIGTERM) }
        let synced = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(synced.status == 0, "\(synced.stderr)")

        // Four appointments of four different jobs: moved, reassigned, canceled with its job, and
        // deleted (ServiceTitan deletes only an appointment that is not its job's only one).
        let all = try Self.appointments(config)
        let perJob = Dictionary(grouping: all, by: \.job).mapValues(\.count)
        let deleted = try #require(all.first { perJob[$0.job, default: 0] >= 2 })
        var picked: [CachedAppointment] = []
        for a in all where a.job != deleted.job && !picked.contains(where: { $0.job == a.job }) && !a.technicianExternalIDs.isEmpty {
            picked.append(a)
            if picked.count == 3 { break }
        }
        try #require(picked.count == 3)
        let (moved, reassigned, canceled) = (picked[0], picked[1], picked[2])
        let canceledJobAppointments = try Self.appointments(config).filter { $0.job == canceled.job }.map(\.id)
        let user = try ShopUser(config: config)
        let token = try await user.serviceTitanToken()
        try await user.serviceTitan(
            "PATCH", "jpm", "appointments/\(moved.id)/reschedule", token: token,
            json: ["start": Self.iso(moved.start.addingTimeInterval(7200)), "end": Self.iso(moved.end.addingTimeInterval(7200))])
        let from = try #require(reassigned.technicianExternalIDs.first)
        let to = ["10101", "10102", "10103"].first { !reassigned.technicianExternalIDs.contains($0) }!
        try await user.serviceTitan(
            "POST", "dispatch", "appointment-assignments/assign-technicians", token: token,
            json: ["jobAppointmentId": Int(reassigned.id)!, "technicianIds": [Int(to)!]])
        try await user.serviceTitan(
            "POST", "dispatch", "appointment-assignments/unassign-technicians", token: token,
            json: ["jobAppointmentId": Int(reassigned.id)!, "technicianIds": [Int(from)!]])
        try await user.serviceTitan(
            "PUT", "jpm", "jobs/\(canceled.job)/cancel", token: token, json: ["reasonId": 1, "memo": "Customer called to cancel"])
        try await user.serviceTitan("DELETE", "jpm", "appointments/\(deleted.id)", token: token)

        // A dry run finds it all and changes nothing.
        let cache = BookingCrashTests.cachePath(config)
        let before = try FieldServiceSyncCommandTests.content(cache)
        let dry = try await CLI.detached(["reconcile", "--config", config, "--dry-run", "--json", "--no-check"])
        #expect(dry.status == 1, "\(dry.stdout)\n\(dry.stderr)")
        let dryJSON = try #require(try dry.json() as? [String: Any])
        #expect(dryJSON["outcome"] as? String == "drift_found")
        #expect(try FieldServiceSyncCommandTests.content(cache) == before, "a dry run leaves the cache as it was")

        let repair = try await CLI.detached(["reconcile", "--config", config, "--json"])
        #expect(repair.status == 1, "\(repair.stdout)\n\(repair.stderr)")
        let json = try #require(try repair.json() as? [String: Any])
        #expect(json["outcome"] as? String == "repaired")
        let found = Self.differences(json).filter { $0.source == "lakeshore-st" }
        for report in [Self.differences(dryJSON).filter { $0.source == "lakeshore-st" }, found] {
            let keys = report.map { "\($0.entity)/\($0.id)" }
            #expect(Set(keys).count == keys.count, "each record once: \(keys)")
            var expected: Set<String> = ["appointment/\(moved.id)", "appointment/\(reassigned.id)", "job/\(canceled.job)",
                "appointment/\(deleted.id)"]
            for id in canceledJobAppointments { expected.insert("appointment/\(id)") }
            #expect(Set(keys) == expected, "exactly the changes made: \(report)")
        }
        func entry(_ key: String) -> (source: String, entity: String, id: String, change: String, fields: [String])? {
            found.first { "\($0.entity)/\($0.id)" == key }
        }
        #expect(entry("appointment/\(moved.id)")?.change == "changed")
        #expect(entry("appointment/\(moved.id)")?.fields.contains("starts_at") == true)
        #expect(entry("appointment/\(reassigned.id)")?.fields == ["technicians"], "a reassignment is one change of technicians")
        #expect(entry("job/\(canceled.job)")?.fields.contains("status") == true)
        #expect(entry("appointment/\(deleted.id)")?.change == "deleted")
        let reassignment = (json["differences"] as? [[String: Any]] ?? []).first { $0["id"] as? String == reassigned.id }
        let field = (reassignment?["fields"] as? [[String: Any]])?.first
        #expect((field?["after"] as? String)?.isEmpty == false && field?["before"] as? String != field?["after"] as? String)
        #expect((json["summary"] as? [String: Any])?["not_repaired"] as? Int == 0)

        // The cache now says what ServiceTitan says; the next run is clean.
        let again = try await CLI.detached(["reconcile", "--config", config, "--json", "--no-check"])
        #expect(again.status == 0, "\(again.stdout)")
        #expect(Self.differences(try #require(try again.json() as? [String: Any])).isEmpty)

        // The week's history: the dry run, the repair, the clean run.
        let history = try await CLI.detached(["reconcile", "--config", config, "--history", "--json"])
        #expect(history.status == 0, "\(history.stderr)")
        let runs = try #require(try history.json() as? [[String: Any]])
        #expect(runs.map { $0["state"] as? String ?? "" } == ["clean", "repaired", "drift_found"])
        #expect((runs[1]["changed"] as? Int ?? 0) >= 3 && runs[1]["deleted"] as? Int == 1)
    }

    @Test("a backend that cannot be reached: exit 2, and the report says what was not compared")
    func unreachable() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(scratch)
        let synced = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(synced.status == 0, "\(synced.stderr)")
        sandbox.signal(SIGTERM)
        _ = sandbox.wait()

        let run = try await CLI.detached(["reconcile", "--config", config, "--json", "--no-check"])
        #expect(run.status == 2, "\(run.stdout)\n\(run.stderr)")
        let json = try #require(try run.json() as? [String: Any])
        #expect(json["outcome"] as? String == "incomplete")
        for source in json["sources"] as? [[String: Any]] ?? [] {
            #expect(source["state"] as? String != "compared")
            #expect((source["not_compared"] as? [String] ?? []).isEmpty == false, "\(source)")
        }
        let text = try await CLI.detached(["reconcile", "--config", config, "--no-check"])
        #expect(text.status == 2)
        #expect(text.stdout.contains("not compared:"), "\(text.stdout)")
    }

    @Test("killed part-way, the cache stays consistent; the next run marks it abandoned and completes")
    func killedPartWay() async throws {
        let scratch = try Scratch()
        let (sandbox, config) = try FieldServiceSyncCommandTests.serve(
            scratch, faults: ["slow:path=jpm/v2/tenant/1000001/export/jobs,delay=1.5,times=all"], exportBatchSize: 200)
        defer { sandbox.signal(SIGTERM) }
        let synced = try await CLI.detached(["sync", "--config", config, "--no-check"])
        #expect(synced.status == 0, "\(synced.stderr)")

        let cache = BookingCrashTests.cachePath(config)
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: cache, configuration: configuration)

        // Killed once its run is under way: while it waits on the slow jobs export (1.5 s a page),
        // not after a fixed time that a fast machine may outrun.
        let doomed = try BackgroundCLI(["reconcile", "--config", config, "--no-check"], scratch: scratch, name: "doomed")
        var started = false
        for _ in 0..<600 where !started {
            started = try await queue.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM reconcile_runs WHERE state = 'running')") ?? false
            }
            if !started { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(started, "the reconciliation never started its run")
        try await Task.sleep(for: .milliseconds(400))
        doomed.signal(SIGKILL)
        _ = doomed.wait()

        let (integrity, foreignKeys, lastState) = try await queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"), try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
                try String.fetchOne(db, sql: "SELECT state FROM reconcile_runs ORDER BY id DESC LIMIT 1")
            )
        }
        #expect(integrity == "ok")
        #expect(foreignKeys == 0)
        #expect(lastState == "running", "the killed run left its row running")

        let next = try await CLI.detached(["reconcile", "--config", config, "--json", "--no-check"])
        #expect(next.status == 0, "nothing changed at the backends: \(next.stdout)\n\(next.stderr)")
        let history = try await CLI.detached(["reconcile", "--config", config, "--history", "--json"])
        let runs = try #require(try history.json() as? [[String: Any]])
        #expect(runs.map { $0["state"] as? String ?? "" } == ["clean", "abandoned"])
    }
}
