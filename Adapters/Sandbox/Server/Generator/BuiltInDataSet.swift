import FieldSyncCore

/// The data set committed in `Adapters/Sandbox/Data`: the generator's shop (10 ServiceTitan
/// technicians, 4 Housecall Pro employees, the week before Monday 2026-11-23 and three after) with a little
/// random mess, plus messy records of every kind planted by hand: the first ones in the anchor
/// week, where a dispatcher looks first, the rest in the week after it (Monday 2026-11-30 to
/// Friday 2026-12-04), which lies inside the sync horizon whatever day of the anchor week a run
/// falls on.
///
/// Apart from the planted problems the schedule is clean, also against the linked technicians'
/// own calendar feeds (`Adapters/Sandbox/Feeds`, see ``CalendarBlock/builtIn``): their
/// appointments keep clear of every busy event, meeting and time off there (moved to a free time
/// the same day, handed to a colleague who can do the job, or cancelled by the office). The
/// problems are listed in ``SandboxData/plantedProblems`` (and `Data/README.md`), so a test can
/// compare what `fieldsync check` finds with them.
public enum BuiltInDataSet {
    /// The generator settings of the built-in data.
    public static let generator = SandboxGenerator(
        seed: 20_261_123, technicians: 10, days: 28, messShare: 0.02, anchor: SandboxGenerator.builtInAnchor,
        housecallProEmployees: 4)

    /// The weeks (after the anchor week) a run may fall in with the calendar feeds' one-off
    /// events kept clear of the booked days: from the week before the anchor week to the week
    /// after it. Events that repeat every week are kept clear whatever week a run falls in.
    public static let supportedWeekShifts = -1...1

    /// The weekly busy event of Maria Lopez's calendar feed (`Feeds/maria-lopez-google.ics`,
    /// Thursdays 14:30–15:30) that one ServiceTitan appointment is planted against.
    public static let schoolPickupEvent = "maria-school-pickup@google.com"

    /// The ServiceTitan technician and customer of the shop's never-send rule (`Mappings/rules.yaml`).
    public static let neverSend = (technician: Int64(10_105), customer: Int64(400_042))

    /// The written dates of the week after the anchor week (Monday to Friday).
    static var anchorWeekAfter: String {
        let monday = SandboxGenerator.builtInAnchor.adding(days: 7 - (SandboxGenerator.builtInAnchor.weekday.rawValue - 1))
        return "\(monday) to \(monday.adding(days: 4))"
    }

    /// The dates of the runs whose week ``supportedWeekShifts`` covers.
    static var supportedRuns: String {
        let monday = SandboxGenerator.builtInAnchor.adding(days: -(SandboxGenerator.builtInAnchor.weekday.rawValue - 1))
        return "\(monday.adding(days: 7 * supportedWeekShifts.lowerBound)) to \(monday.adding(days: 7 * supportedWeekShifts.upperBound + 6))"
    }

    /// The problems planted in the built-in data set (this generates it: where a data set is at
    /// hand, its ``SandboxData/plantedProblems`` are the same).
    public static var plantedProblems: [PlantedProblem] { make().plantedProblems }

    /// The built-in data set, dated around the anchor (not yet shifted to the current week).
    public static func make() -> SandboxData {
        let g = generator
        var st = g.makeServiceTitan()
        var hcp = g.makeHousecallPro()
        // Planted by hand, one of each kind, in the anchor week (Monday = day 7).
        let monday = st.anchorIndex
        if st.techs.count >= 3 {
            st.plantDoubleBooking(tech: st.techs[0], from: monday + 1)
            st.plantEndBeforeStart(tech: st.techs[2], from: monday + 2)
            st.plantOutsideShift(tech: st.techs[1], from: monday + 3)
        }
        st.plantMissingAddress(from: monday + 1)
        st.plantUnknownJobType(from: monday + 3)
        st.plantDuplicateJob(from: monday + 4)
        if let sam = hcp.employees.first {
            let other = hcp.employees.count > 1 ? hcp.employees[1] : sam
            hcp.plantDoubleBooking(employee: sam, from: monday + 1)
            hcp.plantOutsideHours(employee: sam, from: monday + 1)
            hcp.plantEndBeforeStart(employee: other, from: monday + 2)
            hcp.plantMissingAddress(employee: other, from: monday + 3)
            hcp.plantUnknownJobType(employee: other, from: monday + 3)
        }
        // Not on Sam's Thanksgiving day off.
        hcp.plantDuplicateJob(from: monday + 4, of: hcp.employees.count > 3 ? hcp.employees[3] : nil)
        st.plantRandomMess(count: g.messCount(st.jobs.count))
        hcp.plantRandomMess(count: g.messCount(hcp.jobs.count))

        // A clean schedule around the planted problems and the calendar feeds.
        let next = monday + 7
        st.assignPlannedTechnicians(keep: next..<(next + 5))
        let stCalendars = LinkedCalendars(
            Dictionary(uniqueKeysWithValues: SandboxGenerator.linkedTechnicians.filter { $0.vendor == .serviceTitan }.compactMap { linked in
                st.techs.first { $0.name == linked.name }.map { (String($0.id), CalendarBlock.builtIn[linked.localID] ?? []) }
            }), shifts: supportedWeekShifts)
        let hcpCalendars = LinkedCalendars(
            Dictionary(uniqueKeysWithValues: SandboxGenerator.linkedTechnicians.filter { $0.vendor == .housecallPro }.compactMap { linked in
                hcp.employees.first { $0.name == linked.name }.map { ($0.id, CalendarBlock.builtIn[linked.localID] ?? []) }
            }), shifts: supportedWeekShifts)
        st.keepClear(of: stCalendars, pinned: Set(st.problems.flatMap(\.ids).compactMap { Int64($0) }))
        hcp.keepClear(of: hcpCalendars, pinned: Set(hcp.problems.flatMap(\.ids)))

        // Planted by hand in the week after the anchor week, on a schedule laid around them.
        let derek = st.techs.first { $0.id == neverSend.technician }
        let sofia = st.techs.first { $0.name == "Sofia Kim" }
        var used = Set([derek?.id, sofia?.id].compactMap { $0 })
        if let maria = st.techs.first, let block = CalendarBlock.builtIn["maria-lopez"]?.first(where: { $0.event == schoolPickupEvent }) {
            st.plantCalendarDoubleBooking(tech: maria, weekday: .thursday, block: block, feed: "Feeds/maria-lopez-google.ics", from: next)
        }
        st.plantDuringTimeOff(from: next + 2, avoiding: used, calendars: stCalendars)
        if let timeOff = st.problems.last, timeOff.kind == .duringTimeOff,
           let tech = st.bookings().first(where: { String($0.appointment) == timeOff.ids.first })?.techs.first
        {
            used.insert(tech)
        }
        if let sofia { st.plantSkillMismatch(tech: sofia, typeName: "Furnace Maintenance", from: next + 1, calendars: stCalendars) }
        st.plantLongAppointment(hours: 30, from: next + 2)
        if let derek { st.plantNeverSend(tech: derek, customer: neverSend.customer, from: next + 1, calendars: stCalendars) }
        st.plantMissingPhone(from: next + 3, avoiding: used, calendars: stCalendars)
        st.plantOverDailyLimit(total: 5, from: next + 2, avoiding: used, calendars: stCalendars)
        let byName = { (name: String) in hcp.employees.first { $0.name == name } }
        if let tom = byName("Tom Kowalski") {
            hcp.plantSkillMismatch(employee: tom, typeName: "Furnace Repair", from: next + 1, calendars: hcpCalendars)
        }
        if hcp.employees.count > 1 { hcp.plantShortVisit(employee: hcp.employees[1], minutes: 2, from: next + 3, calendars: hcpCalendars) }
        if hcp.employees.count > 3 { hcp.plantMissingPhone(employee: hcp.employees[3], from: next + 2, calendars: hcpCalendars) }
        st.noteUnassigned()
        hcp.noteUnassigned()
        return g.assemble(st, hcp)
    }

    /// `Data/README.md`: what the data set holds, the linked technicians' ids, and every planted
    /// problem with its ids.
    public static func readme(for data: SandboxData) -> String {
        var out = """
            # The built-in sandbox data set

            Generated by `fieldsync sandbox generate --builtin --out Adapters/Sandbox/Data` (the
            generator in `Adapters/Sandbox/Server/Generator`, seed \(generator.seed)); do not edit
            by hand, regenerate. Every file is a JSON array of records exactly as the vendor returns
            them (`data[]` for ServiceTitan, the plural key for Housecall Pro).

            Dates are written around the anchor week of Monday \(data.anchorDate?.description ?? "?")
            (`sandbox.json`). When the sandbox loads this folder it moves every date by whole weeks
            so the anchor week is the current week: the dates below are as written in the files.

            | vendor | records |
            |---|---|

            """
        for resource in SandboxResource.all where !data[resource].isEmpty {
            out += "| \(resource) | \(data[resource].count) |\n"
        }
        out += """

            ## Linked technicians

            The configuration `fieldsync sandbox serve --write-config` writes links these backend ids
            to the local ids the iCalendar feeds use:

            | local id | name | vendor | backend id |
            |---|---|---|---|

            """
        for linked in SandboxGenerator.linkedTechnicians {
            out += "| \(linked.localID) | \(linked.name) | \(linked.vendor.rawValue) | `\(data.technicianID(linked.vendor, named: linked.name) ?? "?")` |\n"
        }
        let inactive = data[serviceTitan: .technicians].map(\.value).filter { $0["active"]?.boolValue == false }
        let deleted = data[housecallPro: .jobs].map(\.value).filter { !($0["deleted_at"]?.isNull ?? true) }
        out += """

            ## Other records worth knowing

            - Inactive ServiceTitan technician (a former employee, `active: false`): \(inactive.compactMap { $0["id"]?.intValue.map { "`\($0)`" } }.joined(separator: ", ")).
            - Housecall Pro job deleted by the office (`deleted_at` set; `GET /jobs` leaves it out, `GET /jobs/{id}` answers 404): \(deleted.compactMap { $0["id"]?.stringValue.map { "`\($0)`" } }.joined(separator: ", ")).
            - Past jobs are completed; a few future ones are cancelled, unassigned, or have two visits; a few
              Housecall Pro jobs still need scheduling. One ServiceTitan non-job appointment is inactive.
            - The linked technicians' appointments keep clear of their calendar feeds (`../Feeds`): of
              events that repeat every week in every week, of one-off events (Maria's and Dan's time off,
              Priya's busy block, Sam's Thanksgiving) for runs from the week before the anchor week to the
              week after it (\(supportedRuns)). A run after that and before those events are past (Dan's
              vacation ends 2026-12-18) sees them land on booked days.

            ## Planted problems

            The data never says what is wrong with a record; this list does, and nothing else in the data is
            wrong (`BuiltInDataSet.plantedProblems` holds the same list for tests). The first id is the messy
            record; an id with an `@` is an event of a calendar feed. The first problems lie in the anchor
            week; the later ones in the week after it (\(anchorWeekAfter)), which a run on any day of the
            anchor week still syncs. Every appointment nobody is assigned to is listed as `unassigned`.

            | kind | vendor | resource | ids | what is wrong |
            |---|---|---|---|---|

            """
        for p in data.plantedProblems {
            out += "| \(p.kind.rawValue) | \(p.vendor.rawValue) | \(p.resource) | \(p.ids.map { "`\($0)`" }.joined(separator: ", ")) | \(p.detail) |\n"
        }
        return out
    }
}
