import FieldSyncCore
import Foundation

/// `invalid_time`: an appointment whose length is implausible (shorter or longer than the rules
/// allow, five minutes and sixteen hours unless the shop says otherwise). Appointments that end
/// before they start never reach the schedule: the sync quarantines them, and
/// ``QuarantineCheck`` reports them under this kind.
public struct InvalidTimeCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.invalidTime] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        let low = context.rules.minimumDuration
        let high = context.rules.maximumDuration
        for (i, appointment) in snapshot.appointments.enumerated() where appointment.progress != .cancelled {
            let length = appointment.end.timeIntervalSince(appointment.start)
            guard length < low || length > high else { continue }
            let a = Int32(i)
            let zone = context.defaultTimeZone(forSource: appointment.source)
            let what = length < low
                ? "lasts only \(TimeText.duration(length))" : "lasts \(TimeText.duration(length))"
            let bound = length < low
                ? "shorter than the \(TimeText.duration(low)) the shop's rules allow"
                : "longer than the \(TimeText.duration(high)) the shop's rules allow"
            findings.append(
                Finding(
                    kind: .invalidTime, severity: context.severity(.invalidTime, .warning),
                    message:
                        "\(context.label(appointment: a).capitalizingFirst) \(context.when(appointment.start, appointment.end, in: zone)) \(what), \(bound).",
                    advice: "Correct its start and end in the scheduling tool; a visit over several days is better booked as one appointment per day.",
                    records: context.refs(appointment: a), detail: "duration",
                    range: TimeRange(start: appointment.start, end: appointment.end)))
        }
    }
}
