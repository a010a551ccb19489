import Foundation
import GRDB
import Testing

@Suite("fieldsync sync, availability, runs and rejects on the sandbox data")
struct SyncCommandTests {
    /// A copy of the sandbox (config, feeds, mappings) so tests never touch the checkout's cache.
    func sandbox() throws -> (Scratch, String) {
        let scratch = try Scratch()
        let fm = FileManager.default
        try fm.createDirectory(at: scratch.url.appendingPathComponent("Adapters"), withIntermediateDirectories: true)
        try fm.copyItem(at: CLI.root.appendingPathComponent("Adapters/Sandbox"), to: scratch.url.appendingPathComponent("Adapters/Sandbox"))
        try fm.copyItem(at: CLI.root.appendingPathComponent("Mappings"), to: scratch.url.appendingPathComponent("Mappings"))
        return (scratch, scratch.path("Adapters/Sandbox/fieldsync.yaml"))
    }

    @Test("the README's first command syncs the sandbox: ServiceTitan, Housecall Pro and the calendar feeds, exit 0")
    func readmeQuickStart() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("swift run fieldsync ") })
        let arguments = line.dropFirst("swift run fieldsync ".count).split(separator: " ").map(String.init)
        let scratch = try Scratch()
        let result = try CLI.run(arguments, environment: ["FIELDSYNC_DATABASE": scratch.path("quickstart.sqlite")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("lakeshore-st (servicetitan): succeeded"))
        #expect(result.stdout.contains("frontrange-hcp (housecallpro): succeeded"))
        #expect(result.stdout.contains("tech-calendars (icalendar): succeeded"))
        #expect(result.stdout.contains("job type \"Mystery Noise\" is not listed"))
        #expect(result.stdout.contains("result: succeeded"))
    }

    @Test("sync --json reports each source; a second sync changes nothing")
    func syncTwice() throws {
        let (scratch, config) = try sandbox()
        defer { withExtendedLifetime(scratch) {} }
        let first = try CLI.run(["sync", "--config", config, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try #require(try first.json() as? [String: Any])
        #expect(report["outcome"] as? String == "succeeded")
        let sources = try #require(report["sources"] as? [[String: Any]])
        #expect(sources.compactMap { $0["source"] as? String } == ["lakeshore-st", "frontrange-hcp", "tech-calendars"])
        func counts(_ name: String, in sources: [[String: Any]]) -> [String: Any] {
            sources.first { $0["source"] as? String == name }?["counts"] as? [String: Any] ?? [:]
        }
        #expect(counts("tech-calendars", in: sources)["rejected"] as? Int == 1)
        #expect((counts("tech-calendars", in: sources)["inserted"] as? Int ?? 0) > 50)
        let stEntities = counts("lakeshore-st", in: sources)["entities"] as? [String: [String: Int]]
        #expect(stEntities?["technicians"]?["created"] == 11)
        #expect(stEntities?["jobs"]?["rejected"] == 2)

        let second = try CLI.run(["sync", "--config", config, "--json"])
        let again = try #require((try second.json() as? [String: Any])?["sources"] as? [[String: Any]])
        for name in ["lakeshore-st", "frontrange-hcp", "tech-calendars"] {
            #expect(counts(name, in: again)["inserted"] as? Int == 0, "\(name)")
            #expect(counts(name, in: again)["updated"] as? Int == 0, "\(name)")
            #expect(counts(name, in: again)["removed"] as? Int == 0, "\(name)")
        }
        #expect(FileManager.default.fileExists(atPath: scratch.path(".fieldsync/sandbox.sqlite")))

        let failOnRejects = try CLI.run(["sync", "--config", config, "--fail-on-rejects"])
        #expect(failOnRejects.status == 3)
    }

    @Test("availability shows busy and free time with provenance; runs and rejects list the history")
    func availabilityRunsRejects() throws {
        let (scratch, config) = try sandbox()
        defer { withExtendedLifetime(scratch) {} }
        _ = try CLI.run(["sync", "--config", config])
        let availability = try CLI.run([
            "availability", "--config", config, "--technician", "Priya Shah", "--from", "2026-11-30T00:00:00-06:00", "--to",
            "2026-12-01T00:00:00-06:00", "--json",
        ])
        #expect(availability.status == 0, "\(availability.stderr)")
        let report = try #require(try availability.json() as? [String: Any])
        #expect((report["technician"] as? [String: Any])?["id"] as? String == "priya-shah")
        #expect(report["shifts_known"] as? Bool == true)
        let busy = try #require(report["busy"] as? [[String: Any]])
        let permit = try #require(busy.first { $0["title"] as? String == "City permit office" })
        #expect(permit["start"] as? String == "2026-11-30T13:30:00-06:00")
        #expect(permit["end"] as? String == "2026-11-30T15:00:00-06:00")
        #expect(permit["source"] as? String == "tech-calendars")
        // Her shifts come from ServiceTitan, her busy time from both: free time avoids the permit.
        let free = try #require(report["free"] as? [[String: Any]])
        #expect(!free.isEmpty)
        #expect(free.allSatisfy { ($0["end"] as? String ?? "") <= "2026-11-30T13:30:00-06:00" || ($0["start"] as? String ?? "") >= "2026-11-30T15:00:00-06:00" })
        #expect(busy.contains { $0["source"] as? String == "lakeshore-st" } || busy.contains { $0["source"] as? String == "tech-calendars" })

        let unknown = try CLI.run([
            "availability", "--config", config, "--technician", "Nobody", "--from", "2026-11-30T00:00:00Z", "--to", "2026-12-01T00:00:00Z",
        ])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no technician matches \"Nobody\""))

        let runs = try CLI.run(["runs", "--config", config, "--json"])
        #expect((try runs.json() as? [[String: Any]])?.first?["state"] as? String == "succeeded")

        let rejects = try CLI.run(["rejects", "--config", config, "--json", "--payload"])
        let all = try #require(try rejects.json() as? [[String: Any]])
        #expect(Set(all.compactMap { $0["source"] as? String }) == ["tech-calendars", "lakeshore-st", "frontrange-hcp"])
        let list = all.filter { $0["source"] as? String == "tech-calendars" }
        #expect(list.count == 1)
        #expect((list.first?["raw_payload"] as? String)?.contains("SUMMARY:Dentist") == true)
        #expect((list.first?["reason"] as? String)?.contains("2026-12-02T09:00:00") == true)
    }

    @Test("a source dropped from the configuration is reported by sync and removed by forget")
    func orphanSourceAndForget() throws {
        let (scratch, config) = try sandbox()
        defer { withExtendedLifetime(scratch) {} }
        _ = try CLI.run(["sync", "--config", config])
        let renamed = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "name: tech-calendars", with: "name: calendars")
        try renamed.write(toFile: config, atomically: true, encoding: .utf8)
        let sync = try CLI.run(["sync", "--config", config])
        #expect(sync.status == 0)
        #expect(sync.stdout.contains("warning: tech-calendars is in the cache"))
        #expect(sync.stdout.contains("fieldsync forget --source tech-calendars"))

        let forget = try CLI.run(["forget", "--config", config, "--source", "tech-calendars"])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(forget.stdout.hasPrefix("removed tech-calendars: "))
        let again = try CLI.run(["sync", "--config", config])
        #expect(!again.stdout.contains("warning:"))
        #expect(again.stdout.contains("calendars (icalendar): succeeded"))
        let availability = try CLI.run([
            "availability", "--config", config, "--technician", "maria-lopez", "--from", "2026-11-30T00:00:00-06:00", "--to",
            "2026-12-01T00:00:00-06:00", "--json",
        ])
        #expect((try availability.json() as? [String: Any])?["as_of"] as? [String: String] != nil)

        let refused = try CLI.run(["forget", "--config", config, "--source", "calendars"])
        #expect(refused.status == 64)
    }

    @Test("a broken configuration exits 78 naming the file and line")
    func badConfig() throws {
        let scratch = try Scratch()
        try scratch.write("bad.yaml", "sources:\n  - name: cal\n    type: icalendar\n    feeds:\n      - technician: Maria\n        fiel: m.ics\n")
        let result = try CLI.run(["sync", "--config", scratch.path("bad.yaml"), "--database", scratch.path("c.sqlite")])
        #expect(result.status == 78)
        #expect(result.stderr.contains("bad.yaml:6: sources[0].feeds[0]: unknown key \"fiel\" (did you mean file?)"))
        let missing = try CLI.run(["sync", "--config", scratch.path("none.yaml")])
        #expect(missing.status == 66)
    }

    @Test("when no source can be reached, sync exits 69 so cron can retry, and says why without the URL's secret")
    func unreachable() throws {
        let scratch = try Scratch()
        try scratch.write(
            "c.yaml",
            "sources:\n  - name: cal\n    type: icalendar\n    feeds:\n      - technician: Maria\n        url: http://127.0.0.1:9/private-abc123/basic.ics\n")
        let result = try CLI.run(["sync", "--config", scratch.path("c.yaml"), "--database", scratch.path("c.sqlite")])
        #expect(result.status == 69, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("the connection was refused"))
        #expect(!(result.stdout + result.stderr).contains("private-abc123"))
    }

    @Test("a cache from a newer fieldsync exits 79 and is left as it was")
    func newerCache() throws {
        let (scratch, config) = try sandbox()
        defer { withExtendedLifetime(scratch) {} }
        _ = try CLI.run(["sync", "--config", config])
        let path = scratch.path(".fieldsync/sandbox.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v50-later')") }
        try queue.close()
        let result = try CLI.run(["sync", "--config", config])
        #expect(result.status == 79)
        #expect(result.stderr.contains("written by a newer fieldsync"))
        let availability = try CLI.run(["runs", "--config", config])
        #expect(availability.status == 79)
    }

    @Test("reading commands refuse to create an empty cache")
    func noCacheYet() throws {
        let (scratch, config) = try sandbox()
        defer { withExtendedLifetime(scratch) {} }
        let result = try CLI.run(["runs", "--config", config])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no cache yet; run fieldsync sync first"))
    }
}
