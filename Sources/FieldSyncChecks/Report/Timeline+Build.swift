import FieldSyncCore
import Foundation

extension Timeline {
    /// The technicians' schedules over `days` local days from the start of `from`'s day in
    /// `timeZone`, with the items that take part in a finding marked. Technicians with nothing in
    /// the span are left out; those with findings come first (worst first), then by name.
    public static func build(
        snapshot: ScheduleSnapshot, findings: [Finding], from: Date, days: Int, timeZone: TimeZone
    ) -> Timeline {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.startOfDay(for: from)
        let end = calendar.date(byAdding: .day, value: max(1, days), to: start) ?? start.addingTimeInterval(Double(days) * 86_400)
        let span = TimeRange(start: start, end: end)

        // Which findings each record takes part in, by source, type and id.
        var marks: [String: [(id: String, severity: Severity)]] = [:]
        func key(_ source: String, _ type: String, _ id: String) -> String { "\(source)\u{1F}\(type)\u{1F}\(id)" }
        for f in findings {
            for r in f.records { marks[key(r.sourceName, r.type, r.id), default: []].append((f.id, f.severity)) }
        }
        func mark(_ k: String) -> ([String], Severity?) {
            let list = marks[k] ?? []
            return (list.map(\.id), list.map(\.severity).max())
        }

        var rows: [Row] = []
        var perTechnician = [[Item]](repeating: [], count: snapshot.technicians.count)
        func item(_ i: Int32) -> Item? {
            let a = snapshot.appointments[Int(i)]
            guard a.progress != .cancelled, TimeRange(start: a.start, end: max(a.start, a.end)).overlaps(span) else { return nil }
            let source = snapshot.sources[Int(a.source)].name
            let (ids, severity) = mark(key(source, "appointment", a.externalID))
            var label = "Appointment \(a.externalID)"
            if a.job >= 0 {
                let job = snapshot.jobs[Int(a.job)]
                label = "Job \(job.number ?? job.externalID)" + ((job.vendorJobType ?? job.jobType).map { " · \($0)" } ?? "")
            }
            return Item(kind: .appointment, start: a.start, end: max(a.start, a.end), label: label, findingIDs: ids, severity: severity)
        }
        var assigned = [Bool](repeating: false, count: snapshot.appointments.count)
        for b in snapshot.bookings {
            assigned[Int(b.appointment)] = true
            if let item = item(b.appointment) { perTechnician[Int(b.technician)].append(item) }
        }
        // Open appointments nobody is on get a row of their own, so they are seen too.
        var unassigned: [Item] = []
        for (i, a) in snapshot.appointments.enumerated() where !assigned[i] && a.progress == .open {
            if let item = item(Int32(i)) { unassigned.append(item) }
        }
        for w in snapshot.windows where TimeRange(start: w.start, end: w.end).overlaps(span) {
            let kind: ItemKind
            let type: String
            switch w.kind {
            case .shift: (kind, type) = (.shift, "shift")
            case .onCall: (kind, type) = (.onCall, "shift")
            case .timeOff: (kind, type) = (.timeOff, "time_off")
            case .busy, .appointment: (kind, type) = (.busy, "event")
            case .nonJobAppointment: (kind, type) = (.nonJobAppointment, "non_job_appointment")
            }
            let source = snapshot.sources[Int(w.source)].name
            let (ids, severity) = mark(key(source, type, w.externalID))
            let label: String
            switch w.kind {
            case .shift: label = "Shift"
            case .onCall: label = "On call"
            case .timeOff: label = w.title ?? "Time off"
            case .busy, .appointment: label = w.title ?? "Busy"
            case .nonJobAppointment: label = w.title ?? "Non-job appointment"
            }
            perTechnician[Int(w.technician)].append(
                Item(kind: kind, start: w.start, end: w.end, label: label, findingIDs: ids, severity: severity))
        }
        for (t, items) in perTechnician.enumerated() where !items.isEmpty {
            let technician = snapshot.technicians[t]
            guard items.contains(where: { $0.kind != .shift && $0.kind != .onCall }) || technician.active else { continue }
            rows.append(
                Row(
                    technicianID: technician.id, name: technician.name, source: snapshot.sources[Int(technician.source)].name,
                    items: items.sorted { ($0.start, $0.end) < ($1.start, $1.end) }))
        }
        if !unassigned.isEmpty {
            rows.append(
                Row(technicianID: "", name: "No technician", source: "", items: unassigned.sorted { ($0.start, $0.end) < ($1.start, $1.end) }))
        }
        rows.sort { a, b in
            let sa = a.severity, sb = b.severity
            if sa != sb {
                guard let sa else { return false }
                guard let sb else { return true }
                return sa > sb
            }
            return a.name < b.name
        }
        return Timeline(start: start, end: end, timeZone: timeZone.identifier, rows: rows)
    }
}
