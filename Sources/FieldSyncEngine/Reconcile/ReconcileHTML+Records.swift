import FieldSyncStore
import Foundation

/// The page's lists of what differed: bookings fieldsync made, remote appointments on held time,
/// then every record, by source and kind of record.
extension ReconcilePage {
    // MARK: Bookings

    func bookingList() -> String {
        guard !report.bookings.isEmpty else { return "" }
        var html = "<section id=\"bookings\" class=\"bookings\">\n"
        html += "<h2>Bookings fieldsync made that changed at the backend <span class=\"sub\">\(report.bookings.count)</span></h2>\n"
        html += "<p class=\"lead\">Someone moved, reassigned, canceled or deleted these in the scheduling tool after the AI dispatcher booked them. Tell the customer if they do not know yet.</p>\n"
        for b in report.bookings {
            let vendor = ReconcileWording.vendor(b.backend)
            html += "<article class=\"card b-\(b.change.rawValue)\" id=\"booking-\(ReconcileHTMLText.identifier(b.bookingID))\">\n"
            html += "<div class=\"card-head\"><span class=\"badge b-\(b.change.rawValue)\">\(b.change.rawValue.uppercased())</span>"
            html += "<span class=\"what\">Booking <code class=\"rid\">\(escape(b.bookingID))</code></span>"
            html += "<span class=\"ids\">\(escape(vendor)) appointment <code class=\"rid\">\(escape(b.appointmentID))</code>"
            if let job = b.jobID { html += " · job <code class=\"rid\">\(escape(job))</code>" }
            html += "</span><span class=\"via\">\(escape(b.source))</span>"
            html += repairState(b.repaired, done: b.change == .changed ? "booking follows it" : "time released") + "</div>\n"
            html += "<p class=\"message\">\(escape(b.message))</p>\n"
            html += fieldList(b.fields)
            html += "</article>\n"
        }
        html += "</section>\n"
        return html
    }

    // MARK: Over-holds

    func overHoldList() -> String {
        guard !report.overHolds.isEmpty else { return "" }
        var html = "<section id=\"over-holds\" class=\"over-holds\">\n"
        html += "<h2>Remote appointments on time fieldsync holds <span class=\"sub\">\(report.overHolds.count)</span></h2>\n"
        html += "<p class=\"lead\">The scheduling tool put work on a technician while fieldsync held that time for a booking in progress. The appointment wins: the hold is ended.</p>\n"
        for o in report.overHolds {
            let kind = o.holdState == "shadowed" ? "shadow booking" : "hold"
            html += "<article class=\"card over-hold\" id=\"over-hold-\(ReconcileHTMLText.identifier(o.bookingID))-\(ReconcileHTMLText.identifier(o.appointmentID))\">\n"
            html += "<div class=\"card-head\"><span class=\"badge c-over-holds\">OVER \(kind.uppercased())</span>"
            html += "<span class=\"what\">Appointment <code class=\"rid\">\(escape(o.appointmentID))</code></span>"
            html += "<span class=\"ids\">over \(escape(kind)) <code class=\"rid\">\(escape(o.bookingID))</code></span>"
            html += "<span class=\"via\">\(escape(o.source))</span>"
            html += repairState(o.repaired, done: "\(kind) ended") + "</div>\n"
            html += "<p class=\"message\">\(escape(o.message))</p>\n"
            html += "<dl class=\"facts\"><div><dt>Technician</dt><dd class=\"mono\">\(escape(o.technicianID))</dd></div>"
            html += "<div><dt>Appointment</dt><dd>\(escape(clock.span(o.appointmentStart, o.appointmentEnd)))</dd></div>"
            html += "<div><dt>Held</dt><dd>\(escape(clock.span(o.holdStart, o.holdEnd)))</dd></div></dl>\n"
            html += "</article>\n"
        }
        html += "</section>\n"
        return html
    }

    // MARK: Differences

    func differenceList() -> String {
        var html = "<section id=\"differences\" class=\"differences\">\n"
        html += "<h2>Records that differed <span class=\"sub\">\(ReconcileHTMLText.number(report.differences.count))</span></h2>\n"
        guard !report.differences.isEmpty else {
            let short = !shortSources.isEmpty
            return html + "<p class=\"muted\">No record differed\(short ? " in what could be compared" : ""). </p>\n</section>\n"
        }
        var sourceOrder = report.sources.map(\.source)
        for d in report.differences where !sourceOrder.contains(d.source) { sourceOrder.append(d.source) }
        let bySource = Dictionary(grouping: report.differences, by: \.source)
        for source in sourceOrder {
            guard let group = bySource[source], let first = group.first else { continue }
            html += "<section class=\"diff-source\" id=\"differences-\(ReconcileHTMLText.identifier(source))\">\n"
            html += "<h3>\(escape(source)) <span class=\"sub\">\(escape(ReconcileWording.vendor(first.backend))) · \(tally(group))</span></h3>\n"
            let byEntity = Dictionary(grouping: group, by: \.entity)
            for entity in byEntity.keys.sorted(by: { (Self.entityRank($0), $0) < (Self.entityRank($1), $1) }) {
                let rows = byEntity[entity] ?? []
                html += "<h4>\(escape(Self.plural(entity).capitalizingFirst)) <span class=\"sub\">\(tally(rows))</span></h4>\n"
                html += differenceTable(Array(rows.prefix(Self.shownPerGroup)))
                if rows.count > Self.shownPerGroup {
                    let folded = Array(rows.dropFirst(Self.shownPerGroup).prefix(Self.keptPerGroup - Self.shownPerGroup))
                    html += "<details class=\"more\"><summary>Show \(ReconcileHTMLText.count(folded.count, "more " + Self.singular(entity), "more " + Self.plural(entity)))</summary>\n"
                    html += differenceTable(folded)
                    html += "</details>\n"
                    let omitted = rows.count - Self.shownPerGroup - folded.count
                    if omitted > 0 {
                        html += "<p class=\"omitted\">… and \(ReconcileHTMLText.count(omitted, "more " + Self.singular(entity), "more " + Self.plural(entity))) not listed on this page; "
                        html += "<code>fieldsync reconcile --json</code> lists every difference.</p>\n"
                    }
                }
            }
            html += "</section>\n"
        }
        html += "</section>\n"
        return html
    }

    /// `3 new · 5 changed · 1 gone · 2 not repaired`.
    private func tally(_ rows: [ReconcileReport.Difference]) -> String {
        var parts: [String] = []
        for (change, word) in [(Drift.Change.created, "new"), (.changed, "changed"), (.deleted, "gone")] {
            let n = rows.filter { $0.change == change }.count
            if n > 0 { parts.append("\(ReconcileHTMLText.number(n)) \(word)") }
        }
        let open = rows.filter { !$0.repaired }.count
        if open > 0, !report.dryRun { parts.append("\(ReconcileHTMLText.number(open)) not repaired") }
        return escape(parts.joined(separator: " · "))
    }

    private func differenceTable(_ rows: [ReconcileReport.Difference]) -> String {
        var html = "<table class=\"grid diffs\"><thead><tr><th>Change</th><th>Id</th><th>What</th><th>Technician · when</th><th>Cache</th></tr></thead><tbody>\n"
        for d in rows {
            let word = d.change == .deleted ? "gone" : d.change == .created ? "new" : "changed"
            html += "<tr class=\"diff c-\(d.change.rawValue)\"><td><span class=\"badge c-\(d.change.rawValue)\">\(word.uppercased())</span></td>"
            html += "<td><code class=\"rid\">\(escape(d.id))</code></td>"
            html += "<td>\(d.fields.isEmpty ? "<span class=\"said\">\(escape(d.message))</span>" : fieldList(d.fields))</td>"
            var context: [String] = []
            if let technician = d.technicianID { context.append("<span class=\"mono\">\(escape(technician))</span>") }
            if let start = d.start { context.append(escape(clock.time(start))) }
            html += "<td class=\"context\">\(context.isEmpty ? "<span class=\"muted\">—</span>" : context.joined(separator: "<br>"))</td>"
            html += "<td class=\"nowrap\">\(repairState(d.repaired, done: "repaired"))</td></tr>\n"
        }
        html += "</tbody></table>\n"
        return html
    }

    // MARK: Shared

    /// Each field `before → after`; a personal field only as "changed".
    func fieldList(_ fields: [FieldChange]) -> String {
        guard !fields.isEmpty else { return "" }
        var html = "<ul class=\"fields\">"
        for f in fields {
            html += "<li><span class=\"fname\">\(escape(Self.fieldName(f.name)))</span> "
            if f.isPersonal {
                html += "<span class=\"personal\">changed</span> <span class=\"muted\">(personal: not shown)</span>"
            } else {
                html += "\(value(f.before, f.name, "before")) <span class=\"arrow\">→</span> \(value(f.after, f.name, "after"))"
            }
            html += "</li>"
        }
        return html + "</ul>\n"
    }

    private func value(_ text: String?, _ field: String, _ cls: String) -> String {
        guard let text, !text.isEmpty else { return "<span class=\"\(cls) none\">none</span>" }
        return "<span class=\"\(cls)\">\(escape(clock.value(text, field: field)))</span>"
    }

    /// Whether the cache was put right: done, left alone by a dry run, or not repaired.
    func repairState(_ repaired: Bool, done: String) -> String {
        if repaired { return "<span class=\"state fixed\">✓ \(escape(done))</span>" }
        if report.dryRun { return "<span class=\"state pending\">dry run: left as is</span>" }
        return "<span class=\"state open\">✕ not repaired</span>"
    }

    /// `starts_at` → `start`, `technician_id` → `technician`.
    static func fieldName(_ name: String) -> String {
        switch name {
        case "starts_at": "start"
        case "ends_at": "end"
        case "technician_id": "technician"
        default: name.replacingOccurrences(of: "_", with: " ")
        }
    }

    static func singular(_ entity: String) -> String {
        entity == "availability" ? "availability window" : entity
    }

    static func plural(_ entity: String) -> String {
        switch entity {
        case "availability": "availability windows"
        default: entity.hasSuffix("s") ? entity : entity + "s"
        }
    }
}

extension String {
    fileprivate var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}
