import FieldSyncCore
import Foundation

/// `rule_violation`: the shop's own rules from the rules file: technicians never to be sent to a
/// customer (`never_send`), and the most appointments a technician takes in a local day
/// (`max_jobs_per_day`).
public struct ShopRulesCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.ruleViolation] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        var technicianIndex: [String: Int32] = [:]
        for (i, t) in snapshot.technicians.enumerated() { technicianIndex[t.id] = Int32(i) }
        neverSend(context, technicianIndex: technicianIndex, into: &findings)
        dailyLimits(context, into: &findings)
    }

    private func neverSend(_ context: CheckContext, technicianIndex: [String: Int32], into findings: inout [Finding]) {
        let snapshot = context.snapshot
        for rule in context.rules.neverSend {
            guard let t = technicianIndex[rule.technicianID] else { continue }
            for b in context.bookingRanges[Int(t)] {
                let a = snapshot.bookings[b].appointment
                let appointment = snapshot.appointments[Int(a)]
                guard appointment.progress == .open, appointment.job >= 0 else { continue }
                let job = snapshot.jobs[Int(appointment.job)]
                guard job.customerExternalID == rule.customerID, context.source(job.source).name == rule.source else { continue }
                let name = context.name(technician: t)
                let zone = context.timeZone(technician: t)
                let source = context.source(job.source)
                let why = rule.reason.map { " (\($0))" } ?? ""
                findings.append(
                    Finding(
                        kind: .ruleViolation, severity: context.rules.severities[.ruleViolation] ?? rule.severity,
                        message:
                            "\(name) is on \(context.label(appointment: a)) \(context.when(appointment.start, appointment.end, in: zone)) for customer \(rule.customerID), and the shop's rules say never to send \(name) there\(why).",
                        advice: "Reassign the appointment to another technician.",
                        records: context.refs(appointment: a) + [
                            RecordRef(backend: source.backend, sourceName: source.name, type: "customer", id: rule.customerID),
                            context.ref(technician: t),
                        ],
                        detail: rule.name, technicianID: snapshot.technicians[Int(t)].id,
                        range: TimeRange(start: appointment.start, end: appointment.end)))
            }
        }
    }

    private func dailyLimits(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        guard context.rules.maxJobsPerDay != nil || !context.rules.maxJobsPerDayByTechnician.isEmpty else { return }
        guard let span = Self.span(of: snapshot) else { return }
        var tables: [String: LocalDays] = [:]
        var day: [Int32] = []
        for t in snapshot.technicians.indices {
            guard let limit = context.rules.maxJobsPerDay(technicianID: snapshot.technicians[t].id) else { continue }
            let bookings = context.bookingRanges[t]
            guard bookings.count > limit else { continue }
            let zone = context.timeZone(technician: Int32(t))
            let days = tables[zone.identifier] ?? LocalDays(timeZone: zone, covering: span.start, span.end)
            tables[zone.identifier] = days
            var current = -1
            var hint = 0
            func flush() {
                if day.count > limit { report(technician: Int32(t), day: current, days: days, appointments: day, limit: limit, context: context, into: &findings) }
                day.removeAll(keepingCapacity: true)
            }
            for b in bookings {
                let a = snapshot.bookings[b].appointment
                let appointment = snapshot.appointments[Int(a)]
                guard appointment.progress != .cancelled else { continue }
                let d = days.day(of: appointment.start, from: hint)
                hint = d
                if d != current {
                    flush()
                    current = d
                }
                day.append(a)
            }
            flush()
        }
    }

    private static func span(of snapshot: ScheduleSnapshot) -> (start: Date, end: Date)? {
        guard var low = snapshot.appointments.first?.start, var high = low as Date? else { return nil }
        for a in snapshot.appointments {
            if a.start < low { low = a.start }
            if a.start > high { high = a.start }
        }
        return (low.addingTimeInterval(-86_400), high.addingTimeInterval(86_400))
    }

    private func report(
        technician t: Int32, day d: Int, days: LocalDays, appointments: [Int32], limit: Int, context: CheckContext,
        into findings: inout [Finding]
    ) {
        let name = context.name(technician: t)
        let zone = context.timeZone(technician: t)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let dayText = TimeText.day(calendar.dateComponents([.month, .day, .weekday], from: days.starts[d]))
        let technician = context.ref(technician: t)
        let start = context.snapshot.appointments[Int(appointments[0])].start
        let end = appointments.map { context.snapshot.appointments[Int($0)].end }.max() ?? start
        findings.append(
            Finding(
                kind: .ruleViolation, severity: context.rules.severities[.ruleViolation] ?? .warning,
                message: "\(name) has \(appointments.count) appointments on \(dayText), more than the shop's limit of \(limit) a day.",
                advice: "Move or reassign \(appointments.count - limit) of them to keep \(name)'s day within \(limit).",
                records: [technician] + appointments.map { context.ref(appointment: $0) },
                detail: "max_jobs_per_day:\(days.labels[d])", technicianID: context.snapshot.technicians[Int(t)].id,
                range: TimeRange(start: start, end: end), identityRecords: [technician]))
    }
}
