import FieldSyncCore
import Foundation

/// `outside_shift`: an appointment not wholly inside the technician's shifts (on-call counts as a
/// shift). A technician whose sources keep no shifts at all (Housecall Pro) is held to the shop's
/// business hours from the rules file instead; without either, nothing is said.
///
/// Shifts are only known where a sync read the technician's schedule completely (coverage), so
/// appointments outside that span are not judged.
public struct OutsideShiftCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.outsideShift] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        var coverage = [[TimeRange]](repeating: [], count: snapshot.technicians.count)
        for c in snapshot.coverage where Int(c.technician) < coverage.count {
            coverage[Int(c.technician)].append(TimeRange(start: c.start, end: c.end))
        }
        var dayTables: [String: LocalDays] = [:]
        // The same hours give the same shifts for every technician they apply to.
        var hoursShifts: [CheckRules.BusinessHours: [TimeRange]] = [:]
        let span = Self.span(of: snapshot)
        var shifts: [TimeRange] = []
        for t in snapshot.technicians.indices {
            let bookings = context.bookingRanges[t]
            guard !bookings.isEmpty else { continue }
            shifts.removeAll(keepingCapacity: true)
            for w in context.windowRanges[t] where snapshot.windows[w].kind == .shift || snapshot.windows[w].kind == .onCall {
                shifts.append(TimeRange(start: snapshot.windows[w].start, end: snapshot.windows[w].end))
            }
            let known: [TimeRange]
            var hours: CheckRules.BusinessHours?
            if !shifts.isEmpty {
                shifts = TimeRange.union(shifts)
                known = coverage[t].isEmpty
                    ? [TimeRange(start: shifts.first!.start, end: shifts.last!.end)] : TimeRange.union(coverage[t])
            } else {
                let sourceName = snapshot.sources[Int(snapshot.technicians[t].source)].name
                guard let h = context.rules.businessHours(for: sourceName), let zone = TimeZone(identifier: h.timeZone),
                    let span
                else { continue }
                hours = h
                if let cached = hoursShifts[h] {
                    shifts = cached
                } else {
                    let days = dayTables[h.timeZone] ?? LocalDays(timeZone: zone, covering: span.start, span.end)
                    dayTables[h.timeZone] = days
                    for d in 0..<days.count where h.days.contains(days.weekdays[d]) {
                        shifts.append(TimeRange(start: days.instant(day: d, minutes: h.opensAt), end: days.instant(day: d, minutes: h.closesAt)))
                    }
                    shifts = TimeRange.union(shifts)
                    hoursShifts[h] = shifts
                }
                known = [span]
            }
            var k = 0
            var c = 0
            for b in bookings {
                let a = snapshot.bookings[b].appointment
                let appointment = snapshot.appointments[Int(a)]
                guard appointment.progress == .open, appointment.start < appointment.end else { continue }
                while c < known.count, known[c].end <= appointment.start { c += 1 }
                guard c < known.count, known[c].start <= appointment.start, appointment.end <= known[c].end else { continue }
                while k < shifts.count, shifts[k].end <= appointment.start { k += 1 }
                if k < shifts.count, shifts[k].start <= appointment.start, appointment.end <= shifts[k].end { continue }
                report(a, technician: Int32(t), shifts: shifts, near: k, hours: hours, context: context, into: &findings)
            }
        }
    }

    /// The span of all appointments, padded by a day each side.
    private static func span(of snapshot: ScheduleSnapshot) -> TimeRange? {
        guard var low = snapshot.appointments.first?.start, var high = snapshot.appointments.first?.end else { return nil }
        for a in snapshot.appointments {
            if a.start < low { low = a.start }
            if a.end > high { high = a.end }
        }
        return TimeRange(start: low.addingTimeInterval(-86_400), end: high.addingTimeInterval(86_400))
    }

    private func report(
        _ a: Int32, technician t: Int32, shifts: [TimeRange], near k: Int, hours: CheckRules.BusinessHours?,
        context: CheckContext, into findings: inout [Finding]
    ) {
        let appointment = context.snapshot.appointments[Int(a)]
        let zone = context.timeZone(technician: t)
        let name = context.name(technician: t)
        let when = context.when(appointment.start, appointment.end, in: zone)
        let message: String
        let advice: String
        if let hours {
            message = "\(name) has \(context.label(appointment: a)) \(when), outside the shop's business hours (\(hours.description))."
            advice = "Move it into business hours, or reassign it to someone on call; if the shop works then, widen business_hours in the rules file."
        } else {
            // The shift on the same local day, if any, helps the dispatcher see how far out it is.
            var nearest = ""
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let candidates = [k - 1, k].filter { shifts.indices.contains($0) }
                .filter { calendar.isDate(shifts[$0].start, inSameDayAs: appointment.start) }
            if let i = candidates.last {
                nearest = " (that day's shift: \(context.when(shifts[i].start, shifts[i].end, in: zone)))"
            } else {
                nearest = " (no shift that day)"
            }
            message = "\(name) has \(context.label(appointment: a)) \(when), outside their shifts\(nearest)."
            advice = "Move it into a shift, add an on-call or extra shift for \(name) in the scheduling tool, or reassign it."
        }
        findings.append(
            Finding(
                kind: .outsideShift, severity: context.severity(.outsideShift, .warning), message: message, advice: advice,
                records: context.refs(appointment: a) + [context.ref(technician: t)],
                technicianID: context.snapshot.technicians[Int(t)].id,
                range: TimeRange(start: appointment.start, end: appointment.end)))
    }
}
