import FieldSyncCore

/// Planting messy Housecall Pro records (the same kinds as on the ServiceTitan side; "outside
/// shift" is outside the company's 08:00–17:00 business hours, as Housecall Pro has no shifts).
extension HCPShopBuilder {
    func describe(_ instant: Int64) -> String {
        let local = clock.zone.local(atInstant: instant).local
        return "\(local.date) \(STShopBuilder.format2(local.hour)):\(STShopBuilder.format2(local.minute))"
    }

    mutating func note(_ kind: PlantedProblem.Kind, _ resource: String, _ ids: [String], _ detail: String) {
        problems.append(PlantedProblem(kind: kind, vendor: .housecallPro, resource: resource, ids: ids, detail: detail))
    }

    func typeIndex(for employee: Employee) -> Int { types(for: employee).first ?? 0 }

    @discardableResult
    mutating func plantDoubleBooking(employee: Employee, from d: Int) -> Bool {
        guard let existing = jobs.first(where: { $0.employee == employee.id && $0.day >= d && $0.start < $0.end }) else { return false }
        let start = existing.start + 1800
        let job = makeJob(typeIndex: typeIndex(for: employee), employee: employee, day: existing.day, visits: [(start, start + 3600)], clean: true)
        note(.doubleBooked, "jobs", [job.id, existing.id],
             "\(employee.name) (\(employee.id)) is on job \(job.id) from \(describe(start)) while job \(existing.id) runs from \(describe(existing.start))")
        return true
    }

    @discardableResult
    mutating func plantOutsideHours(employee: Employee, from d: Int) -> Bool {
        guard let day = (max(0, d)..<dayCount).first(where: { isWorkday($0) }) else { return false }
        let start = clock.instant(self.day(day), 20)
        let job = makeJob(typeIndex: typeIndex(for: employee), employee: employee, day: day, visits: [(start, start + 3600)], clean: true)
        note(.outsideShift, "jobs", [job.id],
             "\(employee.name) (\(employee.id)) has job \(job.id) at \(describe(start)), outside the 08:00–17:00 business hours")
        return true
    }

    @discardableResult
    mutating func plantMissingAddress(employee: Employee, from d: Int) -> Bool {
        guard let day = (max(0, d)..<dayCount).first(where: { freeStart(employee.id, day: $0, minutes: 60) != nil }),
              let start = freeStart(employee.id, day: day, minutes: 60)
        else { return false }
        cursor[employee.id, default: [:]][day] = start + 5400
        let address: JSONValue = [
            "id": .string(key("adr")), "type": "service", "street": nil, "street_line_2": nil, "city": nil, "state": nil,
            "zip": nil, "country": nil,
        ]
        let job = makeJob(typeIndex: typeIndex(for: employee), employee: employee, day: day, visits: [(start, start + 3600)], address: address, clean: true)
        note(.missingAddress, "jobs", [job.id], "job \(job.id) (\(employee.name), \(describe(start))) has an address with no street, city, state or zip")
        return true
    }

    @discardableResult
    mutating func plantEndBeforeStart(employee: Employee, from d: Int) -> Bool {
        guard let day = (max(0, d)..<dayCount).first(where: { freeStart(employee.id, day: $0, minutes: 60) != nil }),
              let start = freeStart(employee.id, day: day, minutes: 60)
        else { return false }
        cursor[employee.id, default: [:]][day] = start + 5400
        let job = makeJob(typeIndex: typeIndex(for: employee), employee: employee, day: day, visits: [(start + 3600, start)], clean: true)
        note(.endBeforeStart, "jobs", [job.id, job.appointment],
             "job \(job.id), appointment \(job.appointment) (\(employee.name)) starts \(describe(start + 3600)) and ends \(describe(start))")
        return true
    }

    @discardableResult
    mutating func plantDuplicateJob(from d: Int, of employee: Employee? = nil) -> Bool {
        guard let original = jobs.first(where: {
            $0.day >= d && $0.employee != nil && $0.start < $0.end && (employee == nil || $0.employee == employee?.id)
        }) else { return false }
        let start = original.start + 900
        let job = makeJob(
            typeIndex: original.typeIndex, employee: nil, day: original.day, visits: [(start, start + (original.end - original.start))],
            customer: original.customer, address: original.address, clean: true)
        note(.duplicateJob, "jobs", [job.id, original.id],
             "job \(job.id) repeats job \(original.id): same customer, address and job type \(ShopCatalog.hcpJobTypes[original.typeIndex].name), 15 minutes later, no one dispatched")
        return true
    }

    @discardableResult
    mutating func plantUnknownJobType(employee: Employee, from d: Int) -> Bool {
        guard let index = ShopCatalog.hcpJobTypes.firstIndex(where: { $0.tags.isEmpty }),
              let day = (max(0, d)..<dayCount).first(where: { freeStart(employee.id, day: $0, minutes: 60) != nil }),
              let start = freeStart(employee.id, day: day, minutes: 60)
        else { return false }
        cursor[employee.id, default: [:]][day] = start + 5400
        let job = makeJob(typeIndex: index, employee: employee, day: day, visits: [(start, start + 3600)], clean: true)
        note(.unknownJobType, "jobs", [job.id],
             "job \(job.id) (\(employee.name), \(describe(start))) has job type \"\(ShopCatalog.hcpJobTypes[index].name)\", which the shipped mapping does not list")
        return true
    }

    mutating func plantRandomMess(count: Int) {
        guard !employees.isEmpty, count > 0 else { return }
        let from = max(0, anchorIndex)
        for i in 0..<count {
            let employee = rng.pick(employees)
            let day = from + rng.int(0...max(0, dayCount - from - 1))
            let kind = PlantedProblem.Kind.randomlyPlanted[i % PlantedProblem.Kind.randomlyPlanted.count]
            func plant(_ builder: inout Self, from start: Int) -> Bool {
                switch kind {
                case .doubleBooked: return builder.plantDoubleBooking(employee: employee, from: start)
                case .outsideShift: return builder.plantOutsideHours(employee: employee, from: start)
                case .missingAddress: return builder.plantMissingAddress(employee: employee, from: start)
                case .endBeforeStart: return builder.plantEndBeforeStart(employee: employee, from: start)
                case .duplicateJob: return builder.plantDuplicateJob(from: start)
                case .unknownJobType: return builder.plantUnknownJobType(employee: employee, from: start)
                default: return false
                }
            }
            // Late days may have nothing to plant on: then try from the anchor.
            if !plant(&self, from: day) { _ = plant(&self, from: from) }
        }
    }
}
