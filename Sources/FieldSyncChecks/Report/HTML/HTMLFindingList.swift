import FieldSyncCore
import Foundation

/// The findings of the HTML report, grouped by severity (worst first) then kind: each with what is
/// wrong, what to do, the records to open in the field-service tool and when it was seen. Each
/// finding's element id is the finding's id, which the timeline links to.
struct HTMLFindingList {
    let report: CheckReport
    let clock: HTMLClock
    /// Technician names by local id, from the timeline.
    let technicianNames: [String: String]

    func render() -> String {
        guard !report.findings.isEmpty else { return "" }
        let newIDs = report.since == nil ? Set<String>() : Set(report.newFindings.map(\.finding.id))
        var html = "<section id=\"findings\" class=\"findings\">\n<h2>Findings <span class=\"sub\">\(report.findings.count) open</span></h2>\n"
        for severity in [Severity.critical, .warning, .info] {
            let group = report.findings.filter { $0.finding.severity == severity }
            guard !group.isEmpty else { continue }
            html += "<section id=\"\(severity.rawValue)\" class=\"severity-group sev-\(severity.rawValue)\">\n"
            html += "<h3><span class=\"badge sev-\(severity.rawValue)\">\(severity.rawValue.uppercased())</span> \(group.count)</h3>\n"
            for kind in FindingKind.allCases {
                let ofKind = group.filter { $0.finding.kind == kind }
                guard !ofKind.isEmpty else { continue }
                html += "<h4 id=\"\(severity.rawValue)-\(kind.rawValue)\">\(HTMLText.escape(kind.title)) <span class=\"sub\">\(ofKind.count)</span></h4>\n"
                for tracked in ofKind { html += finding(tracked, isNew: newIDs.contains(tracked.finding.id)) }
            }
            html += "</section>\n"
        }
        html += "</section>\n"
        return html
    }

    private func finding(_ tracked: TrackedFinding, isNew: Bool) -> String {
        let f = tracked.finding
        var html = "<article class=\"finding sev-\(f.severity.rawValue)\" id=\"\(HTMLText.identifier(f.id))\">\n"
        html += "<div class=\"finding-head\"><span class=\"badge sev-\(f.severity.rawValue)\">\(f.severity.rawValue.uppercased())</span>"
        html += "<span class=\"kind\">\(HTMLText.escape(f.kind.title))</span>"
        if let detail = f.detail, !detail.isEmpty { html += "<span class=\"detail\">\(HTMLText.escape(detail))</span>" }
        if isNew { html += "<span class=\"badge new\">NEW</span>" }
        html += "<a class=\"permalink\" href=\"#\(HTMLText.identifier(f.id))\" title=\"Link to this finding\">\(HTMLText.escape(f.id))</a></div>\n"
        html += "<p class=\"message\">\(HTMLText.escape(f.message))</p>\n"
        if !f.advice.isEmpty {
            html += "<p class=\"advice\"><strong>What to do:</strong> \(HTMLText.escape(f.advice))</p>\n"
        }
        html += "<dl class=\"facts\">"
        if let technicianID = f.technicianID {
            let name = technicianNames[technicianID] ?? technicianID
            let link = technicianNames[technicianID] != nil ? " <a href=\"#row-\(HTMLText.identifier(technicianID))\">timeline</a>" : ""
            html += "<div><dt>Technician</dt><dd>\(HTMLText.escape(name))\(link)</dd></div>"
        }
        if let range = f.range {
            html += "<div><dt>When</dt><dd>\(HTMLText.escape(clock.span(range.start, range.end)))</dd></div>"
        }
        html += "<div><dt>First seen</dt><dd>\(HTMLText.escape(clock.stamp(tracked.firstSeen)))</dd></div>"
        html += "<div><dt>Last seen</dt><dd>\(HTMLText.escape(clock.stamp(tracked.lastSeen)))</dd></div>"
        html += "</dl>\n"
        if !f.records.isEmpty {
            html += "<ul class=\"records\" aria-label=\"Records\">"
            for r in f.records {
                html += "<li><code><span class=\"rsrc\">\(HTMLText.escape(r.backend))</span> · \(HTMLText.escape(r.type)) · <span class=\"rid\">\(HTMLText.escape(r.id))</span></code>"
                html += "<span class=\"via\">\(HTMLText.escape(r.sourceName))</span></li>"
            }
            html += "</ul>\n"
        }
        html += "</article>\n"
        return html
    }
}
