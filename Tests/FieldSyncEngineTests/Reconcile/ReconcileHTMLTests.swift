import FieldSyncChecks
import FieldSyncCore
import FieldSyncStore
import FieldSyncTestSupport
import Foundation
import Testing

@testable import FieldSyncEngine

@Suite("Reconciliation HTML report")
struct ReconcileHTMLTests {
    let fixture = ReconcileHTMLFixture()

    func render(_ report: ReconcileReport) -> String {
        ReconcileHTML.render(report, timeZone: fixture.zone)
    }

    // MARK: Safe and self-contained

    @Test("the page loads nothing from anywhere: no URLs, no external files, no script")
    func selfContained() {
        for outcome in [ReconcileReport.Outcome.clean, .repaired, .driftFound, .incomplete] {
            let html = render(fixture.report(outcome)).lowercased()
            #expect(html.hasPrefix("<!doctype html>"))
            #expect(html.hasSuffix("</html>\n"))
            for forbidden in ["http://", "https://", "src=", "<link", "url(", "@import", "<script", "<iframe", "<img"] {
                #expect(!html.contains(forbidden), "the \(outcome) report contains \(forbidden)")
            }
        }
    }

    @Test("every value from a backend is escaped: a summary with <script> shows as text")
    func escapes() {
        let html = render(fixture.report())

        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>HVAC"))
        let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Tom&#39;s&quot; &lt;b&gt;HVAC&lt;/b&gt;"
        #expect(occurrences(of: escaped, in: html) >= 4, "the summary change, the job id, its message and the finding")
        #expect(html.contains("<code class=\"rid\">\(escaped)</code>"))
        #expect(html.contains("Nightly reconciliation · lakeshore &amp; co.yaml"))
        #expect(html.contains("<title>Reconcile · lakeshore &amp; co.yaml · incomplete</title>"))
    }

    @Test("personal values never appear, only that they changed")
    func personal() {
        let html = render(fixture.report())

        #expect(!html.contains(ReconcileHTMLFixture.secretPhone))
        #expect(!html.contains("312-555-0100"))
        #expect(!html.contains(ReconcileHTMLFixture.secretStreet))
        #expect(html.contains("<li><span class=\"fname\">phone</span> <span class=\"personal\">changed</span>"))
        #expect(html.contains("<li><span class=\"fname\">street</span> <span class=\"personal\">changed</span>"))
        #expect(html.contains("<span class=\"before\">Evanston</span> <span class=\"arrow\">→</span> <span class=\"after\">Skokie</span>"))
    }

    // MARK: Verdict

    @Test(
        "the verdict's words and colour follow the outcome and its exit code",
        arguments: [
            (ReconcileReport.Outcome.clean, "ok", "Clean"),
            (.repaired, "drift", "11 differences found and repaired"),
            (.driftFound, "drift", "11 differences found (dry run: nothing changed)"),
            (.incomplete, "incomplete", "Incomplete: lakeshore-hcp was not fully compared"),
        ])
    func verdict(outcome: ReconcileReport.Outcome, tone: String, words: String) throws {
        let report = fixture.report(outcome)
        let html = render(report)

        #expect(html.contains("<section class=\"verdict \(tone) exit-\(report.exitCode)\" id=\"verdict\""))
        #expect(html.contains("<strong class=\"verdict-line\">\(words)</strong>"))
        #expect(occurrences(of: "class=\"verdict ", in: html) == 1)
        #expect(html.contains("exit \(report.exitCode)</span>"))
        if outcome == .driftFound {
            #expect(html.contains("<span class=\"mode dry\">DRY RUN</span>"))
            #expect(html.contains("dry run: left as is"))
            #expect(!html.contains("✕ not repaired"))
        }
        if outcome == .incomplete {
            #expect(html.contains("appointments: HTTP 503 from Housecall Pro after 5 tries (page 14 of 31)."))
        }
    }

    @Test("the run's time is shown in the shop's zone and in UTC")
    func when() {
        let html = render(fixture.report())

        #expect(html.contains("Ran <strong>Wed Nov 25 03:00–03:04 CST</strong> <span class=\"utc\">(Wed Nov 25 09:00–09:04 UTC)</span> · took 4 min 12 s"))
        #expect(html.contains("from <strong>Nov 18, 2026</strong> to <strong>Jan 24, 2027</strong>"))
        let utc = ReconcileHTML.render(fixture.report(), timeZone: TimeZone(identifier: "UTC")!)
        #expect(utc.contains("Ran <strong>Wed Nov 25 09:00–09:04 UTC</strong> · took"))
    }

    // MARK: Sections

    @Test("sections come in the order an operator reads them: verdict, summary, sources, week, bookings, holds, records, findings")
    func order() throws {
        let html = render(fixture.report())
        let marks = [
            "id=\"verdict\"", "class=\"summary\"", "id=\"sources\"", "id=\"trend\"", "id=\"bookings\"", "id=\"over-holds\"",
            "id=\"differences\"", "id=\"findings\"", "<footer>",
        ]
        let positions = try marks.map { try #require(html.range(of: $0), "\($0)").lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("the summary counts every kind of difference, and a source not compared says why, in red")
    func summaryAndSources() {
        let html = render(fixture.report())

        for (cls, n, caption) in [
            ("c-created", 2, "New at backend"), ("c-changed", 4, "Changed"), ("c-deleted", 2, "Gone at backend"),
            ("c-bookings", 2, "Bookings touched"), ("c-over-holds", 1, "Holds overlapped"), ("c-unrepaired", 1, "Not repaired"),
            ("sev-critical", 2, "New findings"),
        ] {
            #expect(html.contains("class=\"tile \(cls)\"") && html.contains("<span class=\"n\">\(n)</span><span class=\"caption\">\(caption)</span>"), "\(caption)")
        }
        #expect(html.contains("18,342 records read · 14 open findings in all after this run"))
        #expect(html.contains("<span class=\"badge st-incomplete\">INCOMPLETE</span>"))
        #expect(html.contains("<ul class=\"not-compared\"><li><strong>Not compared:</strong> appointments: HTTP 503 from Housecall Pro"))
        #expect(html.contains("<span class=\"entity\">appointments</span> <span class=\"cnt c-created\">1 new</span> · <span class=\"cnt c-changed\">1 changed</span> · <span class=\"cnt c-deleted\">1 gone</span>"))
    }

    @Test("the week's drift is one bar per run, oldest first, labelled by day, this run marked")
    func trend() throws {
        let html = render(fixture.report())
        let section = try #require(html.range(of: "id=\"trend\"")).lowerBound
        let end = try #require(html.range(of: "id=\"bookings\"")).lowerBound
        let chart = String(html[section..<end])

        let days = matches(#"<span class="day">([^<]+)</span>"#, in: chart)
        #expect(days == ["Fri Nov 20", "Sat Nov 21", "Sun Nov 22", "Mon Nov 23", "Tue Nov 24", "Tue Nov 24", "Wed Nov 25"])
        #expect(matches(#"<span class="total">([0-9,]+)</span>"#, in: chart) == ["11", "3", "19", "0", "10", "4", "11"])
        #expect(occurrences(of: "class=\"run current failed\"", in: chart) == 1)
        #expect(occurrences(of: "class=\"run dry\"", in: chart) == 1)
        #expect(chart.contains("<span class=\"hour\">14:12 · dry</span>"))
        // Bars are scaled to the busiest run (19 differences, 100 px).
        #expect(chart.contains("<span class=\"seg c-changed\" style=\"height:58px\"></span>"))
    }

    @Test("bookings and over-holds are listed before the records, with their vendor ids")
    func bookings() throws {
        let html = render(fixture.report())

        #expect(html.contains("<span class=\"badge b-changed\">CHANGED</span><span class=\"what\">Booking <code class=\"rid\">bk_7f3a2c</code></span>"))
        #expect(html.contains("ServiceTitan appointment <code class=\"rid\">880310</code> · job <code class=\"rid\">700310</code>"))
        #expect(html.contains("<span class=\"badge b-canceled\">CANCELED</span>"))
        #expect(html.contains("<span class=\"fname\">start</span> <span class=\"before\">Wed Nov 25 13:00 CST</span> <span class=\"arrow\">→</span> <span class=\"after\">Thu Nov 26 09:00 CST</span>"))
        #expect(html.contains("<span class=\"state fixed\">✓ time released</span>"))
        #expect(html.contains("<span class=\"badge c-over-holds\">OVER HOLD</span><span class=\"what\">Appointment <code class=\"rid\">880355</code></span>"))
        #expect(html.contains("<dd>Wed Nov 25 13:30–14:30 CST</dd>"))
        #expect(html.contains("<dd>Wed Nov 25 13:00–15:00 CST</dd>"))
        // The verdict names them too, so they are seen first.
        let verdict = try #require(html.range(of: "id=\"verdict\"")).lowerBound
        let summary = try #require(html.range(of: "class=\"summary\"")).lowerBound
        let top = String(html[verdict..<summary])
        #expect(top.contains("<a href=\"#booking-bk_7f3a2c\">booking <code class=\"rid\">bk_7f3a2c</code></a> moved and reassigned in ServiceTitan · appointment <code class=\"rid\">880310</code>"))
        #expect(top.contains("<a href=\"#booking-bk_81c0de\">booking <code class=\"rid\">bk_81c0de</code></a> canceled in Housecall Pro"))
        #expect(top.contains("<a href=\"#over-holds\">appointment <code class=\"rid\">880355</code></a> put on time fieldsync held"))
    }

    @Test("records are grouped by source then kind, each with its vendor id, change, fields and repair")
    func differences() throws {
        let report = fixture.report()
        let html = render(report)

        for d in report.differences {
            #expect(html.contains("<code class=\"rid\">\(ReconcileHTMLText.escape(d.id))</code>"), "\(d.id)")
        }
        let st = try #require(html.range(of: "id=\"differences-lakeshore-st\"")).lowerBound
        let hcp = try #require(html.range(of: "id=\"differences-lakeshore-hcp\"")).lowerBound
        #expect(st < hcp)
        let kinds = matches(#"<h4>([A-Za-z ]+) <span"#, in: String(html[st..<hcp]))
        #expect(kinds == ["Appointments", "Jobs", "Technicians", "Customers"])
        #expect(html.contains("<h4>Appointments <span class=\"sub\">1 new · 1 changed · 1 gone</span></h4>"))
        #expect(html.contains("<span class=\"badge c-created\">NEW</span>"))
        #expect(html.contains("<span class=\"badge c-deleted\">GONE</span>"))
        #expect(html.contains("<span class=\"before\">Wed Nov 25 09:00 CST</span> <span class=\"arrow\">→</span> <span class=\"after\">Wed Nov 25 13:00 CST</span>"))
        #expect(occurrences(of: "<span class=\"state open\">✕ not repaired</span>", in: html) == 1)
        #expect(html.contains("<td class=\"context\"><span class=\"mono\">lakeshore-st-10142</span><br>Wed Nov 25 13:00 CST</td>"))
    }

    @Test("a long list shows 200 records, folds the next ones and counts what is left out")
    func longList() {
        var report = fixture.report(.repaired)
        let many = (0..<2_350).map { i in
            fixture.st("appointment", "9\(100_000 + i)", .deleted, start: "2026-11-26 08:00", message: "ServiceTitan appointment \(i) is gone")
        }
        report.differences = many
        let html = render(report)

        let folded = html.range(of: "<details class=\"more\">")
        #expect(folded != nil)
        if let folded {
            #expect(occurrences(of: "<tr class=\"diff ", in: String(html[..<folded.lowerBound])) == 200)
        }
        #expect(html.contains("<summary>Show 1,800 more appointments</summary>"))
        #expect(occurrences(of: "<tr class=\"diff ", in: html) == 2_000)
        #expect(html.contains("… and 350 more appointments not listed on this page; <code>fieldsync reconcile --json</code> lists every difference."))
    }

    @Test("new findings are listed worst first with what to do and the records to open")
    func findings() throws {
        let html = render(fixture.report())

        let critical = try #require(html.range(of: "<article class=\"finding sev-critical\"")).lowerBound
        let warning = try #require(html.range(of: "<article class=\"finding sev-warning\"")).lowerBound
        #expect(critical < warning)
        #expect(html.contains("<span class=\"badge sev-critical\">CRITICAL</span><span class=\"what\">Double-booked</span>"))
        #expect(html.contains("<strong>What to do:</strong> Move or reassign one of them"))
        #expect(html.contains("<code>ServiceTitan · appointment · <span class=\"rid\">880355</span></code>"))

        var failed = fixture.report()
        failed.findings = ReconcileReport.Findings(new: [], open: 0, error: "the cache is locked <db>")
        let failedHTML = render(failed)
        #expect(failedHTML.contains("<p class=\"checks-failed\"><strong>The checks could not run:</strong> the cache is locked &lt;db&gt;</p>"))
        var skipped = fixture.report()
        skipped.findings = nil
        #expect(render(skipped).contains("The checks did not run"))
    }

    @Test("a clean run says so and lists nothing")
    func clean() {
        let html = render(fixture.report(.clean))

        #expect(html.contains("The cache matches Housecall Pro, ServiceTitan, the calendar feed: 18,342 records read from 3 sources, nothing differed."))
        #expect(!html.contains("id=\"bookings\""))
        #expect(!html.contains("id=\"over-holds\""))
        #expect(html.contains("No record differed"))
        #expect(html.contains("The repaired schedule opened no new finding."))
    }

    // MARK: In a real browser

    @Test(
        "chromium renders the page from disk: verdict, bookings and records visible; a screenshot to look at",
        .enabled(if: HeadlessChromium.isAvailable || HeadlessChromium.isCI, "chromium is not installed (CI installs it)"),
        .timeLimit(.minutes(3)))
    func browser() throws {
        let browser = try #require(
            HeadlessChromium.find(), "chromium (or chromium-browser) is not on PATH; .ci/run installs the Debian package chromium")
        let report = fixture.report()
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("fieldsync-reconcile-html-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let page = folder.appendingPathComponent("reconcile.html")
        try render(report).write(to: page, atomically: true, encoding: .utf8)

        let png = folder.appendingPathComponent("reconcile.png")
        try browser.screenshot(page, to: png, width: 1280, height: 2400)
        let image = try Data(contentsOf: png)
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        #expect(image.count > 20_000, "a \(image.count)-byte screenshot is too small to show the report")
        let shared = URL(fileURLWithPath: "/tmp/reconcile-report.png")
        try? fm.removeItem(at: shared)
        try? fm.copyItem(at: png, to: shared)
        let sharedPage = URL(fileURLWithPath: "/tmp/reconcile-report.html")
        try? fm.removeItem(at: sharedPage)
        try? fm.copyItem(at: page, to: sharedPage)
        // The first screen, as the operator opens it.
        let first = folder.appendingPathComponent("first-screen.png")
        try browser.screenshot(page, to: first, width: 1280, height: 900)
        let firstShared = URL(fileURLWithPath: "/tmp/reconcile-report-first-screen.png")
        try? fm.removeItem(at: firstShared)
        try? fm.copyItem(at: first, to: firstShared)

        let dom = try browser.dumpDOM(page)
        #expect(dom.contains("Incomplete: lakeshore-hcp was not fully compared"))
        #expect(dom.contains("bk_7f3a2c") && dom.contains("bk_81c0de") && dom.contains("880355"))
        // The browser serializes text escaping only &, < and >.
        func text(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        for d in report.differences { #expect(dom.contains(text(d.id)), "the browser's DOM lacks \(d.id)") }
        #expect(!dom.contains("<script"), "an escaped value became markup in the browser")
        #expect(!dom.contains(ReconcileHTMLFixture.secretPhone))
    }

    // MARK: Reading the page back

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    private func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}
