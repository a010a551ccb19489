import FieldSyncCore

/// The hand-planted ServiceTitan problems of the built-in data set that need the whole
/// schedule to be laid first (see ``BuiltInDataSet``): each is placed in free time so that it is
/// wrong in its one way only, and noted in ``STShopBuilder/problems``.
extension STShopBuilder {
    /// A customer for a new job: any but `excluded` (the shop's rules name some).
    mutating func someCustomer(excluding excluded: Set<Int64>) -> Customer {
        var customer = rng.pick(customers)
        while excluded.contains(customer.id) { customer = rng.pick(customers) }
        return customer
    }

    /// The day after the Friday of the week of day `d`: hand-planted problems stay in their week.
    func weekEnd(_ d: Int) -> Int { d - (day(d).weekday.rawValue - 1) + 5 }

    /// The first day from `d` to the Friday of its week and half-hour start where `tech` has
    /// `minutes` free, with fewer than 4 appointments that day.
    func firstFree(_ tech: Tech, from d: Int, minutes: Int, calendars: LinkedCalendars, notBefore hour: Int? = nil) -> (day: Int, start: Int64)? {
        let list = bookings()
        for day in max(0, d)..<max(max(0, d), min(dayCount, weekEnd(d))) {
            let earliest = hour.map { clock.instant(self.day(day), $0) }
            if let start = freeSlot(tech.id, day: day, seconds: Int64(minutes * 60), in: list, calendars: calendars, notBefore: earliest) {
                return (day, start)
            }
        }
        return nil
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    func span(_ start: Int64, _ end: Int64) -> String {
        let to = clock.zone.local(atInstant: end).local
        return "\(describe(start))–\(Self.format2(to.hour)):\(Self.format2(to.minute))"
    }

    /// Part of a day off (a TimeOff shift in the afternoon of a working day) and an appointment
    /// booked inside it, inside the Normal shift of the same day.
    @discardableResult
    mutating func plantDuringTimeOff(from d: Int, avoiding: Set<Int64>, calendars: LinkedCalendars) -> Bool {
        let list = bookings()
        for day in max(0, d)..<dayCount {
            for tech in techs where !avoiding.contains(tech.id) && !calendars.covers(tech.id) {
                guard let hours = normalShift[tech.id]?[day], let type = jobTypes(for: tech).first(where: { $0.minutes <= 90 }),
                      count(tech.id, day: day, in: list) < 4
                else { continue }
                let offStart = hours.0 + 5 * 3600
                let taken = busy(tech.id, day: day, in: list, calendars: calendars)
                guard !taken.contains(where: { $0.1 > offStart - 1800 }) else { continue }
                let shiftID = nextID[.technicianShifts] ?? 0
                shift(tech, type: "TimeOff", title: "Time Off", note: "Doctor appointment", start: offStart, end: hours.1)
                let start = offStart + 1800
                let job = makeJob(type: type, tech: tech, day: day, start: start, customer: someCustomer(excluding: [400_042]), clean: true)
                note(.duringTimeOff, "appointments", [job.appointment, shiftID],
                     "\(tech.name) (\(tech.id)) is booked on appointment \(job.appointment) (job \(job.id)) \(span(start, job.end)), during the time off of technician shift \(shiftID) (\(span(offStart, hours.1)), \"Doctor appointment\")")
                return true
            }
        }
        return false
    }

    /// An appointment of `tech` overlapping a busy event of their own calendar feed that the
    /// clean data keeps clear (`block`, which falls on `weekday`): the two sources disagree.
    @discardableResult
    mutating func plantCalendarDoubleBooking(tech: Tech, weekday: Weekday, block: CalendarBlock, feed: String, from d: Int) -> Bool {
        guard let type = jobTypes(for: tech).first(where: { $0.minutes == 60 }),
              let day = (max(0, d)..<dayCount).first(where: { self.day($0).weekday == weekday && normalShift[tech.id]?[$0] != nil })
        else { return false }
        let start = clock.instant(self.day(day), block.startMinute / 60, block.startMinute % 60) - 1800
        let list = bookings()
        guard count(tech.id, day: day, in: list) < 4,
              !busy(tech.id, day: day, in: list, calendars: LinkedCalendars()).contains(where: { $0.0 < start + 3600 && start < $0.1 })
        else { return false }
        let job = makeJob(type: type, tech: tech, day: day, start: start, customer: someCustomer(excluding: [400_042]), clean: true)
        let blockEnd = clock.instant(self.day(day), block.endMinute / 60, block.endMinute % 60)
        note(.doubleBooked, "appointments", [String(job.appointment), block.event] as [String],
             "\(tech.name) (\(tech.id)) is booked on appointment \(job.appointment) (job \(job.id)) \(span(start, job.end)) while their own calendar (\(feed), event \(block.event), every \(Self.weekdayNames[weekday.rawValue - 1])) is busy \(span(start + 1800, blockEnd))")
        return true
    }

    /// A job whose type needs a skill its technician lacks.
    @discardableResult
    mutating func plantSkillMismatch(tech: Tech, typeName: String, from d: Int, calendars: LinkedCalendars) -> Bool {
        guard let type = ShopCatalog.jobTypes.first(where: { $0.name == typeName }),
              let (day, start) = firstFree(tech, from: d, minutes: type.minutes, calendars: calendars)
        else { return false }
        let job = makeJob(type: type, tech: tech, day: day, start: start, customer: someCustomer(excluding: [400_042]), clean: true)
        let missing = Self.requiredSkills(type).subtracting(tech.skills).sorted()
        note(.skillMismatch, "appointments", [job.appointment, job.id],
             "job \(job.id) is a \(type.name), which needs \(missing.joined(separator: " and ")), but its appointment \(job.appointment) (\(span(start, job.end))) is assigned to \(tech.name) (\(tech.id)), who has \(tech.skills.joined(separator: ", ")) only")
        return true
    }

    /// An appointment lasting `hours` (its end typed a day late), not assigned yet.
    @discardableResult
    mutating func plantLongAppointment(hours: Int, from d: Int) -> Bool {
        guard let type = ShopCatalog.jobTypes.first(where: { $0.name == "Panel Upgrade" }),
              let day = (max(0, d)..<dayCount).first(where: { (1...4).contains(self.day($0).weekday.rawValue) })
        else { return false }
        let start = clock.instant(self.day(day), 9)
        let end = start + Int64(hours * 3600)
        let job = makeJob(type: type, tech: nil, day: day, start: start, end: end, customer: someCustomer(excluding: [400_042]), clean: true)
        note(.implausibleDuration, "appointments", [job.appointment, job.id],
             "appointment \(job.appointment) (job \(job.id), \(type.name), not assigned yet) runs \(hours) hours, from \(describe(start)) to \(describe(end))")
        return true
    }

    /// A new customer with an e-mail address but no phone contact, and an open job.
    @discardableResult
    mutating func plantMissingPhone(from d: Int, avoiding: Set<Int64>, calendars: LinkedCalendars) -> Bool {
        for tech in techs where !avoiding.contains(tech.id) && !calendars.covers(tech.id) {
            guard let type = jobTypes(for: tech).min(by: { $0.minutes < $1.minutes }),
                  let (day, start) = firstFree(tech, from: d, minutes: type.minutes, calendars: calendars)
            else { continue }
            let customer = makeCustomer(phone: false)
            let job = makeJob(type: type, tech: tech, day: day, start: start, customer: customer, clean: true)
            note(.missingPhone, "customers", [customer.id, job.id],
                 "customer \(customer.id) has no phone contact (an e-mail address only), and open job \(job.id) (\(tech.name), \(describe(start))) is booked for them")
            return true
        }
        return false
    }

    /// A job of `customer` assigned to the technician the shop's rules keep away from them.
    @discardableResult
    mutating func plantNeverSend(tech: Tech, customer customerID: Int64, from d: Int, calendars: LinkedCalendars) -> Bool {
        guard let customer = customers.first(where: { $0.id == customerID }),
              let type = jobTypes(for: tech).min(by: { $0.minutes < $1.minutes }),
              let (day, start) = firstFree(tech, from: d, minutes: type.minutes, calendars: calendars)
        else { return false }
        let job = makeJob(type: type, tech: tech, day: day, start: start, customer: customer, clean: true)
        note(.neverSend, "appointments", [job.appointment, job.id],
             "\(tech.name) (\(tech.id)) is booked on appointment \(job.appointment) (job \(job.id), \(describe(start))) at customer \(customerID), where Mappings/rules.yaml says he is never sent")
        return true
    }

    /// Short jobs added to a technician's day until it has `total` appointments.
    @discardableResult
    mutating func plantOverDailyLimit(total: Int, from d: Int, avoiding: Set<Int64>, calendars: LinkedCalendars) -> Bool {
        let planted = Set(problems.flatMap(\.ids))
        var list = bookings()
        for day in max(0, d)..<max(max(0, d), min(dayCount, weekEnd(d))) {
            for tech in techs where !avoiding.contains(tech.id) && !calendars.covers(tech.id) {
                guard let type = jobTypes(for: tech).first(where: { $0.minutes == 60 }), normalShift[tech.id]?[day] != nil else { continue }
                let mine = list.filter { $0.live && $0.techs.contains(tech.id) && dayIndex($0.start) == day }
                let already = mine.count
                guard already >= 1, already < total,
                      !mine.contains(where: { planted.contains(String($0.appointment)) || planted.contains(String($0.job)) })
                else { continue }
                // Enough room for the rest?
                var starts: [Int64] = []
                var taken = busy(tech.id, day: day, in: list, calendars: calendars)
                while starts.count < total - already {
                    guard let shift = normalShift[tech.id]?[day] else { break }
                    var start = shift.0
                    var found: Int64?
                    while start + 3600 <= shift.1 {
                        if let clash = taken.first(where: { $0.0 < start + 3600 + 1800 && start - 1800 < $0.1 }) {
                            start = shift.0 + ((clash.1 + 1800 - shift.0) + 1799) / 1800 * 1800
                        } else {
                            found = start
                            break
                        }
                    }
                    guard let found else { break }
                    starts.append(found)
                    taken.append((found, found + 3600))
                }
                guard starts.count == total - already else { continue }
                var added: [Int64] = []
                for start in starts.sorted() {
                    let job = makeJob(type: type, tech: tech, day: day, start: start, customer: someCustomer(excluding: [400_042]), clean: true)
                    added.append(job.appointment)
                }
                list = bookings()
                let all = list.filter { $0.live && $0.techs.contains(tech.id) && dayIndex($0.start) == day }
                    .sorted { $0.start < $1.start }.map(\.appointment)
                let last = added.last ?? 0
                note(.overDailyLimit, "appointments", [last] + all.filter { $0 != last },
                     "\(tech.name) (\(tech.id)) has \(all.count) appointments on \(self.day(day)) (\(all.map(String.init).joined(separator: ", "))); Mappings/rules.yaml allows 4 a day")
                return true
            }
        }
        return false
    }

    /// Notes every live appointment from the anchor day on that nobody is assigned to.
    mutating func noteUnassigned() {
        for b in bookings().sorted(by: { $0.appointment < $1.appointment })
        where b.live && b.status != "Done" && b.techs.isEmpty && dayIndex(b.start) >= anchorIndex {
            note(.unassigned, "appointments", [b.appointment, b.job],
                 "appointment \(b.appointment) (job \(b.job), \(describe(b.start))) is scheduled but no technician is assigned")
        }
    }
}
