import Foundation
import Testing

/// `fieldsync check` as a dispatcher and a cron job use it: after a sync of the sandbox, over a
/// real cache file, as separate processes.
@Suite("fieldsync check")
struct CheckCommandTests {
    /// A sandbox served in the background and synced once.
    static func synced(_ scratch: Scratch) throws -> (BackgroundCLI, String) {
        let (server, config) = try FieldServiceSyncCommandTests.serve(scratch)
        let sync = try CLI.run(["sync", "--config", config])
        #expect(sync.status == 0, "\(sync.stderr)")
        return (server, config)
    }

    @Test("--json gives findings with id, kind, severity, message, first_seen, last_seen and the vendors' record ids")
    func jsonContract() throws {
        let scratch = try Scratch()
        let (server, config) = try Self.synced(scratch)
        defer { server.signal(SIGTERM) }

        let result = try CLI.run(["check", "--config", config, "--json"])
        // The sandbox has critical findings (double-bookings): exit 1 under the default --fail-on critical.
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try result.json() as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        for f in findings {
            for key in ["id", "kind", "severity", "message", "first_seen", "last_seen", "records"] {
                #expect(f[key] != nil, "finding lacks \(key): \(f)")
            }
        }
        let doubleBooking = try #require(
            findings.first { f in
                f["kind"] as? String == "double_booking"
                    && (f["records"] as? [[String: Any]])?.contains { $0["id"] as? String == "800299" } == true
            })
        #expect(doubleBooking["severity"] as? String == "critical")
        let records = try #require(doubleBooking["records"] as? [[String: Any]])
        #expect(records.first?["source"] as? String == "servicetitan")
        #expect(records.first?["type"] as? String == "appointment")
        #expect(records.map { $0["id"] as? String } .contains("800088"))
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["open"] as? Int == findings.count)
        #expect(report["failed"] as? Bool == true)
    }

    @Test("a second run keeps each finding's first_seen and id; --since later than both lists nothing new and exits 0")
    func historyAndSince() throws {
        let scratch = try Scratch()
        let (server, config) = try Self.synced(scratch)
        defer { server.signal(SIGTERM) }

        let first = try #require(try CLI.run(["check", "--config", config, "--json"]).json() as? [String: Any])
        Thread.sleep(forTimeInterval: 1.1)
        let secondResult = try CLI.run(["check", "--config", config, "--json"])
        let second = try #require(try secondResult.json() as? [String: Any])
        func byID(_ report: [String: Any]) -> [String: [String: Any]] {
            let list = (report["findings"] as? [[String: Any]]) ?? []
            return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) })
        }
        let a = byID(first), b = byID(second)
        #expect(Set(a.keys) == Set(b.keys))
        for (id, f) in b {
            #expect(f["first_seen"] as? String == a[id]?["first_seen"] as? String)
            #expect(f["last_seen"] as? String != a[id]?["last_seen"] as? String)
            #expect(f["is_new"] as? Bool == false)
        }

        let later = try CLI.run(["check", "--config", config, "--json", "--since", "2099-01-01T00:00:00Z"])
        #expect(later.status == 0, "\(later.stderr)")
        let quiet = try #require(try later.json() as? [String: Any])
        #expect((quiet["findings"] as? [Any])?.isEmpty == true)
        #expect((quiet["summary"] as? [String: Any])?["open"] as? Int == a.count)

        // The history: the sync's own check, then the two above and the --since one, newest first.
        let history = try #require(try CLI.run(["check", "--config", config, "--history", "--json"]).json() as? [String: Any])
        let runs = try #require(history["runs"] as? [[String: Any]])
        #expect(runs.count == 4)
        #expect(runs.last?["new"] as? Int == a.count)
        #expect(runs.dropLast().allSatisfy { $0["new"] as? Int == 0 && $0["open"] as? Int == a.count })

        // An hour back covers both runs: everything is new since then.
        let recent = try #require(try CLI.run(["check", "--config", config, "--json", "--since", "1h"]).json() as? [String: Any])
        #expect((recent["findings"] as? [Any])?.count == a.count)
    }

    @Test("--fail-on decides the exit code; --kind filters; bad values are usage errors")
    func exitCodes() throws {
        let scratch = try Scratch()
        let (server, config) = try Self.synced(scratch)
        defer { server.signal(SIGTERM) }
        #expect(try CLI.run(["check", "--config", config, "--fail-on", "never"]).status == 0)
        #expect(try CLI.run(["check", "--config", config, "--fail-on", "info"]).status == 1)
        let missing = try CLI.run(["check", "--config", config, "--kind", "missing_data", "--fail-on", "critical", "--json"])
        #expect(missing.status == 0, "missing data is a warning: \(missing.stderr)")
        let kinds = Set(((try missing.json() as? [String: Any])?["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
        #expect(kinds == ["missing_data"])
        #expect(try CLI.run(["check", "--config", config, "--kind", "missing_data", "--fail-on", "warning"]).status == 1)
        #expect(try CLI.run(["check", "--config", config, "--fail-on", "loud"]).status == 64)
        #expect(try CLI.run(["check", "--config", config, "--since", "last tuesday"]).status == 64)
    }

    @Test("text output reads as a clean-up list, and --html writes one self-contained file")
    func textAndHTML() throws {
        let scratch = try Scratch()
        let (server, config) = try Self.synced(scratch)
        defer { server.signal(SIGTERM) }
        let html = scratch.path("report.html")
        let result = try CLI.run(["check", "--config", config, "--html", html, "--fail-on", "never"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("fieldsync check: "))
        #expect(result.stdout.contains("what to do:"))
        #expect(result.stdout.contains("servicetitan appointment 800299"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.lowercased().contains("<html"))
        #expect(!page.contains("http://") && !page.contains("https://"))
        #expect(page.contains("Maria Lopez"))
    }

    @Test("without a cache, check says to sync first and exits 66")
    func noCache() throws {
        let scratch = try Scratch()
        try scratch.write("shop.yaml", "database: none.sqlite\nsources:\n  - name: cal\n    type: icalendar\n    feeds: [{ name: a, technician: { id: a, name: A }, file: a.ics }]\n")
        try scratch.write("a.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
        let result = try CLI.run(["check", "--config", scratch.path("shop.yaml")])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("run fieldsync sync first"))
    }
}
