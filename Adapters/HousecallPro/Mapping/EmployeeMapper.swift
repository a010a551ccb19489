import FieldSyncCore

/// Housecall Pro employees → technicians.
///
/// Housecall Pro has no "is a technician" flag: `GET /employees` lists everyone with a login,
/// office staff and admins included, and `role` is free text (`field tech`, `office staff`,
/// `admin`). An employee is a technician when, in this order:
/// 1. the shop linked them to a local technician in the configuration (`technicians:`), whatever
///    their role: the shop said so;
/// 2. their role names field work (`field tech`, `technician`, anything with "tech");
/// 3. they can be booked online (`permissions.can_be_booked_online`): customers can book them,
///    so they take jobs, as owner-operators with the `admin` role often do;
/// 4. their role is not given at all: leaving out someone who may take jobs would leave their
///    appointments pointing at nobody.
///
/// Everyone else (office staff, admins who are not bookable) is left out and counted in a note;
/// a technician who becomes office staff is then missing from the pass, and the pass's sweep
/// deactivates them like someone who left.
struct EmployeeMapper: Sendable {
    enum Outcome: Sendable {
        case technician(Technician)
        /// Office staff or an admin who does not take jobs.
        case notATechnician
        case rejected(MappingProblem)
    }

    let backend: String
    let sourceName: String
    let mapping: BackendMapping
    let technicianIDs: TechnicianIDResolver
    let timeZone: String?

    func map(_ employee: HCPEmployee) -> Outcome {
        guard let id = employee.id else {
            return .rejected(MappingProblem(recordKind: "employee", externalID: nil, reason: "the employee has no id"))
        }
        guard isTechnician(employee, id: id) else { return .notATechnician }
        let name = [employee.firstName, employee.lastName].compactMap { $0 }.joined(separator: " ")
        var skills: [String] = []
        for tag in employee.tags where !tag.trimmingSpaces.isEmpty {
            let skill = mapping.skill(tag)
            if !skill.isEmpty, !skills.contains(skill) { skills.append(skill) }
        }
        return .technician(
            Technician(
                id: technicianIDs.localID(for: id), name: name.isEmpty ? "Housecall Pro employee \(id)" : name,
                phone: employee.mobileNumber, email: employee.email, skills: skills, timeZone: timeZone, active: true,
                source: SourceRef(
                    backend: backend, source: sourceName, externalID: id,
                    remoteVersion: employee.updatedAt ?? employee.createdAt)))
    }

    /// Whether this employee takes jobs (see the type's documentation).
    func isTechnician(_ employee: HCPEmployee, id: String) -> Bool {
        if technicianIDs.isLinked(id) { return true }
        if let role = employee.role {
            let folded = role.lowercased()
            if folded.contains("tech") { return true }
            return employee.permissions?.canBeBookedOnline == true
        }
        return true
    }
}
