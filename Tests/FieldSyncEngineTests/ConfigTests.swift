import FieldSyncCore
import FieldSyncEngine
import FieldSyncHousecallPro
import FieldSyncICalendar
import FieldSyncServiceTitan
import FieldSyncStore
import Foundation
import Testing

@Suite("Configuration files")
struct ConfigTests {
    @Test("the sandbox configuration shipped in the repository loads, with paths relative to it")
    func sandbox() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Adapters/Sandbox/fieldsync.yaml").path
        let config = try FieldSyncConfig.load(
            path: path, environment: [FieldSyncConfig.sandboxURLVariable: "http://127.0.0.1:8089"])
        #expect(config.databasePath == root.appendingPathComponent(".fieldsync/sandbox.sqlite").standardizedFileURL.path)
        #expect(config.sources.map(\.name) == ["lakeshore-st", "frontrange-hcp", "tech-calendars"])
        #expect(config.sandbox?.dataDirectory == root.appendingPathComponent("Adapters/Sandbox/Data").path)
        guard case .serviceTitan(let st, let stMapping) = config.sources[0].kind,
            case .housecallPro(let hcp, _) = config.sources[1].kind,
            case .icalendar(let feeds, let mapping) = config.sources[2].kind
        else {
            Issue.record("expected servicetitan, housecallpro and icalendar sources")
            return
        }
        #expect(st.apiBaseURL.absoluteString == "http://127.0.0.1:8089/servicetitan")
        #expect(st.technicianLinks["10101"] == "maria-lopez")
        #expect(stMapping.jobType(named: "no heat")?.jobType == "hvac.no_heat")
        #expect(hcp.apiBaseURL.absoluteString == "http://127.0.0.1:8089/housecallpro")
        #expect(feeds.count == 4)
        #expect(feeds.allSatisfy { feed in
            if case .file(let p) = feed.location { return FileManager.default.fileExists(atPath: p) }
            return false
        })
        // The feeds add calendars to technicians the backends define.
        #expect(feeds.allSatisfy { $0.technician.isReference })
        #expect(mapping.kind(summary: "PTO", categories: []) == .timeOff)
        #expect(feeds.first { $0.technician.id == "sam-becker" }?.technician.timeZone == "America/Denver")
        #expect(feeds.first { $0.technician.id == "dan-okafor" }?.technician.timeZone == "America/Chicago")
    }

    @Test("backend credentials come from the environment or a file, and errors never show them")
    func fieldServiceCredentials() throws {
        let ws = try Workspace()
        try ws.write("st-secret", "s3cr3t-from-file\n")
        try ws.write("Mappings/servicetitan.yaml", "job_types: {}\n")
        try ws.write("Mappings/housecallpro.yaml", "job_types: {}\n")
        try ws.write(
            "c.yaml",
            """
            mappings: Mappings
            mass_delete: { max_share: 0.2, min_rows: 5 }
            sources:
              - name: st
                type: servicetitan
                tenant: "42"
                client_id: abc
                client_secret_file: st-secret
                app_key: ${ST_APP_KEY}
              - name: hcp
                type: housecallpro
                api_key: ${HCP_KEY}
                full_pass_hours: 6
            """)
        let config = try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: ["ST_APP_KEY": "app-key-1", "HCP_KEY": "hcp-key-1"])
        guard case .serviceTitan(let st, _) = config.sources[0].kind, case .housecallPro(let hcp, _) = config.sources[1].kind else {
            Issue.record("expected servicetitan and housecallpro")
            return
        }
        #expect(st.clientSecret == "s3cr3t-from-file")
        #expect(st.appKey == "app-key-1")
        #expect(st.apiBaseURL.absoluteString == "https://api.servicetitan.io")
        #expect(hcp.apiKey == "hcp-key-1")
        #expect(hcp.fullPassInterval == .seconds(6 * 3600))
        #expect(config.massDelete.fraction == 0.2 && config.massDelete.minimumRows == 5)
        #expect(!"\(st)".contains("s3cr3t") && !"\(hcp)".contains("hcp-key-1"))

        let missing = #expect(throws: ConfigError.self) {
            try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: ["HCP_KEY": "hcp-key-1"])
        }
        #expect(missing?.description.contains("ST_APP_KEY") == true)
        #expect(missing?.line == 9)
    }

    @Test("a backend source without credentials, or with both a value and a file, is refused by key")
    func fieldServiceCredentialErrors() throws {
        let ws = try Workspace()
        try ws.write("Mappings/housecallpro.yaml", "job_types: {}\n")
        try ws.write("key", "k")
        try ws.write(
            "c.yaml",
            """
            mappings: Mappings
            sources:
              - name: hcp
                type: housecallpro
                api_key: visible-key-value
                api_key_file: key
            """)
        let both = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("c.yaml"), environment: [:]) }
        #expect(both?.keyPath == "sources[0].api_key")
        #expect(both?.description.contains("visible-key-value") == false)
        try ws.write(
            "d.yaml",
            """
            mappings: Mappings
            sources:
              - name: hcp
                type: housecallpro
            """)
        let none = #expect(throws: ConfigError.self) { try FieldSyncConfig.load(path: ws.path("d.yaml"), environment: [:]) }
        #expect(none?.message.contains("api_key_file") == true)
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
