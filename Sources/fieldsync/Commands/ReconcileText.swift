import FieldSyncChecks
import FieldSyncEngine
import FieldSyncStore
import Foundation

/// The text of `fieldsync reconcile`: what an operator reads at 7 a.m. in the cron mail.
enum ReconcileText {
    static func render(_ report: ReconcileReport, cachePath: String, html: String?) -> String {
        let s = report.summary
        let mode = report.dryRun ? " (dry run: nothing repaired)" : ""
        var out = "fieldsync reconcile: run \(report.runID.map(String.init) ?? "?")\(mode), \(s.recordsRead) records read, "
        out += "\(s.created) new, \(s.changed) changed, \(s.deleted) gone at the backend; \(s.bookings) booking(s), \(s.overHolds) hold(s) overlapped\n"
        for source in report.sources {
            out += "  \(source.source) (\(source.backend)): \(source.state.rawValue)"
            if !source.compared.isEmpty {
                out += source.state == .compared ? " (\(source.compared.joined(separator: ", ")))" : "; complete: \(source.compared.joined(separator: ", "))"
            }
            out += String(format: " in %.1f s\n", source.durationSeconds)
            for missing in source.notCompared { out += "    not compared: \(missing)\n" }
            for note in source.notes.prefix(5) { out += "    note: \(note)\n" }
        }
        if !report.differences.isEmpty {
            out += "differences:\n"
            for d in report.differences.prefix(50) {
                out += "  \(d.change.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(d.message)\(d.repaired || report.dryRun ? "" : " (not repaired)")\n"
            }
            if report.differences.count > 50 {
                out += "  … and \(report.differences.count - 50) more (--json or --html lists them all)\n"
            }
        }
        if !report.bookings.isEmpty {
            out += "bookings fieldsync made:\n"
            for b in report.bookings { out += "  \(b.change.rawValue): \(b.message)\n" }
        }
        if !report.overHolds.isEmpty {
            out += "remote appointments on held time:\n"
            for o in report.overHolds { out += "  \(o.message)\n" }
        }
        if let findings = report.findings {
            if let error = findings.error {
                out += "checks: could not run: \(error)\n"
            } else {
                out += "checks: \(findings.open) open finding(s), \(findings.new.count) new since this run began\n"
                for f in findings.new.prefix(10) { out += "  new \(f.severity) \(f.kind): \(f.message)\n" }
            }
        }
        let week = report.history.filter { !$0.dryRun }
        if week.count > 1 {
            let counts = week.reversed().map { "\($0.created + $0.changed + $0.deleted + $0.bookings + $0.overHolds)" }
            out += "drift this week (oldest first): \(counts.joined(separator: " · "))\n"
        }
        if let html { out += "report: \(html)\n" }
        out += "result: \(report.outcome.rawValue) (exit \(report.exitCode)); cache: \(cachePath)\n"
        return out
    }

    static func history(_ runs: [ReconcileRunRecord]) -> String {
        guard !runs.isEmpty else { return "no reconciliation in the last 7 days\n" }
        var rows = [["run", "started (UTC)", "mode", "outcome", "new", "changed", "gone", "bookings", "over holds", "new findings"]]
        for r in runs {
            rows.append([
                "\(r.id)", DateText.of(r.startedAt).prefix(16).description, r.dryRun ? "dry run" : "repair", r.state.rawValue,
                "\(r.created)", "\(r.changed)", "\(r.deleted)", "\(r.bookings)", "\(r.overHolds)", "\(r.newFindings)",
            ])
        }
        return TextTable.render(rows)
    }
}
