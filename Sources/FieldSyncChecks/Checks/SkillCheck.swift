import FieldSyncCore
import Foundation

/// `skill_mismatch`: the technicians on an appointment, together, lack a skill its job type
/// requires (the skills come from the mapping file's job types). Technicians with no skills on
/// record are not judged: their skills are unknown, not missing.
public struct SkillCheck: ScheduleCheck {
    public init() {}
    public var kinds: [FindingKind] { [.skillMismatch] }

    public func run(_ context: CheckContext, into findings: inout [Finding]) {
        let snapshot = context.snapshot
        let skills = snapshot.technicians.map { Set($0.skills) }
        // The technicians of each appointment, for the few with more than one.
        var count = [UInt8](repeating: 0, count: snapshot.appointments.count)
        for b in snapshot.bookings where count[Int(b.appointment)] < 2 { count[Int(b.appointment)] += 1 }
        var crews: [Int32: [Int32]] = [:]
        for b in snapshot.bookings where count[Int(b.appointment)] > 1 { crews[b.appointment, default: []].append(b.technician) }
        // One technician (nearly every appointment): in appointment order, so the appointment and
        // its job are read in the order they sit in memory rather than at random.
        var single = [Int32](repeating: -1, count: snapshot.appointments.count)
        for b in snapshot.bookings where count[Int(b.appointment)] == 1 { single[Int(b.appointment)] = b.technician }
        for a in snapshot.appointments.indices where single[a] >= 0 {
            let appointment = snapshot.appointments[a]
            guard appointment.progress == .open, appointment.job >= 0 else { continue }
            let required = snapshot.jobs[Int(appointment.job)].requiredSkills
            guard !required.isEmpty else { continue }
            let t = single[a]
            let own = skills[Int(t)]
            if own.isEmpty || required.allSatisfy({ own.contains($0) }) { continue }
            report(Int32(a), crew: [t], missing: required.filter { !own.contains($0) }, context: context, into: &findings)
        }
        // Crews, judged once, at their first technician.
        for (a, members) in crews {
            let appointment = snapshot.appointments[Int(a)]
            guard appointment.progress == .open, appointment.job >= 0 else { continue }
            let required = snapshot.jobs[Int(appointment.job)].requiredSkills
            guard !required.isEmpty else { continue }
            let known = members.filter { !skills[Int($0)].isEmpty }
            guard !known.isEmpty else { continue }
            let has = known.reduce(into: Set<String>()) { $0.formUnion(skills[Int($1)]) }
            let missing = required.filter { !has.contains($0) }
            guard !missing.isEmpty else { continue }
            report(a, crew: known, missing: missing, context: context, into: &findings)
        }
    }

    private func report(_ a: Int32, crew: [Int32], missing: [String], context: CheckContext, into findings: inout [Finding]) {
        let appointment = context.snapshot.appointments[Int(a)]
        let zone = context.timeZone(technician: crew[0])
        let names = crew.map { context.name(technician: $0) }.joined(separator: " and ")
        let jobType = context.snapshot.jobs[Int(appointment.job)].vendorJobType ?? context.snapshot.jobs[Int(appointment.job)].jobType ?? "this job type"
        let skillWord = missing.count == 1 ? "skill" : "skills"
        findings.append(
            Finding(
                kind: .skillMismatch, severity: context.severity(.skillMismatch, .warning),
                message:
                    "\(names) \(crew.count == 1 ? "is" : "are") on \(context.label(appointment: a)) \(context.when(appointment.start, appointment.end, in: zone)), but \(jobType) needs the \(skillWord) \(missing.joined(separator: ", ")), which \(crew.count == 1 ? "they do" : "none of them does") not have.",
                advice: "Reassign it to a technician with \(missing.joined(separator: ", ")); if \(names) \(crew.count == 1 ? "is" : "are") qualified, add the \(skillWord) in the scheduling tool.",
                records: context.refs(appointment: a) + crew.map { context.ref(technician: $0) },
                technicianID: context.snapshot.technicians[Int(crew[0])].id,
                range: TimeRange(start: appointment.start, end: appointment.end)))
    }
}
