import FieldSyncChecks
import FieldSyncCore
import Foundation

/// The plain-text report of `fieldsync check`: a summary line, then each finding with what to do
/// and the records to open.
enum CheckText {
    static func render(report: CheckReport, listed: [TrackedFinding], newIDs: Set<String>, html: String?) -> String {
        var out = ""
        let open = report.findings.count
        var summary = "fieldsync check: \(open) open finding\(open == 1 ? "" : "s")"
        if open > 0 {
            let parts = Severity.allCases.reversed().compactMap { s -> String? in
                let n = report.count(s)
                return n == 0 ? nil : "\(n) \(s.rawValue)"
            }
            summary += " (\(parts.joined(separator: ", ")))"
        }
        if let since = report.since {
            summary += "; \(listed.count) new and \(report.resolved.count) resolved since \(RFC3339.string(since))"
        } else {
            summary += "; \(newIDs.count) new, \(report.resolved.count) resolved by this run"
        }
        out += summary + "\n"
        if let asOf = report.dataAsOf { out += "data as of \(RFC3339.string(asOf))\n" }
        for t in listed {
            let f = t.finding
            let badge = newIDs.contains(f.id) ? " NEW" : ""
            out += "\n\(f.severity.rawValue.uppercased())\(badge)  \(f.kind.rawValue)  \(f.id)\n"
            out += "  \(f.message)\n"
            out += "  what to do: \(f.advice)\n"
            out += "  records: " + f.records.map { "\($0.backend) \($0.type) \($0.id)" }.joined(separator: ", ") + "\n"
            out += "  first seen \(RFC3339.string(t.firstSeen)), last seen \(RFC3339.string(t.lastSeen))\n"
        }
        if !report.resolved.isEmpty {
            out += "\nresolved:\n"
            for r in report.resolved {
                out += "  \(r.finding.kind.rawValue)  \(r.finding.id)  resolved \(r.resolvedAt.map(RFC3339.string) ?? "?"): \(r.finding.message)\n"
            }
        }
        if let html { out += "\nreport written to \(html)\n" }
        return out
    }
}
