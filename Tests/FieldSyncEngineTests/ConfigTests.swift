import FieldSyncCore
import FieldSyncEngine
import FieldSyncICalendar
import Foundation
import Testing

@Suite("Configuration files")
struct ConfigTests {
    @Test("the sandbox configuration shipped in the repository loads, with paths relative to it")
    func sandbox() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path
        let config = try FieldSyncConfig.load(path: path, environment: [:])
        #expect(config.databasePath == root.appendingPathComponent(".fieldsync/sandbox.sqlite").standardizedFileURL.path)
        #expect(config.sources.map(\.name) == ["tech-calendars"])
        guard case .icalendar(let feeds, let mapping) = config.sources[0].kind else {
            Issue.record("expected an icalendar source")
            return
        }
        #expect(feeds.count == 4)
        #expect(feeds.allSatisfy { feed in
            if case .file(let p) = feed.location { return FileManager.default.fileExists(atPath: p) }
            return false
        })
        #expect(mapping.kind(summary: "PTO", categories: []) == .timeOff)
        #expect(feeds.first { $0.technician.id == "sam-becker" }?.technician.timeZone == "America/Denver")
        #expect(feeds.first { $0.technician.id == "dan-okafor" }?.technician.timeZone == "America/Chicago")
    }

    @Test("a misspelt key is an error naming the line and suggesting the right key")
    func unknownKey() throws {
        let ws = try Workspace()
        try ws.write(
            "c.yaml",
            """
            sources:
              - name: cal
                type: icalendar
                feds:
                  - technician: Maria
                    file: m.ics
            """)
        let error = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: [:]) }
        #expect(error?.line == 4)
        #expect(error?.message.contains("unknown key \"feds\"") == true)
        #expect(error?.message.contains("did you mean feeds?") == true)
    }

    @Test("secrets come from the environment, and a missing variable is named without its value")
    func environment() throws {
        let ws = try Workspace()
        try ws.write(
            "c.yaml",
            """
            sources:
              - name: cal
                type: icalendar
                feeds:
                  - technician: { id: dan, name: Dan Okafor }
                    url: https://calendar.example.com/private/${DAN_TOKEN}/basic.ics
                    headers: { Authorization: "Bearer ${API_KEY}" }
            """)
        let config = try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: ["DAN_TOKEN": "s3cr3t", "API_KEY": "k"])
        guard case .icalendar(let feeds, _) = config.sources[0].kind, case .url(let url, let headers) = feeds[0].location else {
            Issue.record("expected a URL feed")
            return
        }
        #expect(url.absoluteString == "https://calendar.example.com/private/s3cr3t/basic.ics")
        #expect(headers["Authorization"] == "Bearer k")
        #expect(!feeds[0].displayLocation.contains("s3cr3t"))

        let error = #expect(throws: ConfigError.self) {
            try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: ["API_KEY": "k"])
        }
        #expect(error?.message.contains("DAN_TOKEN is not set") == true)
        #expect(error?.keyPath == "sources[0].feeds[0].url")
    }

    @Test("each feed gives a file or a url, never both")
    func fileOrURL() throws {
        let ws = try Workspace()
        try ws.write(
            "c.yaml",
            """
            sources:
              - name: cal
                type: icalendar
                feeds:
                  - technician: Maria
                    file: m.ics
                    url: https://example.com/m.ics
            """)
        let error = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: [:]) }
        #expect(error?.message == "give either file or url, not both")
        #expect(error?.keyPath == "sources[0].feeds[0]")
    }

    @Test("an unknown time zone and a non-http URL are refused, and a URL is never echoed")
    func badValues() throws {
        let ws = try Workspace()
        try ws.write("z.yaml", "sources:\n  - name: cal\n    type: icalendar\n    time_zone: Central Time\n    feeds: []\n")
        let zone = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("z.yaml"), environment: [:]) }
        #expect(zone?.message.contains("not an IANA time zone") == true)

        try ws.write("u.yaml", "sources:\n  - name: cal\n    type: icalendar\n    feeds:\n      - technician: M\n        url: ftp://user:pw@example.com/x.ics\n")
        let url = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("u.yaml"), environment: [:]) }
        #expect(url?.message == "is not an http(s) URL")
        #expect(url?.description.contains("pw") == false)
    }

    @Test("technician ids are derived from names, a technician's only feed is named after them, and several need names")
    func derivedNames() throws {
        let ws = try Workspace()
        try ws.write(
            "c.yaml",
            """
            sources:
              - name: cal
                type: icalendar
                feeds:
                  - technician: María José O'Neil
                    file: a.ics
                  - technician: Dan Okafor
                    name: dan-work
                    file: b.ics
                  - technician: Dan Okafor
                    name: dan-personal
                    file: c.ics
            """)
        let config = try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: [:])
        guard case .icalendar(let feeds, _) = config.sources[0].kind else { return }
        #expect(feeds.map(\.technician.id) == ["maria-jose-o-neil", "dan-okafor", "dan-okafor"])
        #expect(feeds.map(\.name) == ["maria-jose-o-neil", "dan-work", "dan-personal"])
        #expect(config.retentionDays == 90)

        try ws.write(
            "d.yaml",
            "sources:\n  - name: cal\n    type: icalendar\n    feeds:\n      - technician: Dan\n        file: a.ics\n      - technician: Dan\n        file: b.ics\n")
        let error = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("d.yaml"), environment: [:]) }
        #expect(error?.message.contains("technician dan has 2 feeds: give each a name") == true)
    }

    @Test("a YAML syntax error names the line and column but does not echo the line, which may hold a secret")
    func yamlErrorWithoutEcho() throws {
        let ws = try Workspace()
        try ws.write("y.yaml", "sources:\n  - name: cal\n    url: \"https://x.example/private-s3cr3t/basic.ics\n  bad: [\n")
        let error = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("y.yaml"), environment: [:]) }
        #expect(error?.message.contains("not valid YAML") == true)
        #expect(error?.message.contains("line") == true)
        #expect(error?.description.contains("s3cr3t") == false)
    }

    @Test("feed URLs are shown without their secrets, whether the token is in the path, the last segment or the query")
    func redaction() {
        let cases: [(String, String)] = [
            ("https://calendar.google.com/calendar/ical/maria%40shop.com/private-0123abcd/basic.ics", "https://calendar.google.com/…/basic.ics"),
            ("webcal://p123-caldav.icloud.com/published/2/MTIzNDU2Nzg5MDEyMzQ1Nnx0b2tlbg", "webcal://p123-caldav.icloud.com/…"),
            ("https://cloud.example.org/remote.php/dav/public-calendars/k3yK3yK3yK3yK3yK?export", "https://cloud.example.org/…?…"),
            ("https://user:pa55@outlook.office365.com/owa/calendar/abc/def/reachcalendar.ics", "https://outlook.office365.com/…/reachcalendar.ics"),
            ("http://127.0.0.1:8080/feeds/maria.ics?token=hunter2", "http://127.0.0.1:8080/…/maria.ics?…"),
        ]
        for (url, shown) in cases {
            #expect(RedactedURL(URL(string: url)!).description == shown, "\(url)")
        }
    }

    @Test("the horizon starts at midnight UTC pastDays ago and ends futureDays after today")
    func horizon() {
        let now = RFC3339.parseDate("2026-11-22T15:30:00Z")!
        let range = FieldSyncConfig.Horizon(pastDays: 1, futureDays: 28).range(now: now)
        #expect(RFC3339.string(range.start) == "2026-11-21T00:00:00Z")
        #expect(RFC3339.string(range.end) == "2026-12-21T00:00:00Z")
    }

    @Test("a mapping rule needs something to match, and kinds are checked")
    func mappingErrors() throws {
        let ws = try Workspace()
        try ws.write("m.yaml", "availability:\n  - kind: vacation\n    summary: [PTO]\n")
        let kind = #expect(throws: ConfigError.self) { try MappingLoader.icalendar(path: ws.path("m.yaml")) }
        #expect(kind?.message.contains("\"vacation\" is not a kind") == true)
        #expect(kind?.line == 2)
        try ws.write("e.yaml", "availability:\n  - kind: time_off\n")
        let empty = #expect(throws: ConfigError.self) { try MappingLoader.icalendar(path: ws.path("e.yaml")) }
        #expect(empty?.message.contains("needs summary phrases or categories") == true)
    }
}
