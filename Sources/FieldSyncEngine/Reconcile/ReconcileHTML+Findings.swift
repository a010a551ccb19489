import FieldSyncChecks
import FieldSyncCore
import Foundation

/// The findings the checks opened after the reconciliation, worst first, each with what to do and
/// the records to open in the scheduling tool.
extension ReconcilePage {
    func findingList() -> String {
        var html = "<section id=\"findings\" class=\"findings\">\n"
        guard let findings = report.findings else {
            html += "<h2>New findings</h2>\n<p class=\"muted\">The checks did not run (--no-check, or only some sources were reconciled).</p>\n"
            return html + "</section>\n"
        }
        html += "<h2>New findings from the checks <span class=\"sub\">\(findings.new.count) new · \(ReconcileHTMLText.number(findings.open)) open in all</span></h2>\n"
        if let error = findings.error {
            html += "<p class=\"checks-failed\"><strong>The checks could not run:</strong> \(escape(error))</p>\n"
            return html + "</section>\n"
        }
        if findings.new.isEmpty {
            html += "<p class=\"muted\">The repaired schedule opened no new finding.</p>\n"
            return html + "</section>\n"
        }
        let rank = ["critical": 0, "warning": 1, "info": 2]
        let sorted = findings.new.enumerated().sorted {
            (rank[$0.element.severity] ?? 3, $0.offset) < (rank[$1.element.severity] ?? 3, $1.offset)
        }.map(\.element)
        for f in sorted { html += finding(f) }
        html += "</section>\n"
        return html
    }

    private func finding(_ f: CheckReportJSON.FindingJSON) -> String {
        let severity = ["critical", "warning", "info"].contains(f.severity) ? f.severity : "info"
        let title = FindingKind(rawValue: f.kind)?.title ?? f.kind.replacingOccurrences(of: "_", with: " ")
        var html = "<article class=\"finding sev-\(severity)\" id=\"finding-\(ReconcileHTMLText.identifier(f.id))\">\n"
        html += "<div class=\"card-head\"><span class=\"badge sev-\(severity)\">\(escape(f.severity.uppercased()))</span>"
        html += "<span class=\"what\">\(escape(title))</span>"
        if let detail = f.detail, !detail.isEmpty { html += "<span class=\"detail\">\(escape(detail))</span>" }
        html += "<span class=\"badge new\">NEW</span><span class=\"permalink\">\(escape(f.id))</span></div>\n"
        html += "<p class=\"message\">\(escape(f.message))</p>\n"
        if !f.advice.isEmpty { html += "<p class=\"advice\"><strong>What to do:</strong> \(escape(f.advice))</p>\n" }
        var facts: [String] = []
        if let technician = f.technician_id {
            facts.append("<div><dt>Technician</dt><dd class=\"mono\">\(escape(technician))</dd></div>")
        }
        if let start = f.starts_at.flatMap({ RFC3339.parseDate($0) }) {
            let end = f.ends_at.flatMap { RFC3339.parseDate($0) } ?? start
            facts.append("<div><dt>When</dt><dd>\(escape(clock.span(start, end)))</dd></div>")
        }
        if !facts.isEmpty { html += "<dl class=\"facts\">\(facts.joined())</dl>\n" }
        if !f.records.isEmpty {
            html += "<ul class=\"records\" aria-label=\"Records\">"
            for r in f.records {
                html += "<li><code>\(escape(ReconcileWording.vendor(r.backend))) · \(escape(r.type.replacingOccurrences(of: "_", with: " "))) · <span class=\"rid\">\(escape(r.id))</span></code>"
                html += "<span class=\"via\">\(escape(r.sourceName))</span></li>"
            }
            html += "</ul>\n"
        }
        html += "</article>\n"
        return html
    }
}
