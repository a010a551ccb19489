import FieldSyncCore
import Foundation

/// The timeline section of the HTML report: one row per technician, the shown days across, shifts
/// and time off as bands behind the appointments and busy blocks, which stack in lanes when they
/// overlap. Items in a finding are coloured by its severity and link to it. Appointments with no
/// technician, which have no row of their own, get an "Unassigned" row on top.
struct HTMLTimeline {
    let timeline: Timeline
    let clock: HTMLClock
    let checkedAt: Date
    /// Open findings by id, to name them in the items' hover text.
    let findings: [String: TrackedFinding]

    /// The layout the CSS and the lanes agree on, in px.
    static let nameColumn = 200
    static let laneHeight = 22
    static let laneGap = 3
    static let rowPadding = 5
    /// The track's width on a 1400px screen, to space the hour labels and decide which blocks
    /// have room for their label.
    static let typicalTrackWidth = 1150.0
    /// Narrower blocks show no text (a flagged one shows `!`): the hover text and the finding have it.
    static let minimumLabelWidth = 56.0

    func render() -> String {
        let rows = unassignedRow().map { [$0] + timeline.rows } ?? timeline.rows
        let axis = TimelineAxis(timeline: Timeline(start: timeline.start, end: timeline.end, timeZone: timeline.timeZone, rows: rows), zone: clock.zone)
        var html = "<section id=\"timeline\" class=\"timeline\">\n"
        html += "<h2>Timeline <span class=\"sub\">\(HTMLText.escape(subtitle(axis)))</span></h2>\n"
        guard !rows.isEmpty, !axis.days.isEmpty else {
            html += "<p class=\"muted\">No technicians to show for this period.</p>\n</section>\n"
            return html
        }
        let ticks = axis.ticks(trackWidth: Self.typicalTrackWidth, gap: 24)
        html += "<div class=\"tl\">\n"
        html += head(axis, ticks: ticks, rows: rows)
        html += "<div class=\"tl-body\">\n"
        html += grid(axis, ticks: ticks)
        // Findings about a technician count on their row even when no item shows them (a rule about the day).
        var byTechnician: [String: [String]] = [:]
        for (id, tracked) in findings {
            if let technician = tracked.finding.technicianID { byTechnician[technician, default: []].append(id) }
        }
        for (i, row) in rows.enumerated() {
            html += self.row(row, axis: axis, unassigned: i == 0 && rows.count > timeline.rows.count, byTechnician: byTechnician)
        }
        html += "</div>\n</div>\n"
        html += legend()
        html += "</section>\n"
        return html
    }

    private func subtitle(_ axis: TimelineAxis) -> String {
        guard let first = axis.days.first, let last = axis.days.last else { return "" }
        func hh(_ h: Int) -> String { (h < 10 ? "0" : "") + "\(h):00" }
        let span = axis.days.count == 1 ? first.label : "\(first.label) – \(last.label)"
        return "\(span) · \(clock.zone.identifier) (\(clock.abbreviation(first.windowStart))) · \(hh(axis.firstHour))–\(hh(axis.lastHour)) each day"
    }

    /// Day names (with how many findings start that day) and hour labels.
    private func head(_ axis: TimelineAxis, ticks: [TimelineAxis.Tick], rows: [Timeline.Row]) -> String {
        var html = "<div class=\"tl-head\"><div class=\"tl-name-h\">Technician</div><div class=\"tl-scale\">\n"
        for (i, day) in axis.days.enumerated() {
            let next = i + 1 < axis.days.count ? axis.days[i + 1].midnight : nil
            let ids = Set(
                rows.flatMap(\.items).filter { item in
                    item.start >= day.midnight && (next.map { item.start < $0 } ?? true)
                }.flatMap(\.findingIDs))
            var badge = ""
            if let worst = ids.compactMap({ findings[$0]?.finding.severity }).max() {
                badge =
                    " <span class=\"day-count sev-\(worst.rawValue)\" title=\"\(HTMLText.count(ids.count, "finding")) that day\">\(ids.count)</span>"
            }
            let classes = "tl-day" + (day.isWeekend ? " weekend" : "") + (day.isQuiet ? " quiet" : "")
            html +=
                "<div class=\"\(classes)\" style=\"left:\(HTMLText.number(day.left))%;width:\(HTMLText.number(day.width))%\">\(HTMLText.escape(day.label))\(badge)</div>\n"
        }
        for tick in ticks where tick.major {
            html += "<span class=\"tl-hour\" style=\"left:\(HTMLText.number(tick.position))%\">\(tick.hour)</span>"
        }
        html += "\n</div></div>\n"
        return html
    }

    /// Weekend shading, hour and day lines and the moment of the check, behind every row.
    private func grid(_ axis: TimelineAxis, ticks: [TimelineAxis.Tick]) -> String {
        var html = "<div class=\"tl-grid\" aria-hidden=\"true\">"
        for day in axis.days where day.isWeekend || day.isQuiet {
            html += "<div class=\"tl-weekend\" style=\"left:\(HTMLText.number(day.left))%;width:\(HTMLText.number(day.width))%\"></div>"
        }
        for tick in ticks where tick.hour != axis.firstHour {
            html += "<div class=\"tl-line\(tick.major ? " major" : "")\" style=\"left:\(HTMLText.number(tick.position))%\"></div>"
        }
        for day in axis.days.dropFirst() {
            html += "<div class=\"tl-line day\" style=\"left:\(HTMLText.number(day.left))%\"></div>"
        }
        if let first = axis.days.first, let last = axis.days.last, checkedAt >= first.windowStart, checkedAt <= last.windowEnd {
            html +=
                "<div class=\"tl-now\" style=\"left:\(HTMLText.number(axis.position(checkedAt)))%\" title=\"Checked \(HTMLText.escape(clock.stamp(checkedAt)))\"></div>"
        }
        html += "</div>\n"
        return html
    }

    private func row(_ row: Timeline.Row, axis: TimelineAxis, unassigned: Bool, byTechnician: [String: [String]]) -> String {
        let stacked = TimelineLanes.assign(row.items)
        let height = stacked.count * Self.laneHeight + (stacked.count - 1) * Self.laneGap + 2 * Self.rowPadding
        var ids = Set(row.items.flatMap(\.findingIDs))
        if !unassigned { ids.formUnion(byTechnician[row.technicianID] ?? []) }
        let worst = ids.compactMap { findings[$0]?.finding.severity }.max() ?? row.severity

        let id = unassigned ? "unassigned-work" : "row-\(HTMLText.identifier(row.technicianID))"
        var html = "<div class=\"tl-row\(unassigned ? " unassigned" : "")\(worst.map { " flagged sev-\($0.rawValue)" } ?? "")\" id=\"\(id)\">"
        html += "<div class=\"tl-name\">"
        if let worst, !ids.isEmpty {
            html +=
                "<span class=\"marker sev-\(worst.rawValue)\" title=\"\(HTMLText.count(ids.count, "finding")), worst \(worst.rawValue)\">\(ids.count)</span>"
        } else {
            html += "<span class=\"marker none\" title=\"No findings\"></span>"
        }
        html += "<span class=\"who\"><span class=\"tech\">\(HTMLText.escape(row.name))</span>"
        html += "<span class=\"tech-id\">\(HTMLText.escape(unassigned ? row.source : "\(row.source) · \(row.technicianID)"))</span></span></div>"
        html += "<div class=\"tl-track\" style=\"min-height:\(height)px\">"
        // Bands first (behind), then the stacked items; items in findings last so they sit on top.
        let order = row.items.indices.sorted { a, b in
            let ka = rank(row.items[a]), kb = rank(row.items[b])
            return ka != kb ? ka < kb : a < b
        }
        for i in order {
            html += item(row.items[i], lane: stacked.lanes[i], axis: axis)
        }
        html += "</div></div>\n"
        return html
    }

    private func rank(_ item: Timeline.Item) -> Int {
        switch item.kind {
        case .shift: 0
        case .onCall: 1
        case .timeOff: 2
        case .busy, .nonJobAppointment: item.findingIDs.isEmpty ? 3 : 5
        case .appointment: item.findingIDs.isEmpty ? 4 : 6
        }
    }

    private func item(_ item: Timeline.Item, lane: Int?, axis: TimelineAxis) -> String {
        let pieces = axis.segments(from: item.start, to: item.end)
        guard !pieces.isEmpty else { return "" }
        var classes = lane == nil ? "band" : "item"
        classes += " " + item.kind.rawValue.replacingOccurrences(of: "_", with: "-")
        let severity = item.severity ?? item.findingIDs.compactMap({ findings[$0]?.finding.severity }).max()
        if let severity { classes += " flagged sev-\(severity.rawValue)" }
        if item.end <= item.start { classes += " instant" }
        let title = HTMLText.escape(hoverText(item))
        let vertical = lane.map { ";top:\(Self.rowPadding + $0 * (Self.laneHeight + Self.laneGap))px;height:\(Self.laneHeight)px" } ?? ""
        var html = ""
        for piece in pieces {
            let style = "left:\(HTMLText.number(piece.left))%;width:\(HTMLText.number(piece.width))%\(vertical)"
            let roomy = piece.width / 100 * Self.typicalTrackWidth >= Self.minimumLabelWidth
            let text = roomy ? HTMLText.escape(shortLabel(item)) : (lane != nil && severity != nil ? "!" : "")
            if let first = item.findingIDs.first {
                html += "<a class=\"\(classes)\" href=\"#\(HTMLText.identifier(first))\" style=\"\(style)\" title=\"\(title)\">\(text)</a>"
            } else {
                html += "<div class=\"\(classes)\" style=\"\(style)\" title=\"\(title)\">\(text)</div>"
            }
        }
        return html
    }

    /// The label inside a block: `700286 · No Heat` for `Job 700286 · No Heat` (every block on the
    /// timeline is a job unless it says otherwise).
    private func shortLabel(_ item: Timeline.Item) -> String {
        guard item.kind == .appointment, item.label.hasPrefix("Job ") else { return item.label }
        return String(item.label.dropFirst(4))
    }

    /// `Job 700286 · No Heat`, its time, and the findings it is part of, one per line.
    private func hoverText(_ item: Timeline.Item) -> String {
        var lines = [item.label, clock.span(item.start, item.end)]
        if item.end <= item.start { lines.append("Ends when it starts, or before") }
        let kinds = item.findingIDs.compactMap { findings[$0] }.map { "\($0.finding.severity.rawValue.capitalized): \($0.finding.kind.title)" }
        lines += kinds
        return lines.joined(separator: "\n")
    }

    /// A row for the open `unassigned_appointment` findings the timeline does not already show, so
    /// that work with no technician is on the picture too; nil when there are none.
    private func unassignedRow() -> Timeline.Row? {
        let shown = Set(timeline.rows.flatMap { $0.items.flatMap(\.findingIDs) })
        let items = findings.values
            .filter { $0.finding.kind == .unassignedAppointment && !shown.contains($0.finding.id) }
            .compactMap { tracked -> Timeline.Item? in
                let f = tracked.finding
                guard let range = f.range, range.end > timeline.start, range.start < timeline.end else { return nil }
                let label =
                    f.records.first { $0.type == "job" }.map { "Job \($0.id)" }
                    ?? f.records.first { $0.type == "appointment" }.map { "Appointment \($0.id)" } ?? f.kind.title
                return Timeline.Item(kind: .appointment, start: range.start, end: range.end, label: label, findingIDs: [f.id], severity: f.severity)
            }
            .sorted { ($0.start, $0.label) < ($1.start, $1.label) }
        guard !items.isEmpty else { return nil }
        return Timeline.Row(technicianID: "", name: "Unassigned", source: "no technician yet", items: items)
    }

    private func legend() -> String {
        let entries: [(String, String)] = [
            ("item appointment", "Appointment"),
            ("item appointment flagged sev-critical", "Critical problem"),
            ("item appointment flagged sev-warning", "Warning"),
            ("item appointment flagged sev-info", "Info"),
            ("item busy", "Busy (calendar)"),
            ("item non-job-appointment", "Non-job appointment"),
            ("band shift", "Shift"),
            ("band on-call", "On call"),
            ("band time-off", "Time off"),
        ]
        var html = "<div class=\"legend\" aria-label=\"Legend\">"
        for (classes, text) in entries {
            html += "<span class=\"legend-entry\"><span class=\"swatch \(classes)\"></span>\(text)</span>"
        }
        html += "<span class=\"legend-entry\"><span class=\"swatch now\"></span>Time of the check</span>"
        html += "<span class=\"legend-entry\">Hover a block for its time; click a coloured one for the finding.</span>"
        html += "</div>\n"
        return html
    }
}
