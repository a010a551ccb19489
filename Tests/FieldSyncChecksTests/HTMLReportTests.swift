import FieldSyncChecks
import FieldSyncCore
import FieldSyncTestSupport
import Foundation
import Testing

@Suite("HTML clean-up report")
struct HTMLReportTests {
    let fixture = HTMLReportFixture()

    // MARK: - The page is safe and self-contained

    @Test("every text is escaped: a message with <script> cannot run")
    func escapesText() {
        let evil = Finding(
            kind: .missingData, severity: .warning, message: "<script>alert('x')</script> & \"quoted\"",
            advice: "Open <b>the job</b>", records: [fixture.st("job", "<img src=x onerror=alert(1)>")], detail: "phone",
            technicianID: "t1")
        let row = Timeline.Row(
            technicianID: "t1", name: "<img src=x onerror=alert(2)>", source: "lakeshore-st",
            items: [fixture.item(.appointment, "2026-11-24 09:00", "2026-11-24 10:00", "Job <script>1</script>", [evil])])
        let report = CheckReport(
            checkedAt: fixture.at("2026-11-24 07:30"), findings: [fixture.tracked(evil, firstSeen: "2026-11-24 07:30")],
            timeline: Timeline(start: fixture.at("2026-11-24 00:00"), end: fixture.at("2026-11-25 00:00"), timeZone: "America/Chicago", rows: [row]),
            title: "Tom & Jerry's <HVAC>")

        let html = HTMLReport().render(report)

        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(html.contains("Tom &amp; Jerry&#39;s &lt;HVAC&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("Job &lt;script&gt;1&lt;/script&gt;"))
    }

    @Test("the page loads nothing from anywhere: no URLs, no external files")
    func selfContained() {
        let html = HTMLReport().render(fixture.messyWeek()).lowercased()

        #expect(html.hasPrefix("<!doctype html>"))
        for forbidden in ["http://", "https://", "src=", "<link", "url(", "@import", "<script"] {
            #expect(!html.contains(forbidden), "the report contains \(forbidden)")
        }
    }

    // MARK: - Findings

    @Test("each open finding is an element whose id is the finding's id, and timeline items link to it")
    func findingIDs() throws {
        let report = fixture.messyWeek()
        let html = HTMLReport().render(report)

        for tracked in report.findings {
            #expect(occurrences(of: "id=\"\(tracked.finding.id)\"", in: html) == 1, "\(tracked.finding.id)")
        }
        let links = timelineItems(html).compactMap(\.href)
        #expect(!links.isEmpty)
        let ids = Set(report.findings.map(\.finding.id))
        for link in links { #expect(ids.contains(String(link.dropFirst())), "\(link) links to no finding") }
        let doubleBooking = try #require(report.findings.first { $0.finding.kind == .doubleBooking })
        #expect(links.filter { $0 == "#\(doubleBooking.finding.id)" }.count == 2)
    }

    @Test("findings are grouped by severity, worst first, then by kind, with what to do and copyable record ids")
    func grouping() throws {
        let html = HTMLReport().render(fixture.messyWeek())

        let critical = try #require(html.range(of: "id=\"critical\""))
        let warning = try #require(html.range(of: "id=\"warning\""))
        let info = try #require(html.range(of: "id=\"info\""))
        #expect(critical.lowerBound < warning.lowerBound && warning.lowerBound < info.lowerBound)
        let doubleBooked = try #require(html.range(of: "id=\"critical-double_booking\""))
        let timeOff = try #require(html.range(of: "id=\"critical-during_time_off\""))
        #expect(doubleBooked.lowerBound < timeOff.lowerBound)
        #expect(html.contains("<strong>What to do:</strong> Move or reassign one of them"))
        #expect(html.contains("<code><span class=\"rsrc\">servicetitan</span> · appointment · <span class=\"rid\">880286</span></code>"))
        #expect(html.contains("<code><span class=\"rsrc\">icalendar</span> · event · <span class=\"rid\">dan-dentist@calendar</span></code>"))
    }

    @Test("the summary counts findings by severity and by kind, what is new and what was resolved")
    func summary() {
        let html = HTMLReport().render(fixture.messyWeek())

        #expect(html.contains("<span class=\"n\">3</span><span class=\"caption\">Critical</span>"))
        #expect(html.contains("<span class=\"n\">5</span><span class=\"caption\">Warning</span>"))
        #expect(html.contains("<span class=\"n\">2</span><span class=\"caption\">Info</span>"))
        #expect(html.contains("<span class=\"n\">4</span><span class=\"caption\">New since Mon Nov 23 2026 07:30 CST</span>"))
        #expect(html.contains("<span class=\"n\">2</span><span class=\"caption\">Resolved</span>"))
        #expect(html.contains("<span class=\"n\">2</span> Double-booked</a>"))
        #expect(html.contains("data as of <strong>Tue Nov 24 2026 07:12 CST</strong> (18 min before the check)"))
        #expect(!html.contains("class=\"all-clear\""))
    }

    @Test("with no open findings the report says all clear")
    func allClear() {
        var report = fixture.messyWeek()
        report.findings = []
        report.timeline = report.timeline.map { timeline in
            var timeline = timeline
            timeline.rows = timeline.rows.map { row in
                var row = row
                row.items = row.items.filter { $0.findingIDs.isEmpty }
                return row
            }
            return timeline
        }

        let html = HTMLReport().render(report)

        #expect(html.contains("<div class=\"all-clear\" id=\"all-clear\">"))
        #expect(html.contains("<strong>All clear</strong>"))
        #expect(!html.contains("id=\"findings\""))
        #expect(!html.contains("class=\"marker sev-"))
        #expect(html.contains("id=\"resolved\""))
    }

    @Test("the NEW badge marks findings first seen since --since, and appears only with --since")
    func newBadge() throws {
        let report = fixture.messyWeek()
        let html = HTMLReport().render(report)

        #expect(report.newFindings.count == 4)
        #expect(occurrences(of: "<span class=\"badge new\">NEW</span>", in: html) == 4)
        let fresh = try #require(report.findings.first { $0.finding.kind == .doubleBooking })
        let old = try #require(report.findings.first { $0.finding.kind == .duringTimeOff })
        #expect(article(fresh.finding.id, in: html).contains("badge new"))
        #expect(!article(old.finding.id, in: html).contains("badge new"))

        var withoutSince = report
        withoutSince.since = nil
        let plain = HTMLReport().render(withoutSince)
        #expect(!plain.contains("badge new"))
        #expect(!plain.contains("New since"))
    }

    @Test("resolved findings are listed with when they were resolved")
    func resolved() throws {
        let html = HTMLReport().render(fixture.messyWeek())

        let section = try #require(html.range(of: "<section id=\"resolved\""))
        let tail = html[section.lowerBound...]
        #expect(tail.contains("Job 700277 · No Heat has no service address."))
        #expect(tail.contains("<td class=\"nowrap\">Mon Nov 23 2026 16:10 CST</td></tr>"))
    }

    // MARK: - Timeline

    @Test("overlapping appointments of one technician stack in different lanes; the others share the first")
    func lanes() throws {
        let items = timelineItems(HTMLReport().render(fixture.messyWeek()))

        let first = try #require(items.first { $0.title.hasPrefix("Job 700286") })
        let second = try #require(items.first { $0.title.hasPrefix("Job 700291") })
        let alone = try #require(items.first { $0.title.hasPrefix("Job 700293") })
        #expect(first.style["top"] != second.style["top"])
        #expect(alone.style["top"] == first.style["top"])
        #expect(first.classes.contains("flagged sev-critical"))
        #expect(!alone.classes.contains("flagged"))
        #expect(first.title.contains("Tue Nov 24 09:00–11:00 CST"))
    }

    @Test("a row with findings carries a marker with their count and worst severity")
    func rowMarker() {
        let html = HTMLReport().render(fixture.messyWeek())

        #expect(html.contains("id=\"row-maria-lopez\"><div class=\"tl-name\"><span class=\"marker sev-critical\""))
        #expect(html.contains("id=\"row-lakeshore-st-10150\"><div class=\"tl-name\"><span class=\"marker sev-warning\" title=\"2 findings, worst warning\">2</span>"))
    }

    @Test("the hours shown widen to an appointment after the working day")
    func hourWindow() {
        let html = HTMLReport().render(fixture.messyWeek())

        #expect(html.contains("Mon Nov 23 – Sun Nov 29 · America/Chicago (CST) · 07:00–20:00 each day"))
    }

    @Test("an all-day calendar block leaves the hours alone; an appointment past midnight shows whole days")
    func hourWindowEdges() {
        func subtitle(_ items: [Timeline.Item]) -> String {
            let report = CheckReport(
                checkedAt: fixture.at("2026-11-24 07:30"), findings: [],
                timeline: Timeline(
                    start: fixture.at("2026-11-24 00:00"), end: fixture.at("2026-11-26 00:00"), timeZone: "America/Chicago",
                    rows: [Timeline.Row(technicianID: "t1", name: "Dan Okafor", source: "lakeshore-st", items: items)]))
            return HTMLReport().render(report)
        }
        let allDay = fixture.item(.busy, "2026-11-24 00:00", "2026-11-25 00:00", "Conference")
        let overnight = fixture.item(.appointment, "2026-11-24 22:00", "2026-11-25 01:00", "Job 700500 · Burst Pipe")

        #expect(subtitle([allDay]).contains("· 07:00–19:00 each day"))
        #expect(subtitle([allDay, overnight]).contains("· 00:00–24:00 each day"))
    }

    @Test("a day with nothing booked on any row is drawn narrower than a working day")
    func quietDays() throws {
        let days = dayColumns(HTMLReport().render(fixture.messyWeek()))

        #expect(days.count == 7)
        let monday = try #require(days["Mon Nov 23"]).1
        let saturday = try #require(days["Sat Nov 28"]).1
        #expect(try #require(days["Fri Nov 27"]).1 == monday)
        #expect(abs(saturday - 0.4 * monday) < 0.01)
        #expect(abs(days.values.map(\.1).reduce(0, +) - 100) < 0.01)
    }

    @Test("an appointment with no technician shows on an Unassigned row on top, linked to its finding")
    func unassignedRow() throws {
        let report = fixture.messyWeek()
        let html = HTMLReport().render(report)
        let unassigned = try #require(report.findings.first { $0.finding.kind == .unassignedAppointment })

        let row = try #require(html.range(of: "id=\"unassigned-work\""))
        let firstTechnician = try #require(html.range(of: "id=\"row-"))
        #expect(row.lowerBound < firstTechnician.lowerBound)
        let item = try #require(timelineItems(html).first { $0.href == "#\(unassigned.finding.id)" })
        #expect(item.title.hasPrefix("Job 700360\nWed Nov 25 08:00–10:00 CST"))
    }

    @Test("days are local days across a daylight-saving change: 09:00 sits at the same place in each day")
    func daylightSaving() throws {
        // Chicago falls back on Sunday 2026-11-01 at 02:00; that day is 25 hours long.
        let shift = { (day: String) in self.fixture.item(.appointment, "\(day) 09:00", "\(day) 10:00", "Job \(day)") }
        let row = Timeline.Row(
            technicianID: "t1", name: "Maria Lopez", source: "lakeshore-st",
            items: [shift("2026-10-30"), shift("2026-11-01"), shift("2026-11-03")])
        let report = CheckReport(
            checkedAt: fixture.at("2026-10-29 07:00"), findings: [],
            timeline: Timeline(start: fixture.at("2026-10-29 00:00"), end: fixture.at("2026-11-05 00:00"), timeZone: "America/Chicago", rows: [row]))

        let html = HTMLReport().render(report)
        let items = timelineItems(html)
        let days = dayColumns(html)
        // Where 09:00 sits within its day's column, as a fraction of the column.
        func offset(_ day: String, column: String) throws -> Double {
            let item = try #require(items.first { $0.title.hasPrefix("Job \(day)") })
            let left = try #require(Double(item.style["left"]?.dropLast() ?? ""))
            let (start, width) = try #require(days[column])
            return (left - start) / width
        }

        let friday = try offset("2026-10-30", column: "Fri Oct 30")
        #expect(abs(try offset("2026-11-01", column: "Sun Nov 1") - friday) < 0.0005)
        #expect(abs(try offset("2026-11-03", column: "Tue Nov 3") - friday) < 0.0005)
        #expect(abs(friday - 2.0 / 12) < 0.0005, "09:00 is 2 h into the 07:00–19:00 window")
        for day in ["Thu Oct 29", "Fri Oct 30", "Sat Oct 31", "Sun Nov 1", "Mon Nov 2", "Tue Nov 3", "Wed Nov 4"] {
            #expect(occurrences(of: ">\(day)</div>", in: html) == 1, "\(day)")
        }
        #expect(!html.contains("Thu Nov 5"))
    }

    // MARK: - In a real browser

    @Test(
        "chromium renders the report from disk: a screenshot, and a DOM with every finding and technician",
        .enabled(if: HeadlessChromium.isAvailable || HeadlessChromium.isCI, "chromium is not installed (CI installs it)"),
        .timeLimit(.minutes(3)))
    func browser() throws {
        let browser = try #require(
            HeadlessChromium.find(), "chromium (or chromium-browser) is not on PATH; .ci/run installs the Debian package chromium")
        let report = fixture.messyWeek()
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("fieldsync-html-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let png = folder.appendingPathComponent("report.png")
        try HTMLReport().render(report).write(to: page, atomically: true, encoding: .utf8)

        try browser.screenshot(page, to: png)
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        #expect(image.count > 20_000, "a \(image.count)-byte screenshot is too small to show the report")
        let shared = URL(fileURLWithPath: "/tmp/fieldsync-report.png")
        try? fm.removeItem(at: shared)
        try? fm.copyItem(at: png, to: shared)

        let dom = try browser.dumpDOM(page)
        for tracked in report.findings {
            #expect(dom.contains("id=\"\(tracked.finding.id)\""), "the browser's DOM lacks \(tracked.finding.id)")
        }
        for row in report.timeline?.rows ?? [] {
            #expect(dom.contains(row.name), "the browser's DOM lacks \(row.name)")
        }
        #expect(dom.contains("Schedule check · Lakeshore Comfort"))
    }

    // MARK: - Reading the page back

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The `<article>` of one finding.
    private func article(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\""), let end = html.range(of: "</article>", range: start.upperBound..<html.endIndex)
        else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Each day column's left edge and width, in percent, by its label.
    private func dayColumns(_ html: String) -> [String: (Double, Double)] {
        let pattern = #"<div class="tl-day[^"]*" style="left:([0-9.]+)%;width:([0-9.]+)%">([^<]+)<"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [:] }
        let ns = html as NSString
        var columns: [String: (Double, Double)] = [:]
        for m in regex.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let left = Double(ns.substring(with: m.range(at: 1))) ?? -1
            let width = Double(ns.substring(with: m.range(at: 2))) ?? -1
            columns[ns.substring(with: m.range(at: 3)).trimmingCharacters(in: .whitespaces)] = (left, width)
        }
        return columns
    }

    struct PlacedItem {
        var classes: String
        var href: String?
        var style: [String: String]
        var title: String
    }

    /// The timeline's items and bands as the page places them.
    private func timelineItems(_ html: String) -> [PlacedItem] {
        let pattern = #"<(?:a|div) class="((?:item|band)[^"]*)"(?: href="([^"]*)")? style="([^"]*)" title="([^"]*)""#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = html as NSString
        return regex.matches(in: html, range: NSRange(location: 0, length: ns.length)).map { m in
            func group(_ i: Int) -> String? { m.range(at: i).location == NSNotFound ? nil : ns.substring(with: m.range(at: i)) }
            var style: [String: String] = [:]
            for pair in (group(3) ?? "").split(separator: ";") {
                let parts = pair.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { style[String(parts[0])] = String(parts[1]) }
            }
            return PlacedItem(classes: group(1) ?? "", href: group(2), style: style, title: group(4) ?? "")
        }
    }
}
