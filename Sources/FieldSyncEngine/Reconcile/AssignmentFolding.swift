import FieldSyncCore
import FieldSyncStore

/// ServiceTitan keeps an appointment's technicians as assignment records of their own: a
/// reassignment is one assignment ending and another beginning. The report says it once, as
/// the appointment's `technicians` changing (`maria-lopez → dan-okafor`).
enum AssignmentFolding {
    /// `drifts` with assignment differences folded into their appointments.
    /// - Parameter cachedTechnicians: what the cache has on each appointment now, for those whose
    ///   technicians before the pass the differences do not say.
    static func fold(_ drifts: [Drift], cachedTechnicians: [String: [String]]) -> [Drift] {
        var out = drifts.filter { $0.entity != .assignments }
        var appointments: [String: Int] = [:]
        for (i, d) in out.enumerated() where d.entity == .appointments { appointments[d.externalID] = i }
        let groups = Dictionary(grouping: drifts.filter { $0.entity == .assignments && $0.appointmentExternalID != nil }) {
            $0.appointmentExternalID!
        }
        for (appointment, group) in groups.sorted(by: { $0.key < $1.key }) {
            var added = Set<String>()
            var removed = Set<String>()
            for d in group {
                switch d.change {
                case .created: d.technicianID.map { _ = added.insert($0) }
                case .deleted: d.technicianID.map { _ = removed.insert($0) }
                case .changed:
                    if let field = d.fields.first(where: { $0.name == "technician_id" }) {
                        field.before.map { _ = removed.insert($0) }
                        field.after.map { _ = added.insert($0) }
                    }
                }
            }
            let before = Set(
                group.lazy.compactMap(\.technicianIDsBefore).first
                    ?? (cachedTechnicians[appointment] ?? []).filter { !added.contains($0) })
            let after = before.subtracting(removed).union(added)
            guard before != after else { continue }
            let field = FieldChange(
                name: "technicians", before: before.isEmpty ? nil : before.sorted().joined(separator: ", "),
                after: after.isEmpty ? nil : after.sorted().joined(separator: ", "))
            if let i = appointments[appointment] {
                // A new or deleted appointment already says it all.
                guard out[i].change == .changed, !out[i].fields.contains(where: { $0.name == "technicians" }) else { continue }
                out[i].fields.append(field)
            } else {
                let first = group[0]
                appointments[appointment] = out.count
                out.append(
                    Drift(source: first.source, entity: .appointments, externalID: appointment, change: .changed, fields: [field]))
            }
        }
        return out
    }

    /// The appointments whose assignment differences need the cache's technicians.
    static func appointmentsNeedingCache(_ drifts: [Drift]) -> Set<String> {
        let groups = Dictionary(grouping: drifts.filter { $0.entity == .assignments }) { $0.appointmentExternalID ?? "" }
        return Set(groups.filter { !$0.key.isEmpty && $0.value.allSatisfy { $0.technicianIDsBefore == nil } }.keys)
    }
}
