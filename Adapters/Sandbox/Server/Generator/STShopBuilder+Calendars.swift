import FieldSyncCore

/// The schedule as booked so far, read back from the records, and the clean-up that keeps the
/// linked technicians' appointments out of what their own calendar feeds keep busy. Everything
/// here edits records in place or appends new ones, and draws nothing from the generator's
/// random numbers, so the ids of what was generated before stay as they were.
extension STShopBuilder {
    /// One appointment with its technicians.
    struct Booking {
        let appointment: Int64
        let job: Int64
        let start: Int64
        let end: Int64
        let status: String
        let techs: [Int64]
        var live: Bool { status != "Canceled" }
    }

    func bookings() -> [Booking] {
        var techsByAppointment: [Int64: [Int64]] = [:]
        for record in records[.appointmentAssignments] ?? [] {
            let value = record.value
            guard value["active"]?.boolValue != false, let appointment = value["appointmentId"]?.intValue,
                  let tech = value["technicianId"]?.intValue
            else { continue }
            techsByAppointment[appointment, default: []].append(tech)
        }
        return (records[.appointments] ?? []).compactMap { record in
            let value = record.value
            guard let id = value["id"]?.intValue, let job = value["jobId"]?.intValue,
                  let start = value["start"]?.stringValue.flatMap({ RFC3339.parseInstant($0) }),
                  let end = value["end"]?.stringValue.flatMap({ RFC3339.parseInstant($0) })
            else { return nil }
            return Booking(
                appointment: id, job: job, start: start, end: end, status: value["status"]?.stringValue ?? "",
                techs: techsByAppointment[id] ?? [])
        }
    }

    /// The index of the day an instant falls on (shop time).
    func dayIndex(_ instant: Int64) -> Int { clock.localDate(instant).daysSinceEpoch - firstDay.daysSinceEpoch }

    func tech(_ id: Int64) -> Tech? { techs.first { $0.id == id } }

    /// The skills a job type needs, as the shipped mapping has them (gas work is HVAC work too).
    static func requiredSkills(_ type: ShopCatalog.JobType) -> Set<String> {
        var skills = Set(type.skills)
        if skills.contains("Gas Furnace Certified") { skills.insert("HVAC") }
        return skills
    }

    /// What keeps `tech` busy on day `d`: live appointments (but `ignoring`), active non-job
    /// appointments, time off, and the technician's own calendar.
    func busy(_ tech: Int64, day d: Int, in list: [Booking], ignoring: Int64? = nil, calendars: LinkedCalendars)
        -> [(Int64, Int64)]
    {
        let dayStart = clock.instant(day(d), 0)
        let dayEnd = clock.instant(day(d + 1), 0)
        var out: [(Int64, Int64)] = []
        for b in list where b.live && b.appointment != ignoring && b.techs.contains(tech) {
            let span = (min(b.start, b.end), max(b.start, b.end))
            if span.0 < dayEnd && dayStart < span.1 { out.append(span) }
        }
        for block in (nonJobTimes[tech] ?? []) + (timeOffTimes[tech] ?? []) where block.0 < dayEnd && dayStart < block.1 {
            out.append(block)
        }
        out += calendars.blocks(tech, on: day(d), clock: clock)
        return out
    }

    /// Live appointments of `tech` starting on day `d`.
    func count(_ tech: Int64, day d: Int, in list: [Booking]) -> Int {
        list.filter { $0.live && $0.techs.contains(tech) && dayIndex($0.start) == d }.count
    }

    /// The earliest half-hour start inside the technician's Normal shift on day `d` where
    /// `seconds` fit without touching anything that keeps them busy; nil when none does or the
    /// day already has `maximum` appointments.
    func freeSlot(
        _ tech: Int64, day d: Int, seconds: Int64, in list: [Booking], ignoring: Int64? = nil, calendars: LinkedCalendars,
        notBefore: Int64? = nil, maximum: Int = 4
    ) -> Int64? {
        guard let shift = normalShift[tech]?[d], count(tech, day: d, in: list) < maximum else { return nil }
        let taken = busy(tech, day: d, in: list, ignoring: ignoring, calendars: calendars)
        var start = max(shift.0, notBefore ?? shift.0)
        while start + seconds <= shift.1 {
            guard let clash = taken.first(where: { $0.0 < start + seconds && start < $0.1 }) else { return start }
            start = shift.0 + ((clash.1 - shift.0) + 1799) / 1800 * 1800
        }
        return nil
    }

    /// Edits the first record of `resource` whose id is `id`.
    mutating func edit(_ resource: ServiceTitanResource, _ id: Int64, _ change: (inout JSONValue) -> Void) {
        guard var list = records[resource], let i = list.firstIndex(where: { $0["id"]?.intValue == id }) else { return }
        var value = list[i].value
        change(&value)
        list[i] = SandboxRecord(value)
        records[resource] = list
    }

    /// Gives the jobs left unassigned at random their technician back, but for those in
    /// `keep` (days): a few unassigned appointments are enough.
    mutating func assignPlannedTechnicians(keep: Range<Int>) {
        for index in jobs.indices {
            let job = jobs[index]
            guard job.tech == nil, !job.canceled, job.day >= anchorIndex, !keep.contains(job.day),
                  let planned = job.plannedTech.flatMap(tech)
            else { continue }
            // Only where the technician is still free (planted appointments may have come since).
            let list = bookings()
            let visits = (records[.appointments] ?? []).map(\.value).filter { $0["jobId"]?.intValue == job.id }
            let free = list.filter { $0.job == job.id }.allSatisfy { visit in
                count(planned.id, day: dayIndex(visit.start), in: list) < 4
                    && !busy(planned.id, day: dayIndex(visit.start), in: list, calendars: LinkedCalendars())
                        .contains { $0.0 < visit.end && visit.start < $0.1 }
            }
            guard free else { continue }
            for visit in visits {
                guard let appointment = visit["id"]?.intValue else { continue }
                let assigned = stamp(before: anchorStart, minimumAgo: 3600, spread: 86_400 * 2)
                append(.appointmentAssignments, STShapes.assignment(
                    id: id(.appointmentAssignments), technicianID: planned.id, technicianName: planned.name, assignedByID: 1,
                    assignedOn: assigned, status: "Scheduled", jobID: job.id, appointmentID: appointment, createdOn: assigned,
                    modifiedOn: assigned))
            }
            jobs[index].tech = planned.id
        }
    }

    /// Moves every live appointment of a linked technician out of what their calendar keeps
    /// busy, from the anchor day on: to a free time the same day, else to a colleague who can
    /// do the job and is free then, else the office cancelled it. `pinned` appointments (the
    /// planted ones) stay.
    mutating func keepClear(of calendars: LinkedCalendars, pinned: Set<Int64>) {
        let typeOfJob = Dictionary(
            (records[.jobs] ?? []).map(\.value).compactMap { v in v["id"]?.intValue.map { ($0, v["jobTypeId"]?.intValue ?? 0) } },
            uniquingKeysWith: { a, _ in a })
        var changed = true
        while changed {
            changed = false
            let list = bookings().sorted { ($0.start, $0.appointment) < ($1.start, $1.appointment) }
            for b in list where b.live && !pinned.contains(b.appointment) && !pinned.contains(b.job) && b.end > b.start {
                let d = dayIndex(b.start)
                guard d >= anchorIndex, let tech = b.techs.first(where: { calendars.covers($0) }) else { continue }
                let mine = calendars.blocks(tech, on: day(d), clock: clock) + (timeOffTimes[tech] ?? [])
                guard mine.contains(where: { $0.0 < b.end && b.start < $0.1 }) else { continue }
                let length = b.end - b.start
                let colleagues = ShopCatalog.jobTypes.first(where: { $0.id == typeOfJob[b.job] }).map { type in
                    techs.filter { other in
                        other.id != tech && !b.techs.contains(other.id) && other.unit == type.businessUnitID
                            && Self.requiredSkills(type).isSubset(of: other.skills)
                    }
                } ?? []
                if let start = freeSlot(tech, day: d, seconds: length, in: list, ignoring: b.appointment, calendars: calendars, maximum: 5) {
                    move(b, to: start)
                } else if let other = colleagues.first(where: {
                    freeSlot($0.id, day: d, seconds: length, in: list, calendars: calendars, notBefore: b.start) == b.start
                }) {
                    reassign(b, from: tech, to: other)
                } else if let (other, start) = firstFree(among: colleagues, day: d, seconds: length, in: list, calendars: calendars) {
                    move(b, to: start)
                    reassign(b, from: tech, to: other)
                } else {
                    cancel(b)
                }
                changed = true
                break
            }
        }
    }

    func firstFree(among people: [Tech], day d: Int, seconds: Int64, in list: [Booking], calendars: LinkedCalendars) -> (Tech, Int64)? {
        for other in people {
            if let start = freeSlot(other.id, day: d, seconds: seconds, in: list, calendars: calendars) { return (other, start) }
        }
        return nil
    }

    mutating func move(_ b: Booking, to start: Int64) {
        let end = start + (b.end - b.start)
        let clock = self.clock
        edit(.appointments, b.appointment) { v in
            v["start"] = .string(clock.utc(start))
            v["end"] = .string(clock.utc(end))
            v["arrivalWindowStart"] = .string(clock.utc(start))
            v["arrivalWindowEnd"] = .string(clock.utc(start + 7200))
        }
        if let i = jobs.firstIndex(where: { $0.appointment == b.appointment }) {
            jobs[i].start = start
            jobs[i].end = end
        }
    }

    mutating func reassign(_ b: Booking, from old: Int64, to new: Tech) {
        let ids = (records[.appointmentAssignments] ?? []).map(\.value).filter {
            $0["appointmentId"]?.intValue == b.appointment && $0["technicianId"]?.intValue == old
        }.compactMap { $0["id"]?.intValue }
        for id in ids {
            edit(.appointmentAssignments, id) { v in
                v["technicianId"] = .int(new.id)
                v["technicianName"] = .string(new.name)
            }
        }
        if let i = jobs.firstIndex(where: { $0.appointment == b.appointment }) { jobs[i].tech = new.id }
    }

    mutating func cancel(_ b: Booking) {
        edit(.appointments, b.appointment) { $0["status"] = "Canceled" }
        let others = bookings().filter { $0.job == b.job && $0.live }
        if others.isEmpty { edit(.jobs, b.job) { $0["jobStatus"] = "Canceled" } }
        if let i = jobs.firstIndex(where: { $0.appointment == b.appointment }) {
            jobs[i].canceled = true
            jobs[i].tech = nil
        }
    }
}

/// The calendar blocks of the linked technicians of one vendor, by their backend id.
struct LinkedCalendars {
    var byTechnician: [String: [CalendarBlock]]
    var shifts: ClosedRange<Int>

    init(_ byTechnician: [String: [CalendarBlock]] = [:], shifts: ClosedRange<Int> = 0...0) {
        self.byTechnician = byTechnician
        self.shifts = shifts
    }

    func covers(_ tech: Int64) -> Bool { byTechnician[String(tech)] != nil }
    func covers(_ employee: String) -> Bool { byTechnician[employee] != nil }

    func blocks(_ tech: Int64, on date: LocalDate, clock: ShopClock) -> [(Int64, Int64)] {
        blocks(String(tech), on: date, clock: clock)
    }

    /// The instants the technician's calendar keeps busy on the written day `date`.
    func blocks(_ id: String, on date: LocalDate, clock: ShopClock) -> [(Int64, Int64)] {
        (byTechnician[id] ?? []).filter { $0.applies(toWritten: date, shifts: shifts) }.map {
            (clock.instant(date, $0.startMinute / 60, $0.startMinute % 60), clock.instant(date, $0.endMinute / 60, $0.endMinute % 60))
        }
    }
}
