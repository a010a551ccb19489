import Foundation

/// Renders a ``CheckReport`` as one self-contained HTML page for a dispatcher cleaning up the
/// schedule: a summary, the technicians' timeline with the conflicting items standing out, the
/// findings with what to do about each, and what was resolved.
///
/// The page needs no network and no script: styles are inline, the timeline is laid out with
/// percentages computed here, and every text is escaped. Times are shown in the timeline's zone
/// (UTC without a timeline).
///
/// ```swift
/// let html = HTMLReport().render(report)
/// try html.write(to: URL(fileURLWithPath: "report.html"), atomically: true, encoding: .utf8)
/// ```
public struct HTMLReport: Sendable {
    public init() {}

    /// The whole page, `<!doctype html>` to `</html>`.
    public func render(_ report: CheckReport) -> String {
        let zone = report.timeline.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: "UTC") ?? .current
        let clock = HTMLClock(zone: zone)
        let open = Dictionary(report.findings.map { ($0.finding.id, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String: String] = [:]
        for row in report.timeline?.rows ?? [] { names[row.technicianID] = row.name }

        var html = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title(report, clock: clock)))</title>
            <style>
            \(HTMLStyleSheet.css)
            </style>
            </head>
            <body>

            """
        html += HTMLSummary(report: report, clock: clock).render()
        html += navigation(report)
        if let timeline = report.timeline {
            html += HTMLTimeline(timeline: timeline, clock: clock, checkedAt: report.checkedAt, findings: open).render()
        }
        html += HTMLFindingList(report: report, clock: clock, technicianNames: names).render()
        html += HTMLResolvedList(report: report, clock: clock).render()
        html += "<footer>fieldsync check · times in \(HTMLText.escape(zone.identifier)) · record ids are the field-service tool's own</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// `Schedule check · Lakeshore Comfort · 3 critical`, for the browser tab.
    private func title(_ report: CheckReport, clock: HTMLClock) -> String {
        let critical = report.count(.critical)
        let state = report.findings.isEmpty ? "all clear" : critical > 0 ? "\(critical) critical" : HTMLText.count(report.findings.count, "finding")
        return "Schedule check · \(report.title) · \(state)"
    }

    private func navigation(_ report: CheckReport) -> String {
        var links: [String] = []
        if report.timeline != nil { links.append("<a href=\"#timeline\">Timeline</a>") }
        if !report.findings.isEmpty { links.append("<a href=\"#findings\">Findings (\(report.findings.count))</a>") }
        if !report.resolved.isEmpty { links.append("<a href=\"#resolved\">Resolved (\(report.resolved.count))</a>") }
        guard links.count > 1 else { return "" }
        return "<nav class=\"toc\">\(links.joined(separator: " "))</nav>\n"
    }
}
