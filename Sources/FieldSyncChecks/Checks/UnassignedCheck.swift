import FieldSyncCore
import Foundation

/// `unassigned_appointment`: a scheduled appointment with no technician. Critical when it is
/// under way or starts within a day; a warning otherwise.
public struct UnassignedCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.unassignedAppointment] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        let soon = snapshot.asOf.addingTimeInterval(86_400)
        for (i, appointment) in snapshot.appointments.enumerated() where !context.assigned[i] {
            guard appointment.progress == .open else { continue }
            let a = Int32(i)
            let urgent = appointment.end >= snapshot.asOf && appointment.start < soon
            let zone = context.defaultTimeZone(forSource: appointment.source)
            findings.append(
                Finding(
                    kind: .unassignedAppointment,
                    severity: context.severity(.unassignedAppointment, urgent ? .critical : .warning),
                    message:
                        "\(context.label(appointment: a).capitalizingFirst) \(context.when(appointment.start, appointment.end, in: zone)) has no technician.",
                    advice: urgent
                        ? "Assign a technician now: it starts within a day." : "Assign a technician, or unschedule it if the visit is not confirmed.",
                    records: context.refs(appointment: a),
                    range: TimeRange(start: appointment.start, end: appointment.end)))
        }
    }
}

extension String {
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}
