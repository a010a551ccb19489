import FieldSyncCore

/// The Housecall Pro schedule as booked so far, read back from the jobs; the clean-up that keeps
/// the linked employees' visits out of what their calendar feeds keep busy; and the
/// hand-planted problems that need the whole schedule first (see ``BuiltInDataSet``). Nothing
/// here draws from the random numbers before the new records it appends.
extension HCPShopBuilder {
    /// One visit (appointment) of a job, with its employees.
    struct Booking {
        let appointment: String
        let job: String
        let start: Int64
        let end: Int64
        let status: String
        let employees: [String]
        var live: Bool { !status.contains("canceled") }
    }

    func bookings() -> [Booking] {
        var out: [Booking] = []
        for record in records[.jobs] ?? [] {
            let job = record.value
            guard let id = job["id"]?.stringValue, job["deleted_at"]?.isNull ?? true else { continue }
            let status = job["work_status"]?.stringValue ?? ""
            for visit in job["schedule"]?["appointments"]?.arrayValue ?? [] {
                guard let appointment = visit["id"]?.stringValue,
                      let start = visit["start_time"]?.stringValue.flatMap({ RFC3339.parseInstant($0) }),
                      let end = visit["end_time"]?.stringValue.flatMap({ RFC3339.parseInstant($0) })
                else { continue }
                let employees = visit["dispatched_employees_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
                out.append(Booking(appointment: appointment, job: id, start: start, end: end, status: status, employees: employees))
            }
        }
        return out
    }

    func dayIndex(_ instant: Int64) -> Int { clock.localDate(instant).daysSinceEpoch - firstDay.daysSinceEpoch }

    /// Business hours (08:00–17:00); for an employee with a calendar feed, the end of the shift
    /// it shows (15:30) if earlier, so new and moved visits fit both.
    func hours(_ employee: String, day d: Int, calendars: LinkedCalendars) -> (Int64, Int64)? {
        guard isWorkday(d) else { return nil }
        return (clock.instant(day(d), 8), calendars.covers(employee) ? clock.instant(day(d), 15, 30) : clock.instant(day(d), 17))
    }

    func busy(_ employee: String, day d: Int, in list: [Booking], ignoring: String? = nil, calendars: LinkedCalendars)
        -> [(Int64, Int64)]
    {
        let dayStart = clock.instant(day(d), 0)
        let dayEnd = clock.instant(day(d + 1), 0)
        var out: [(Int64, Int64)] = []
        for b in list where b.live && b.appointment != ignoring && b.employees.contains(employee) {
            let span = (min(b.start, b.end), max(b.start, b.end))
            if span.0 < dayEnd && dayStart < span.1 { out.append(span) }
        }
        for record in records[.events] ?? [] {
            let event = record.value
            guard event["assigned_employees"]?.arrayValue?.contains(where: { $0["id"]?.stringValue == employee }) == true,
                  let start = event["schedule"]?["start_time"]?.stringValue.flatMap({ RFC3339.parseInstant($0) }),
                  let end = event["schedule"]?["end_time"]?.stringValue.flatMap({ RFC3339.parseInstant($0) }),
                  start < dayEnd && dayStart < end
            else { continue }
            out.append((start, end))
        }
        out += calendars.blocks(employee, on: day(d), clock: clock)
        return out
    }

    func count(_ employee: String, day d: Int, in list: [Booking]) -> Int {
        list.filter { $0.live && $0.employees.contains(employee) && dayIndex($0.start) == d }.count
    }

    func freeSlot(
        _ employee: String, day d: Int, seconds: Int64, in list: [Booking], ignoring: String? = nil, calendars: LinkedCalendars,
        notBefore: Int64? = nil, maximum: Int = 4
    ) -> Int64? {
        guard let open = hours(employee, day: d, calendars: calendars), count(employee, day: d, in: list) < maximum else { return nil }
        let taken = busy(employee, day: d, in: list, ignoring: ignoring, calendars: calendars)
        var start = max(open.0, notBefore ?? open.0)
        while start + seconds <= open.1 {
            guard let clash = taken.first(where: { $0.0 < start + seconds && start < $0.1 }) else { return start }
            start = open.0 + ((clash.1 - open.0) + 1799) / 1800 * 1800
        }
        return nil
    }

    mutating func editJob(_ id: String, _ change: (inout JSONValue) -> Void) {
        guard var list = records[.jobs], let i = list.firstIndex(where: { $0["id"]?.stringValue == id }) else { return }
        var value = list[i].value
        change(&value)
        list[i] = SandboxRecord(value)
        records[.jobs] = list
    }

    /// As ``STShopBuilder/keepClear(of:pinned:)``: visits of linked employees move out of their
    /// calendar's busy time, to a colleague, or are cancelled. `pinned` jobs and visits stay.
    mutating func keepClear(of calendars: LinkedCalendars, pinned: Set<String>) {
        var changed = true
        while changed {
            changed = false
            let list = bookings().sorted { ($0.start, $0.appointment) < ($1.start, $1.appointment) }
            for b in list where b.live && !pinned.contains(b.appointment) && !pinned.contains(b.job) && b.end > b.start {
                let d = dayIndex(b.start)
                guard d >= anchorIndex, let employee = b.employees.first(where: { calendars.covers($0) }) else { continue }
                guard calendars.blocks(employee, on: day(d), clock: clock).contains(where: { $0.0 < b.end && b.start < $0.1 })
                else { continue }
                let length = b.end - b.start
                let visits = list.filter { $0.job == b.job }.count
                let typeTags = jobs.first(where: { $0.id == b.job }).map { Set(ShopCatalog.hcpJobTypes[$0.typeIndex].tags) }
                let colleagues = visits == 1 && !(typeTags ?? []).isEmpty
                    ? employees.filter { $0.id != employee && (typeTags ?? []).isSubset(of: $0.tags) } : []
                if let start = freeSlot(employee, day: d, seconds: length, in: list, ignoring: b.appointment, calendars: calendars, maximum: 5) {
                    moveVisit(b, to: start)
                } else if let other = colleagues.first(where: {
                    freeSlot($0.id, day: d, seconds: length, in: list, calendars: calendars, notBefore: b.start) == b.start
                }) {
                    reassign(b, to: other)
                } else if let (other, start) = firstFree(among: colleagues, day: d, seconds: length, in: list, calendars: calendars) {
                    moveVisit(b, to: start)
                    reassign(b, to: other)
                } else {
                    cancel(b)
                }
                changed = true
                break
            }
        }
    }

    func firstFree(among people: [Employee], day d: Int, seconds: Int64, in list: [Booking], calendars: LinkedCalendars) -> (Employee, Int64)? {
        for other in people {
            if let start = freeSlot(other.id, day: d, seconds: seconds, in: list, calendars: calendars) { return (other, start) }
        }
        return nil
    }

    mutating func moveVisit(_ b: Booking, to start: Int64) {
        let end = start + (b.end - b.start)
        let clock = self.clock
        editJob(b.job) { job in
            guard var schedule = job["schedule"], var visits = schedule["appointments"]?.arrayValue else { return }
            for i in visits.indices where visits[i]["id"]?.stringValue == b.appointment {
                visits[i]["start_date"] = .string(clock.localDate(start).description)
                visits[i]["start_time"] = .string(clock.utc(start))
                visits[i]["end_time"] = .string(clock.utc(end))
            }
            let starts = visits.compactMap { $0["start_time"]?.stringValue.flatMap({ RFC3339.parseInstant($0) }) }
            let ends = visits.compactMap { $0["end_time"]?.stringValue.flatMap({ RFC3339.parseInstant($0) }) }
            schedule["appointments"] = .array(visits)
            if let first = starts.min() { schedule["scheduled_start"] = .string(clock.utc(first)) }
            if let last = ends.max() { schedule["scheduled_end"] = .string(clock.utc(last)) }
            job["schedule"] = schedule
        }
        if let i = jobs.firstIndex(where: { $0.appointment == b.appointment }) {
            jobs[i].start = start
            jobs[i].end = end
        }
    }

    mutating func reassign(_ b: Booking, to other: Employee) {
        let json = employeeJSON[other.id] ?? .null
        editJob(b.job) { job in
            job["assigned_employees"] = [json]
            guard var schedule = job["schedule"], var visits = schedule["appointments"]?.arrayValue else { return }
            for i in visits.indices { visits[i]["dispatched_employees_ids"] = [.string(other.id)] }
            schedule["appointments"] = .array(visits)
            job["schedule"] = schedule
        }
        if let i = jobs.firstIndex(where: { $0.id == b.job }) { jobs[i].employee = other.id }
    }

    mutating func cancel(_ b: Booking) {
        editJob(b.job) { job in
            job["work_status"] = "pro canceled"
            job["canceled_at"] = job["updated_at"] ?? .null
        }
        if let i = jobs.firstIndex(where: { $0.id == b.job }) { jobs[i].employee = nil }
    }

    // MARK: Planted with the whole schedule laid

    func firstFree(_ employee: Employee, from d: Int, minutes: Int, calendars: LinkedCalendars, notBefore hour: Int? = nil)
        -> (day: Int, start: Int64)?
    {
        let list = bookings()
        let friday = d - (day(d).weekday.rawValue - 1) + 5
        for day in max(0, d)..<max(max(0, d), min(dayCount, friday)) {
            let earliest = hour.map { clock.instant(self.day(day), $0) }
            if let start = freeSlot(employee.id, day: day, seconds: Int64(minutes * 60), in: list, calendars: calendars, notBefore: earliest) {
                return (day, start)
            }
        }
        return nil
    }

    /// A job of a type that needs a skill (tag) the employee lacks.
    @discardableResult
    mutating func plantSkillMismatch(employee: Employee, typeName: String, from d: Int, calendars: LinkedCalendars) -> Bool {
        guard let index = ShopCatalog.hcpJobTypes.firstIndex(where: { $0.name == typeName }),
              let (day, start) = firstFree(employee, from: d, minutes: ShopCatalog.hcpJobTypes[index].minutes, calendars: calendars)
        else { return false }
        let type = ShopCatalog.hcpJobTypes[index]
        let end = start + Int64(type.minutes * 60)
        let job = makeJob(typeIndex: index, employee: employee, day: day, visits: [(start, end)], customer: rng.int(0..<customerJSON.count), clean: true)
        let missing = Set(type.tags).subtracting(employee.tags).sorted()
        note(.skillMismatch, "jobs", [job.id, job.appointment],
             "job \(job.id) is a \(type.name), which needs \(missing.joined(separator: " and ")), but it is dispatched to \(employee.name) (\(employee.id)), tagged \(employee.tags.joined(separator: ", ")) only (\(describe(start)))")
        return true
    }

    /// A visit lasting `minutes` (the end typed wrong), inside business hours.
    @discardableResult
    mutating func plantShortVisit(employee: Employee, minutes: Int, from d: Int, calendars: LinkedCalendars) -> Bool {
        guard let index = types(for: employee).min(by: { ShopCatalog.hcpJobTypes[$0].minutes < ShopCatalog.hcpJobTypes[$1].minutes }),
              let (day, start) = firstFree(employee, from: d, minutes: 60, calendars: calendars, notBefore: 13)
        else { return false }
        let job = makeJob(
            typeIndex: index, employee: employee, day: day, visits: [(start, start + Int64(minutes * 60))],
            customer: rng.int(0..<customerJSON.count), clean: true)
        note(.implausibleDuration, "jobs", [job.id, job.appointment],
             "job \(job.id), appointment \(job.appointment) (\(employee.name), \(ShopCatalog.hcpJobTypes[index].name)) starts \(describe(start)) and lasts \(minutes) minutes")
        return true
    }

    /// A new customer with no mobile, home or work number, and a scheduled job.
    @discardableResult
    mutating func plantMissingPhone(employee: Employee, from d: Int, calendars: LinkedCalendars) -> Bool {
        guard let index = types(for: employee).first,
              let (day, start) = firstFree(employee, from: d, minutes: ShopCatalog.hcpJobTypes[index].minutes, calendars: calendars)
        else { return false }
        let customer = makeCustomer(phone: false)
        let job = makeJob(
            typeIndex: index, employee: employee, day: day,
            visits: [(start, start + Int64(ShopCatalog.hcpJobTypes[index].minutes * 60))], customer: customer, clean: true)
        let customerID = customerJSON[customer]["id"]?.stringValue ?? "?"
        note(.missingPhone, "customers", [customerID, job.id],
             "customer \(customerID) has no mobile, home or work number, and scheduled job \(job.id) (\(employee.name), \(describe(start))) is for them")
        return true
    }

    /// Notes every scheduled visit from the anchor day on that nobody is dispatched to.
    mutating func noteUnassigned() {
        let list = bookings()
        for record in records[.jobs] ?? [] {
            let job = record.value
            guard let id = job["id"]?.stringValue else { continue }
            for b in list where b.job == id && b.live && b.employees.isEmpty && dayIndex(b.start) >= anchorIndex
                && !(job["work_status"]?.stringValue ?? "").hasPrefix("complete")
            {
                note(.unassigned, "jobs", [b.job, b.appointment],
                     "job \(b.job), appointment \(b.appointment) (\(describe(b.start))) is scheduled but no one is dispatched")
            }
        }
    }
}
