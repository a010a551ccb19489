import FieldSyncChecks
import FieldSyncCore
import Foundation

/// Builds a small schedule snapshot for a test, in the words of a dispatcher: technicians,
/// shifts, appointments at wall-clock times in the shop's zone.
struct SnapshotBuilder {
    var snapshot: ScheduleSnapshot
    let zone: TimeZone
    let st: Int32
    let calendar: Int32

    init(zone: String = "America/Chicago", asOf: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        var snapshot = ScheduleSnapshot(asOf: asOf)
        st = snapshot.sourceIndex(name: "lakeshore-st", backend: "servicetitan", timeZone: zone)
        calendar = snapshot.sourceIndex(name: "tech-calendars", backend: "icalendar", timeZone: zone)
        self.snapshot = snapshot
        self.zone = TimeZone(identifier: zone)!
    }

    /// An instant at a local wall-clock time: `at("2026-11-24 08:30")`.
    func at(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    @discardableResult
    mutating func technician(_ id: String, name: String? = nil, skills: [String] = [], source: Int32? = nil) -> Int32 {
        snapshot.technicians.append(
            .init(
                id: id, name: name ?? id, source: source ?? st, externalID: "ext-\(id)", skills: skills,
                timeZone: zone.identifier))
        return Int32(snapshot.technicians.count - 1)
    }

    @discardableResult
    mutating func job(
        _ id: String, customer: String? = "cust-1", location: String? = "loc-1", jobType: String? = "hvac.no_heat",
        vendorJobType: String? = "No Heat", skills: [String] = [], open: Bool = true, hasAddress: Bool = true,
        hasPhone: Bool = true, source: Int32? = nil
    ) -> Int32 {
        snapshot.jobs.append(
            .init(
                source: source ?? st, externalID: id, customerExternalID: customer, locationExternalID: location,
                jobType: jobType, vendorJobType: vendorJobType, requiredSkills: skills, isOpen: open, hasAddress: hasAddress,
                hasPhone: hasPhone))
        return Int32(snapshot.jobs.count - 1)
    }

    @discardableResult
    mutating func appointment(
        _ id: String, _ from: String, _ to: String, technicians: [Int32] = [], job: Int32 = -1,
        progress: ScheduleSnapshot.Progress = .open
    ) -> Int32 {
        snapshot.appointments.append(
            .init(source: st, externalID: id, job: job, start: at(from), end: at(to), progress: progress))
        let a = Int32(snapshot.appointments.count - 1)
        for t in technicians { snapshot.bookings.append(.init(appointment: a, technician: t)) }
        return a
    }

    mutating func window(
        _ id: String, _ kind: AvailabilityKind, _ from: String, _ to: String, technician: Int32, source: Int32? = nil,
        title: String? = nil
    ) {
        snapshot.windows.append(
            .init(technician: technician, source: source ?? st, externalID: id, kind: kind, start: at(from), end: at(to), title: title))
    }

    mutating func coverage(_ technician: Int32, _ from: String, _ to: String) {
        snapshot.coverage.append(.init(technician: technician, source: st, start: at(from), end: at(to)))
    }

    /// Runs the checks the way `fieldsync check` does.
    func findings(rules: CheckRules = CheckRules(), mappings: [String: BackendMapping] = [:], only: [any ScheduleCheck]? = nil)
        -> [Finding]
    {
        var snapshot = self.snapshot
        snapshot.sortForChecks()
        let context = CheckContext(snapshot: snapshot, rules: rules, mappings: mappings, defaultTimeZone: zone)
        return Checker(checks: only ?? Checker.all).run(context)
    }
}
