import FieldSyncCore
import Foundation

/// `during_time_off`: an appointment overlapping the technician's time off, from any source (a
/// time-off shift in the backend, a vacation in their calendar).
public struct TimeOffCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.duringTimeOff] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        var timeOff: [Int] = []
        for t in snapshot.technicians.indices {
            let bookings = context.bookingRanges[t]
            guard !bookings.isEmpty else { continue }
            timeOff.removeAll(keepingCapacity: true)
            for w in context.windowRanges[t] where snapshot.windows[w].kind == .timeOff { timeOff.append(w) }
            guard !timeOff.isEmpty else { continue }
            // Few time-off windows per technician: try each, stopping at the first that starts
            // after the appointment ends (they are sorted by start).
            for b in bookings {
                let a = snapshot.bookings[b].appointment
                let appointment = snapshot.appointments[Int(a)]
                guard appointment.progress == .open, appointment.start < appointment.end else { continue }
                for w in timeOff {
                    let window = snapshot.windows[w]
                    if window.start >= appointment.end { break }
                    guard window.end > appointment.start else { continue }
                    report(a, window: window, technician: Int32(t), context: context, into: &findings)
                }
            }
        }
    }

    private func report(
        _ a: Int32, window: ScheduleSnapshot.Window, technician t: Int32, context: CheckContext, into findings: inout [Finding]
    ) {
        let appointment = context.snapshot.appointments[Int(a)]
        let zone = context.timeZone(technician: t)
        let name = context.name(technician: t)
        let title = window.title.map { " \"\($0)\"" } ?? ""
        let source = context.source(window.source).name
        findings.append(
            Finding(
                kind: .duringTimeOff, severity: context.severity(.duringTimeOff, .critical),
                message:
                    "\(name) has \(context.label(appointment: a)) \(context.when(appointment.start, appointment.end, in: zone)) during time off\(title) (\(context.when(window.start, window.end, in: zone)), from \(source)).",
                advice: "Reassign it to another technician or move it after \(name) is back; if the time off was cancelled, remove it at its source.",
                records: context.refs(appointment: a) + [context.ref(window: window), context.ref(technician: t)],
                technicianID: context.snapshot.technicians[Int(t)].id,
                range: TimeRange(start: max(appointment.start, window.start), end: min(appointment.end, window.end))))
    }
}
