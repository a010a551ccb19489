import Foundation
import FieldSyncStore

/// The reconciliation report as one self-contained HTML page, for the operator reading it at
/// 7 a.m.: the verdict first (green clean, amber drift found, red incomplete, as the exit code
/// says), the counts and how far each source was compared, the week's drift, then the bookings
/// fieldsync made that the backend changed, remote appointments on held time, every record that
/// differed (vendor ids to search in the scheduling tool) and the findings the checks opened.
///
/// The page loads nothing: styles are inline, the trend chart is drawn with CSS, there is no
/// script, and every text is escaped (names and summaries come from the backends). Personal
/// values are never shown, only that they changed.
///
/// ```swift
/// try Data(ReconcileHTML.render(report, timeZone: shopZone).utf8).write(to: url)
/// ```
public enum ReconcileHTML {
    /// The page, with times in this machine's zone (and UTC beside the run's own times).
    /// The page, with times in the shop's zone (``ReconcileReport/timeZone``, else the machine's).
    public static func render(_ report: ReconcileReport) -> String {
        render(report, timeZone: report.timeZone.flatMap(TimeZone.init(identifier:)) ?? .current)
    }

    /// The page, with times in `timeZone` (the shop's) and UTC beside the run's own times.
    public static func render(_ report: ReconcileReport, timeZone: TimeZone) -> String {
        ReconcilePage(report: report, clock: ReconcileClock(zone: timeZone)).render()
    }
}

/// One rendering of the page; its sections live in the `ReconcileHTML+…` files.
struct ReconcilePage {
    let report: ReconcileReport
    let clock: ReconcileClock

    /// Rows listed per group of differences before the rest fold away.
    static let shownPerGroup = 200
    /// Rows per group the page holds at most (folded); beyond, the JSON output lists them.
    static let keptPerGroup = 2000

    func escape(_ text: String) -> String { ReconcileHTMLText.escape(text) }

    func render() -> String {
        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(tabTitle))</title>
            <style>
            \(ReconcileStyleSheet.css)
            </style>
            </head>
            <body>

            """
        html += header()
        html += navigation()
        html += summary()
        html += sourceList()
        html += trend()
        html += bookingList()
        html += overHoldList()
        html += differenceList()
        html += findingList()
        html += footer()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Verdict

    /// `clean` / `drift` / `incomplete`: the verdict's colour, as the exit code says.
    var tone: String {
        switch report.outcome {
        case .clean: "ok"
        case .repaired, .driftFound: "drift"
        case .incomplete: "incomplete"
        }
    }

    /// Sources not compared completely.
    var shortSources: [ReconcileReport.SourceResult] { report.sources.filter { $0.state != .compared } }

    /// The verdict's big line: `Clean`, `7 differences found and repaired`, `Incomplete: …`.
    var verdict: String {
        let n = report.summary.differences
        let found = ReconcileHTMLText.count(n, "difference")
        switch report.outcome {
        case .clean: return "Clean"
        case .repaired: return "\(found) found and repaired"
        case .driftFound: return "\(found) found (dry run: nothing changed)"
        case .incomplete:
            let short = shortSources
            if short.count == 1, let only = short.first {
                return "Incomplete: \(only.source) \(only.state == .failed ? "could not be read" : "was not fully compared")"
            }
            if short.count > 1 { return "Incomplete: \(short.count) sources not fully compared" }
            if report.summary.notRepaired > 0 {
                return "Incomplete: \(ReconcileHTMLText.count(report.summary.notRepaired, "difference")) not repaired"
            }
            return "Incomplete"
        }
    }

    /// The sentence under the verdict.
    var verdictDetail: String {
        let s = report.summary
        let vendors = Array(Set(report.sources.map { ReconcileWording.vendor($0.backend) })).sorted()
        let backends = vendors.isEmpty ? "the backends" : vendors.joined(separator: ", ")
        var parts: [String] = []
        switch report.outcome {
        case .clean:
            parts.append("The cache matches \(backends): \(ReconcileHTMLText.count(s.recordsRead, "record")) read from \(ReconcileHTMLText.count(report.sources.count, "source")), nothing differed.")
        case .repaired:
            parts.append("The cache now matches \(backends) again. Backends were not changed.")
        case .driftFound:
            parts.append("The cache still differs from \(backends); run without --dry-run to repair it.")
        case .incomplete:
            for source in shortSources.prefix(3) {
                let reason = source.notCompared.first.map { ": \(Self.clip($0, 160))" } ?? ""
                parts.append("\(source.source) (\(ReconcileWording.vendor(source.backend)))\(reason).")
            }
            if s.differences > 0 {
                let fixed = s.differences - s.notRepaired
                parts.append(
                    report.dryRun
                        ? "\(ReconcileHTMLText.count(s.differences, "difference")) found in what was compared (dry run: nothing changed)."
                        : "\(ReconcileHTMLText.count(s.differences, "difference")) found in what was compared, \(ReconcileHTMLText.number(fixed)) repaired, \(ReconcileHTMLText.number(s.notRepaired)) not.")
            }
        }
        if let error = report.findings?.error { parts.append("The checks could not run: \(Self.clip(error, 160)).") }
        return parts.joined(separator: " ")
    }

    static func clip(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// `Reconcile · shop.yaml · 7 differences repaired`, for the browser tab.
    private var tabTitle: String {
        let state =
            switch report.outcome {
            case .clean: "clean"
            case .repaired: "\(ReconcileHTMLText.count(report.summary.differences, "difference")) repaired"
            case .driftFound: "\(ReconcileHTMLText.count(report.summary.differences, "difference")) (dry run)"
            case .incomplete: "incomplete"
            }
        return "Reconcile · \(report.title) · \(state)"
    }

    private func header() -> String {
        let mark =
            switch report.outcome {
            case .clean: "✓"
            case .repaired, .driftFound: "!"
            case .incomplete: "✕"
            }
        var html = "<header class=\"top\">\n"
        html += "<h1>Nightly reconciliation · \(escape(report.title))"
        html += report.dryRun ? " <span class=\"mode dry\">DRY RUN</span>" : " <span class=\"mode repair\">REPAIR</span>"
        html += "</h1>\n"
        html += "<p class=\"when\">Ran <strong>\(escape(clock.span(report.startedAt, report.finishedAt)))</strong>"
        if !clock.isUTC {
            html += " <span class=\"utc\">(\(escape(clock.span(report.startedAt, report.finishedAt, utc: true))))</span>"
        }
        html += " · took \(escape(ReconcileHTMLText.duration(report.finishedAt.timeIntervalSince(report.startedAt))))"
        if let runID = report.runID { html += " · run <span class=\"mono\">#\(runID)</span>" }
        html += "<br>Compared the schedule from <strong>\(escape(clock.date(report.horizonStart)))</strong>"
        html += " to <strong>\(escape(clock.date(report.horizonEnd)))</strong>"
        html += report.dryRun ? " · dry run: the cache was not changed" : " · the cache was repaired; backends are never changed"
        html += "</p>\n</header>\n"
        html += "<section class=\"verdict \(tone) exit-\(report.exitCode)\" id=\"verdict\" aria-label=\"Verdict\">"
        html += "<span class=\"verdict-mark\" aria-hidden=\"true\">\(mark)</span>"
        html += "<div class=\"verdict-text\"><strong class=\"verdict-line\">\(escape(verdict))</strong>"
        html += "<span class=\"verdict-detail\">\(escape(verdictDetail))</span>\(attention())</div>"
        html += "<span class=\"exit\">exit \(report.exitCode)</span></section>\n"
        return html
    }

    /// The bookings and held time the backend changed, named in the verdict so they are seen first.
    private func attention() -> String {
        let shown = 3
        guard !report.bookings.isEmpty || !report.overHolds.isEmpty else { return "" }
        var html = "<ul class=\"attention\" aria-label=\"Look at these first\">"
        for b in report.bookings.prefix(shown) {
            html += "<li><span class=\"badge b-\(b.change.rawValue)\">\(b.change.rawValue.uppercased())</span> "
            html += "<a href=\"#booking-\(ReconcileHTMLText.identifier(b.bookingID))\">booking <code class=\"rid\">\(escape(b.bookingID))</code></a> "
            html += "\(escape(Self.gist(b))) · appointment <code class=\"rid\">\(escape(b.appointmentID))</code></li>"
        }
        if report.bookings.count > shown {
            html += "<li class=\"more-bookings\"><a href=\"#bookings\">… and \(ReconcileHTMLText.count(report.bookings.count - shown, "more booking"))</a></li>"
        }
        if !report.overHolds.isEmpty {
            let o = report.overHolds[0]
            html += "<li><span class=\"badge c-over-holds\">OVER HOLD</span> "
            html += "<a href=\"#over-holds\">appointment <code class=\"rid\">\(escape(o.appointmentID))</code></a> put on time fieldsync held"
            if report.overHolds.count > 1 { html += " (and \(ReconcileHTMLText.count(report.overHolds.count - 1, "more"))" + ")" }
            html += "</li>"
        }
        return html + "</ul>"
    }

    /// `moved`, `reassigned`, `canceled in Housecall Pro`.
    static func gist(_ b: ReconcileReport.BookingChange) -> String {
        let vendor = ReconcileWording.vendor(b.backend)
        switch b.change {
        case .canceled: return "canceled in \(vendor)"
        case .deleted: return "deleted in \(vendor)"
        case .unassigned: return "left without a technician in \(vendor)"
        case .changed:
            let names = Set(b.fields.map(\.name))
            let moved = names.contains("starts_at") || names.contains("ends_at")
            let reassigned = names.contains("technician_id") || names.contains("technicians")
            let what = moved && reassigned ? "moved and reassigned" : moved ? "moved" : reassigned ? "reassigned" : "changed"
            return "\(what) in \(vendor)"
        }
    }

    private func navigation() -> String {
        var links: [String] = ["<a href=\"#sources\">Sources (\(report.sources.count))</a>", "<a href=\"#trend\">This week</a>"]
        if !report.bookings.isEmpty { links.append("<a href=\"#bookings\">Bookings (\(report.bookings.count))</a>") }
        if !report.overHolds.isEmpty { links.append("<a href=\"#over-holds\">Held time (\(report.overHolds.count))</a>") }
        if !report.differences.isEmpty { links.append("<a href=\"#differences\">Records (\(report.differences.count))</a>") }
        if report.findings != nil { links.append("<a href=\"#findings\">Findings (\(report.findings?.new.count ?? 0) new)</a>") }
        return "<nav class=\"toc\">\(links.joined(separator: " "))</nav>\n"
    }

    private func footer() -> String {
        var html = "<footer>fieldsync reconcile"
        if let runID = report.runID { html += " · run #\(runID)" }
        html += " · times in \(escape(clock.zone.identifier))"
        html += " · record ids are the scheduling tool's own · personal details (names, phones, e-mails, streets) are never shown"
        html += "</footer>\n"
        return html
    }
}
