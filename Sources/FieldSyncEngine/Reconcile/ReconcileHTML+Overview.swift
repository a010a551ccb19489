import FieldSyncChecks
import Foundation

/// The top of the page under the verdict: the counts, how far each source was compared, and the
/// week's drift run by run.
extension ReconcilePage {
    // MARK: Summary

    func summary() -> String {
        let s = report.summary
        var html = "<section class=\"summary\" aria-label=\"Summary\">\n<div class=\"tiles\">\n"
        html += tile("c-created", s.created, "New at backend", href: "#differences")
        html += tile("c-changed", s.changed, "Changed", href: "#differences")
        html += tile("c-deleted", s.deleted, "Gone at backend", href: "#differences")
        html += tile("c-bookings", s.bookings, "Bookings touched", href: "#bookings")
        html += tile("c-over-holds", s.overHolds, "Holds overlapped", href: "#over-holds")
        html += tile(report.dryRun ? "c-pending" : "c-unrepaired", s.notRepaired, report.dryRun ? "Not repaired (dry run)" : "Not repaired", href: nil)
        let worst = ["critical", "warning", "info"].first { sev in report.findings?.new.contains { $0.severity == sev } ?? false } ?? "info"
        html += tile("sev-\(worst)", s.newFindings, "New findings", href: "#findings")
        html += "</div>\n"
        html += "<p class=\"read muted\">\(escape(ReconcileHTMLText.count(s.recordsRead, "record"))) read"
        if let open = report.findings, open.error == nil {
            html += " · \(escape(ReconcileHTMLText.count(open.open, "open finding"))) in all after this run"
        }
        html += "</p>\n</section>\n"
        return html
    }

    private func tile(_ classes: String, _ count: Int, _ caption: String, href: String?) -> String {
        let body = "<span class=\"n\">\(ReconcileHTMLText.number(count))</span><span class=\"caption\">\(escape(caption))</span>"
        let cls = "tile \(classes)\(count == 0 ? " zero" : "")"
        if let href, count > 0 { return "<a class=\"\(cls)\" href=\"\(href)\">\(body)</a>\n" }
        return "<div class=\"\(cls)\">\(body)</div>\n"
    }

    // MARK: Sources

    func sourceList() -> String {
        var html = "<section id=\"sources\" class=\"sources\">\n<h2>Sources <span class=\"sub\">what was read and compared</span></h2>\n"
        guard !report.sources.isEmpty else {
            return html + "<p class=\"muted\">No source was reconciled.</p>\n</section>\n"
        }
        html += "<table class=\"grid\"><thead><tr><th>Source</th><th>Status</th><th>Compared</th><th>Differences</th>"
        html += "<th class=\"num\">Records read</th><th class=\"num\">Took</th></tr></thead><tbody>\n"
        for source in report.sources {
            let (label, cls) =
                switch source.state {
                case .compared: ("COMPARED", "st-compared")
                case .incomplete: ("INCOMPLETE", "st-incomplete")
                case .failed: ("FAILED", "st-failed")
                }
            html += "<tr class=\"source \(cls)\" id=\"source-\(ReconcileHTMLText.identifier(source.source))\">"
            let vendor = ReconcileWording.vendor(source.backend)
            html += "<td><strong>\(escape(source.source))</strong><br><span class=\"muted\">\(escape(vendor.prefix(1).uppercased() + vendor.dropFirst()))</span></td>"
            html += "<td><span class=\"badge \(cls)\">\(label)</span></td>"
            html += "<td>\(source.compared.isEmpty ? "<span class=\"muted\">nothing</span>" : escape(source.compared.joined(separator: ", ")))</td>"
            html += "<td>\(counts(source.counts))</td>"
            html += "<td class=\"num\">\(ReconcileHTMLText.number(source.recordsRead))</td>"
            html += "<td class=\"num nowrap\">\(escape(ReconcileHTMLText.duration(source.durationSeconds)))</td></tr>\n"
            if !source.notCompared.isEmpty || !source.notes.isEmpty {
                html += "<tr class=\"source-more\"><td></td><td colspan=\"5\">"
                if !source.notCompared.isEmpty {
                    html += "<ul class=\"not-compared\">"
                    for reason in source.notCompared { html += "<li><strong>Not compared:</strong> \(escape(reason))</li>" }
                    html += "</ul>"
                }
                if !source.notes.isEmpty {
                    html += "<ul class=\"notes\">"
                    for note in source.notes.prefix(5) { html += "<li><span class=\"note\">Note:</span> \(escape(note))</li>" }
                    if source.notes.count > 5 { html += "<li>… and \(ReconcileHTMLText.count(source.notes.count - 5, "more note"))</li>" }
                    html += "</ul>"
                }
                html += "</td></tr>\n"
            }
        }
        html += "</tbody></table>\n</section>\n"
        return html
    }

    /// `appointments 1 new · 2 changed`, one line per kind of record, or "none".
    private func counts(_ counts: [String: [String: Int]]) -> String {
        var lines: [String] = []
        for entity in counts.keys.sorted(by: { Self.entityRank($0) < Self.entityRank($1) }) {
            let c = counts[entity] ?? [:]
            var parts: [String] = []
            for (key, word) in [("created", "new"), ("changed", "changed"), ("deleted", "gone")] {
                if let n = c[key], n > 0 { parts.append("<span class=\"cnt c-\(key)\">\(ReconcileHTMLText.number(n)) \(word)</span>") }
            }
            guard !parts.isEmpty else { continue }
            lines.append("<span class=\"kind-counts\"><span class=\"entity\">\(escape(entity))</span> \(parts.joined(separator: " · "))</span>")
        }
        return lines.isEmpty ? "<span class=\"muted\">none</span>" : lines.joined(separator: " ")
    }

    /// Kinds of record in the order a dispatcher cares about them (plural or singular names).
    static func entityRank(_ entity: String) -> Int {
        let order = ["appointment", "job", "assignment", "availability", "technician", "customer", "location"]
        let singular = entity.hasSuffix("s") ? String(entity.dropLast()) : entity
        return order.firstIndex(of: singular) ?? order.firstIndex(of: entity) ?? order.count
    }

    // MARK: Trend

    /// The runs of the week, oldest first, as stacked bars: new, changed, gone, bookings, holds.
    func trend() -> String {
        var html = "<section id=\"trend\" class=\"trend\">\n<h2>Drift this week <span class=\"sub\">differences found per run, oldest first</span></h2>\n"
        let runs = Array(report.history.reversed())
        guard !runs.isEmpty else {
            return html + "<p class=\"muted\">No reconciliation recorded in the last 7 days.</p>\n</section>\n"
        }
        let totals = runs.map { $0.created + $0.changed + $0.deleted + $0.bookings + $0.overHolds }
        let top = max(totals.max() ?? 0, 1)
        let barHeight = 100.0
        html += "<div class=\"chart\" role=\"img\" aria-label=\"\(escape("Differences per run: " + zip(runs, totals).map { "\(clock.day($0.startedAt)) \($1)" }.joined(separator: ", ")))\">\n"
        for (run, total) in zip(runs, totals) {
            let current = run.runID == report.runID
            var classes = "run"
            if current { classes += " current" }
            if run.dryRun { classes += " dry" }
            if run.outcome == "incomplete" || run.outcome == "abandoned" { classes += " failed" }
            let tip = "Run #\(run.runID) · \(clock.stamp(run.startedAt)) · \(run.dryRun ? "dry run" : "repair") · \(run.outcome.replacingOccurrences(of: "_", with: " ")) · "
                + "\(run.created) new, \(run.changed) changed, \(run.deleted) gone, \(run.bookings) bookings, \(run.overHolds) holds"
            html += "<div class=\"\(classes)\" title=\"\(escape(tip))\">"
            html += "<div class=\"bar\" style=\"height:\(Int(barHeight) + 20)px\">"
            html += "<span class=\"total\">\(ReconcileHTMLText.number(total))</span>"
            // Highest segment first, so the stack reads bottom-up: new, changed, gone, bookings, holds.
            for (n, cls) in [(run.overHolds, "c-over-holds"), (run.bookings, "c-bookings"), (run.deleted, "c-deleted"), (run.changed, "c-changed"), (run.created, "c-created")] where n > 0 {
                let h = max(2, (Double(n) / Double(top) * barHeight).rounded())
                html += "<span class=\"seg \(cls)\" style=\"height:\(Int(h))px\"></span>"
            }
            if total == 0 { html += "<span class=\"seg zero\"></span>" }
            html += "</div>"
            html += "<span class=\"day\">\(escape(clock.day(run.startedAt)))</span>"
            html += "<span class=\"hour\">\(escape(clock.hourMinute(run.startedAt)))\(run.dryRun ? " · dry" : "")</span>"
            if run.outcome == "incomplete" || run.outcome == "abandoned" {
                html += "<span class=\"flag\">\(escape(run.outcome))</span>"
            } else if current {
                html += "<span class=\"flag now\">this run</span>"
            }
            html += "</div>\n"
        }
        html += "</div>\n"
        html += "<div class=\"legend\">"
        for (cls, word) in [("c-created", "new"), ("c-changed", "changed"), ("c-deleted", "gone"), ("c-bookings", "bookings"), ("c-over-holds", "holds overlapped")] {
            html += "<span class=\"legend-entry\"><span class=\"swatch \(cls)\"></span>\(word)</span>"
        }
        html += "<span class=\"legend-entry\"><span class=\"swatch dry\"></span>dry run (found, not repaired)</span>"
        html += "</div>\n"
        let repairs = runs.filter { !$0.dryRun }
        let week = zip(runs, totals).filter { !$0.0.dryRun }.reduce(0) { $0 + $1.1 }
        html += "<p class=\"muted\">\(escape(ReconcileHTMLText.count(runs.count, "run"))) since \(escape(clock.day(runs[0].startedAt)))"
        html += " · \(escape(ReconcileHTMLText.count(week, "difference"))) found by \(escape(ReconcileHTMLText.count(repairs.count, "repair run")))</p>\n"
        html += "</section>\n"
        return html
    }
}
