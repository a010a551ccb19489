import Foundation

/// The short "Resolved" section of the HTML report: findings that a check no longer finds.
struct HTMLResolvedList {
    let report: CheckReport
    let clock: HTMLClock

    func render() -> String {
        guard !report.resolved.isEmpty else { return "" }
        var html = "<section id=\"resolved\" class=\"resolved\">\n<h2>Resolved <span class=\"sub\">\(report.resolved.count)</span></h2>\n"
        html += "<table><thead><tr><th>Kind</th><th>What it was</th><th>First seen</th><th>Resolved</th></tr></thead><tbody>\n"
        for tracked in report.resolved {
            let f = tracked.finding
            html += "<tr id=\"resolved-\(HTMLText.identifier(f.id))\"><td class=\"nowrap\"><span class=\"badge resolved\">✓</span> \(HTMLText.escape(f.kind.title))</td>"
            html += "<td>\(HTMLText.escape(f.message))</td>"
            html += "<td class=\"nowrap\">\(HTMLText.escape(clock.stamp(tracked.firstSeen)))</td>"
            html += "<td class=\"nowrap\">\(tracked.resolvedAt.map { HTMLText.escape(clock.stamp($0)) } ?? "—")</td></tr>\n"
        }
        html += "</tbody></table>\n</section>\n"
        return html
    }
}
