import FieldSyncCore

/// Planting messy ServiceTitan records: each function adds new records that are wrong in one
/// way real data is, and notes what it did in ``STShopBuilder/problems``.
extension STShopBuilder {
    func describe(_ instant: Int64) -> String {
        let local = clock.zone.local(atInstant: instant).local
        return "\(local.date) \(Self.format2(local.hour)):\(Self.format2(local.minute))"
    }

    func workingDay(_ tech: Tech, from d: Int, evening: Bool = false) -> Int? {
        (max(0, d)..<dayCount).first { day in
            normalShift[tech.id]?[day] != nil && (!evening || onCallDays[tech.id]?.contains(day) != true)
        }
    }

    mutating func note(_ kind: PlantedProblem.Kind, _ resource: String, _ ids: [Int64], _ detail: String) {
        note(kind, resource, ids.map(String.init), detail)
    }

    mutating func note(_ kind: PlantedProblem.Kind, _ resource: String, _ ids: [String], _ detail: String) {
        problems.append(PlantedProblem(kind: kind, vendor: .serviceTitan, resource: resource, ids: ids, detail: detail))
    }

    /// A second appointment for `tech` that overlaps one already booked.
    @discardableResult
    mutating func plantDoubleBooking(tech: Tech, from d: Int) -> Bool {
        guard let existing = jobs.first(where: { $0.tech == tech.id && $0.day >= d && $0.start < $0.end }),
              let type = jobTypes(for: tech).first
        else { return false }
        let start = existing.start + 1800
        // It overlaps the booked one only: it ends before the technician's next appointment or
        // non-job appointment that day, and inside the shift.
        var end = start + Int64(type.minutes * 60)
        if let shift = normalShift[tech.id]?[existing.day] { end = min(end, max(shift.1, existing.end)) }
        for other in booked[tech.id]?[existing.day] ?? [] where other.0 > existing.start && other.0 < end { end = other.0 }
        for block in nonJobTimes[tech.id] ?? [] where block.0 > existing.start && block.0 < end { end = block.0 }
        let job = makeJob(type: type, tech: tech, day: existing.day, start: start, end: max(end, start + 900), clean: true)
        note(.doubleBooked, "appointments", [job.appointment, existing.appointment],
             "\(tech.name) (\(tech.id)) is booked on appointment \(job.appointment) (job \(job.id)) from \(describe(start)) while appointment \(existing.appointment) (job \(existing.id)) runs from \(describe(existing.start))")
        return true
    }

    /// An appointment in the evening of a day `tech` works but is not on call.
    @discardableResult
    mutating func plantOutsideShift(tech: Tech, from d: Int) -> Bool {
        guard let day = workingDay(tech, from: d, evening: true), let type = jobTypes(for: tech).first else { return false }
        let start = clock.instant(self.day(day), 19, 30)
        let job = makeJob(type: type, tech: tech, day: day, start: start, end: start + 5400, clean: true)
        note(.outsideShift, "appointments", [job.appointment],
             "\(tech.name) (\(tech.id)) has appointment \(job.appointment) (job \(job.id)) at \(describe(start)), after the shift ends at \(Self.format2(tech.endHour)):00 and with no on-call shift")
        return true
    }

    /// A new location of an existing customer with no street, city or zip, and a job there.
    @discardableResult
    mutating func plantMissingAddress(from d: Int) -> Bool {
        guard let customer = customers.first, let day = (max(0, d)..<dayCount).first(where: { self.day($0).weekday != .sunday })
        else { return false }
        let created = stamp(before: anchorStart, minimumAgo: 86_400, spread: 86_400 * 3)
        let location = makeLocation(
            customer: customer.id, name: "New service address", zone: nil, created: created,
            address: ["street": "", "unit": nil, "city": "", "state": "IL", "zip": "", "country": "USA", "latitude": nil, "longitude": nil])
        var withSite = customer
        withSite.locations = [location]
        let type = ShopCatalog.jobTypes[6]
        let job = makeJob(type: type, tech: nil, day: day, start: clock.instant(self.day(day), 10), customer: withSite, location: location, clean: true)
        note(.missingAddress, "locations", [location, job.id],
             "location \(location) of customer \(customer.id) has an empty street, city and zip and no coordinates; job \(job.id) is booked there")
        return true
    }

    /// An appointment whose end is an hour before its start.
    @discardableResult
    mutating func plantEndBeforeStart(tech: Tech, from d: Int) -> Bool {
        guard let type = jobTypes(for: tech).first else { return false }
        for day in max(0, d)..<dayCount {
            guard let start = freeStart(tech.id, day: day, minutes: 60) else { continue }
            let job = makeJob(type: type, tech: tech, day: day, start: start + 3600, end: start, clean: true)
            cursor[tech.id]?[day] = start + 3600 + 1800
            note(.endBeforeStart, "appointments", [job.appointment],
                 "appointment \(job.appointment) (job \(job.id), \(tech.name)) starts \(describe(start + 3600)) and ends \(describe(start)), an hour before it starts")
            return true
        }
        return false
    }

    /// A second job for the same customer, location and job type, overlapping the first and
    /// not assigned to anyone (booked twice by the office).
    @discardableResult
    mutating func plantDuplicateJob(from d: Int) -> Bool {
        guard let original = jobs.first(where: { $0.day >= d && $0.tech != nil && $0.start < $0.end }),
              let type = ShopCatalog.jobTypes.first(where: { $0.id == original.jobType }),
              let customer = customers.first(where: { $0.id == original.customer })
        else { return false }
        let start = original.start + 900
        let job = makeJob(
            type: type, tech: nil, day: original.day, start: start, end: start + (original.end - original.start),
            customer: customer, location: original.location, clean: true)
        note(.duplicateJob, "jobs", [job.id, original.id],
             "job \(job.id) repeats job \(original.id): same customer \(original.customer), location \(original.location) and job type \(type.name), starting 15 minutes later and unassigned")
        return true
    }

    /// A job of the type the shipped mappings do not know ("Mystery Noise").
    @discardableResult
    mutating func plantUnknownJobType(from d: Int) -> Bool {
        guard let type = ShopCatalog.jobTypes.first(where: { $0.id == ShopCatalog.unknownJobTypeID }) else { return false }
        for tech in techs where tech.unit == type.businessUnitID {
            for day in max(0, d)..<dayCount {
                guard let start = freeStart(tech.id, day: day, minutes: type.minutes) else { continue }
                let job = makeJob(type: type, tech: tech, day: day, start: start, clean: true)
                cursor[tech.id]?[day] = start + Int64(type.minutes * 60) + 1800
                note(.unknownJobType, "jobs", [job.id],
                     "job \(job.id) (\(tech.name), \(describe(start))) has job type \(type.id) \"\(type.name)\", which the shipped mapping does not list")
                return true
            }
        }
        return false
    }

    /// `count` messy records, the kinds in turn, on random technicians from the anchor on.
    mutating func plantRandomMess(count: Int) {
        guard !techs.isEmpty, count > 0 else { return }
        let from = max(0, anchorIndex)
        for i in 0..<count {
            let tech = rng.pick(techs)
            let day = from + rng.int(0...max(0, dayCount - from - 1))
            let kind = PlantedProblem.Kind.randomlyPlanted[i % PlantedProblem.Kind.randomlyPlanted.count]
            func plant(_ builder: inout Self, from start: Int) -> Bool {
                switch kind {
                case .doubleBooked: return builder.plantDoubleBooking(tech: tech, from: start)
                case .outsideShift: return builder.plantOutsideShift(tech: tech, from: start)
                case .missingAddress: return builder.plantMissingAddress(from: start)
                case .endBeforeStart: return builder.plantEndBeforeStart(tech: tech, from: start)
                case .duplicateJob: return builder.plantDuplicateJob(from: start)
                case .unknownJobType: return builder.plantUnknownJobType(from: start)
                default: return false
                }
            }
            // Late days may have nothing to plant on: then try from the anchor.
            if !plant(&self, from: day) { _ = plant(&self, from: from) }
        }
    }
}
