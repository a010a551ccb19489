import Foundation

/// The top of the HTML report: title, when the check ran and how fresh the data was, then the
/// counts a dispatcher reads first (by severity, what is new, what was resolved, by kind), or the
/// all-clear.
struct HTMLSummary {
    let report: CheckReport
    let clock: HTMLClock

    /// Data older than this before the check is flagged as stale.
    static let staleAfter: TimeInterval = 24 * 3600

    func render() -> String {
        var html = "<header class=\"top\">\n"
        html += "<h1>Schedule check · \(HTMLText.escape(report.title))</h1>\n"
        html += "<p class=\"when\">Checked <strong>\(HTMLText.escape(clock.stamp(report.checkedAt)))</strong>"
        if let asOf = report.dataAsOf {
            let age = report.checkedAt.timeIntervalSince(asOf)
            let stale = age > Self.staleAfter
            html += " · <span class=\"\(stale ? "stale" : "")\">data as of <strong>\(HTMLText.escape(clock.stamp(asOf)))</strong>"
            if age >= 60 { html += " (\(HTMLText.escape(clock.age(age))) before the check\(stale ? ": sync before trusting this report" : ""))" }
            html += "</span>"
        } else {
            html += " · data as of: <span class=\"stale\">unknown (no successful sync recorded)</span>"
        }
        if let since = report.since {
            html += " · changes since <strong>\(HTMLText.escape(clock.stamp(since)))</strong>"
        }
        html += "</p>\n</header>\n"
        html += "<section class=\"summary\" aria-label=\"Summary\">\n"
        html += report.findings.isEmpty ? allClear() : tiles()
        html += "</section>\n"
        return html
    }

    private func allClear() -> String {
        var html = "<div class=\"all-clear\" id=\"all-clear\"><span class=\"check-mark\" aria-hidden=\"true\">✓</span>"
        html += "<div><strong>All clear</strong><br>No open problems in the schedule"
        if let asOf = report.dataAsOf { html += " as synced \(HTMLText.escape(clock.stamp(asOf)))" }
        html += ".</div></div>\n"
        if !report.resolved.isEmpty {
            html += "<div class=\"tiles\">\(tile("resolved", report.resolved.count, "Resolved", href: "#resolved"))</div>\n"
        }
        return html
    }

    private func tiles() -> String {
        var html = "<div class=\"tiles\">\n"
        for severity in [Severity.critical, .warning, .info] {
            let n = report.count(severity)
            html += tile("sev-\(severity.rawValue)\(n == 0 ? " zero" : "")", n, severity.rawValue.capitalized, href: n > 0 ? "#\(severity.rawValue)" : nil)
        }
        if let since = report.since {
            html += tile("new", report.newFindings.count, "New since \(clock.stamp(since))", href: nil)
        }
        if !report.resolved.isEmpty {
            html += tile("resolved", report.resolved.count, "Resolved", href: "#resolved")
        }
        html += "</div>\n"
        html += "<ul class=\"kinds\" aria-label=\"Findings by kind\">\n"
        for kind in FindingKind.allCases {
            let ofKind = report.findings.filter { $0.finding.kind == kind }
            guard let worst = ofKind.map(\.finding.severity).max() else { continue }
            html +=
                "<li><a class=\"kind-chip sev-\(worst.rawValue)\" href=\"#\(worst.rawValue)-\(kind.rawValue)\"><span class=\"n\">\(ofKind.count)</span> \(HTMLText.escape(kind.title))</a></li>\n"
        }
        html += "</ul>\n"
        return html
    }

    private func tile(_ classes: String, _ count: Int, _ caption: String, href: String?) -> String {
        let body = "<span class=\"n\">\(count)</span><span class=\"caption\">\(HTMLText.escape(caption))</span>"
        if let href { return "<a class=\"tile \(classes)\" href=\"\(href)\">\(body)</a>\n" }
        return "<div class=\"tile \(classes)\">\(body)</div>\n"
    }
}
