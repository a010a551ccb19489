import Foundation
import GRDB
import Testing

/// `fieldsync sandbox serve` and `fieldsync sync` as separate processes, the way an integration
/// engineer tries fieldsync before connecting a real shop.
@Suite("fieldsync sync against fieldsync sandbox serve")
struct FieldServiceSyncCommandTests {
    /// Starts the sandbox on a free port with `--write-config`, and returns it with its config.
    static func serve(_ scratch: Scratch, faults: [String] = [], logRequests: Bool = false, exportBatchSize: Int = 1000)
        throws -> (BackgroundCLI, String)
    {
        let config = scratch.path("sandbox.yaml")
        var arguments = [
            "sandbox", "serve", "--port", "0", "--write-config", config, "--export-batch-size", "\(exportBatchSize)",
        ]
        for fault in faults { arguments += ["--fault", fault] }
        if logRequests { arguments.append("--log-requests") }
        let server = try BackgroundCLI(arguments, scratch: scratch, name: "sandbox")
        let line = try server.firstLine()
        #expect(line.hasPrefix("fieldsync sandbox: listening on http://127.0.0.1:"), "\(line)")
        return (server, config)
    }

    /// What the cache holds, live, as one comparable text per table.
    static func content(_ path: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return try queue.read { db in
            try [
                "SELECT group_concat(id || '=' || active, ',') FROM (SELECT id, active FROM technicians ORDER BY id)",
                "SELECT group_concat(k, ',') FROM (SELECT source || '/' || external_id || '@' || remote_version AS k FROM jobs WHERE deleted_at IS NULL ORDER BY k)",
                "SELECT group_concat(k, ',') FROM (SELECT source || '/' || external_id || '@' || remote_version || '@' || starts_at AS k FROM appointments WHERE deleted_at IS NULL ORDER BY k)",
                "SELECT group_concat(k, ',') FROM (SELECT a.external_id || '>' || t.technician_id AS k FROM appointment_technicians t JOIN appointments a ON a.id = t.appointment_id ORDER BY k)",
                "SELECT group_concat(k, ',') FROM (SELECT source || '/' || technician_id || '/' || external_id || '@' || starts_at AS k FROM availability_windows ORDER BY k)",
                "SELECT group_concat(k, ',') FROM (SELECT source || '/' || external_id || '/' || coalesce(name, '') || '/' || coalesce(phone, '') AS k FROM customers WHERE deleted_at IS NULL ORDER BY k)",
            ].map { try String.fetchOne(db, sql: $0) ?? "" }
        }
    }

    @Test("serve --write-config, then sync --config: both backends sync with nothing else set up")
    func serveThenSync() throws {
        let scratch = try Scratch()
        let (server, config) = try Self.serve(scratch)
        defer { server.signal(SIGTERM) }
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(written.contains("type: servicetitan") && written.contains("type: housecallpro"))

        let result = try CLI.run(["sync", "--config", config, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        let sources = try #require(report["sources"] as? [[String: Any]])
        #expect(sources.compactMap { $0["source"] as? String } == ["lakeshore-st", "frontrange-hcp"])
        #expect(sources.allSatisfy { $0["state"] as? String == "succeeded" })
        let counts = try #require(sources.first?["counts"] as? [String: Any])
        let entities = try #require(counts["entities"] as? [String: [String: Int]])
        #expect((entities["jobs"]?["created"] ?? 0) > 200)
        #expect(entities["jobs"]?["rejected"] == 2)

        // Stopped with SIGTERM, it exits 0.
        server.signal(SIGTERM)
        #expect(server.wait() == 0)
    }

    @Test("a sync killed with SIGKILL mid-run resumes from its checkpoint on the next run: nothing lost, nothing twice")
    func killedMidSync() throws {
        let scratch = try Scratch()
        // Small, slow job pages give the test time to kill the sync half-way through the jobs feed.
        let (server, config) = try Self.serve(
            scratch, faults: ["slow:path=export/jobs,after=2,delay=1,times=4"], logRequests: true, exportBatchSize: 20)
        defer { server.signal(SIGTERM) }
        let database = scratch.path("killed.sqlite")
        let sync = try BackgroundCLI(
            ["sync", "--config", config, "--database", database], scratch: scratch, name: "killed")
        // Once three pages of jobs were served (the third slowly), kill the sync without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && server.stderr.components(separatedBy: "/export/jobs").count < 4 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(sync.process.isRunning, "the sync finished before it could be killed")
        sync.signal(SIGKILL)
        _ = sync.wait()
        let jobsBefore = try DatabaseQueue(path: database).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM jobs") } ?? 0
        #expect(jobsBefore > 0, "the killed run committed no page")

        let resumed = try CLI.run(["sync", "--config", config, "--database", database, "--json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let runs = try CLI.run(["runs", "--config", config, "--database", database, "--json"])
        #expect(runs.stdout.contains("abandoned"), "the killed run is recorded as abandoned")

        let fresh = scratch.path("fresh.sqlite")
        let reference = try CLI.run(["sync", "--config", config, "--database", fresh])
        #expect(reference.status == 0, "\(reference.stderr)")
        #expect(try Self.content(database) == Self.content(fresh))
    }
}
