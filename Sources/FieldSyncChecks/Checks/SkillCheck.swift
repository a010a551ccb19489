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
        let skills = snapshot.technicians.map { Skills($0.skills) }
        // The technician of each appointment with exactly one; -2 marks a crew, listed in `crews`.
        var single = [Int32](repeating: -1, count: snapshot.appointments.count)
        var crews: [Int32: [Int32]] = [:]
        for b in snapshot.bookings {
            let a = Int(b.appointment)
            switch single[a] {
            case -1: single[a] = b.technician
            case -2: crews[b.appointment]!.append(b.technician)
            default:
                crews[b.appointment] = [single[a], b.technician]
                single[a] = -2
            }
        }
        // One technician (nearly every appointment): in appointment order, so the appointment and
        // its job are read in the order they sit in memory rather than at random.
        for a in snapshot.appointments.indices where single[a] >= 0 {
            guard snapshot.appointments[a].progress == .open else { continue }
            let job = Int(snapshot.appointments[a].job)
            guard job >= 0, !snapshot.jobs[job].requiredSkills.isEmpty else { continue }
            let own = skills[Int(single[a])]
            if own.isEmpty || snapshot.jobs[job].requiredSkills.allSatisfy(own.contains) { continue }
            report(
                Int32(a), crew: [single[a]], missing: snapshot.jobs[job].requiredSkills.filter { !own.contains($0) }, context: context,
                into: &findings)
        }
        // Crews, judged together.
        for (a, members) in crews {
            let appointment = snapshot.appointments[Int(a)]
            guard appointment.progress == .open, appointment.job >= 0 else { continue }
            let required = snapshot.jobs[Int(appointment.job)].requiredSkills
            guard !required.isEmpty else { continue }
            let known = members.filter { !skills[Int($0)].isEmpty }
            guard !known.isEmpty else { continue }
            let missing = required.filter { skill in !known.contains { skills[Int($0)].contains(skill) } }
            guard !missing.isEmpty else { continue }
            report(a, crew: known, missing: missing, context: context, into: &findings)
        }
    }

    /// A technician's skills. A short list is searched in place: comparing a few short strings
    /// costs less than hashing one, and this runs for every appointment.
    private struct Skills {
        private let list: [String]
        private let set: Set<String>?

        init(_ skills: [String]) {
            list = skills
            set = skills.count > 12 ? Set(skills) : nil
        }

        var isEmpty: Bool { list.isEmpty }

        func contains(_ skill: String) -> Bool {
            if let set { return set.contains(skill) }
            return list.contains(skill)
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
