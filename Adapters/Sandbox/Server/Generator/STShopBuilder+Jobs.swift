import FieldSyncCore

/// Customers, locations, contacts, and the clean job schedule.
extension STShopBuilder {
    var anchorIndex: Int { anchorDay.daysSinceEpoch - firstDay.daysSinceEpoch }

    // MARK: Customers

    mutating func buildCustomers(count: Int) {
        for _ in 0..<max(4, count) { _ = makeCustomer() }
    }

    mutating func address(zone: ShopCatalog.Zone) -> JSONValue {
        let number = rng.int(100...8999)
        let street = rng.pick(ShopCatalog.chicagoStreets)
        return [
            "street": .string("\(number) \(street)"), "unit": rng.chance(0.15) ? .string("Apt \(rng.int(1...30))") : nil,
            "city": "Chicago", "state": "IL", "zip": .string(rng.pick(zone.zips)), "country": "USA",
            "latitude": .double((zone.latitude + (rng.unit() - 0.5) * 0.06).rounded(places: 6)),
            "longitude": .double((zone.longitude + (rng.unit() - 0.5) * 0.06).rounded(places: 6)),
        ]
    }

    /// A customer with one location (two or three for a business), a mobile phone and, most of
    /// the time, an e-mail address; `phone: false` leaves the phone out (an e-mail only).
    mutating func makeCustomer(phone hasPhone: Bool = true) -> Customer {
        let commercial = rng.chance(0.1)
        let first = rng.pick(ShopCatalog.firstNames)
        let last = rng.pick(ShopCatalog.lastNames)
        let name = commercial ? "\(last) \(rng.pick(ShopCatalog.companySuffixes))" : "\(first) \(last)"
        let zone = rng.pick(ShopCatalog.zones)
        let home = address(zone: zone)
        let created = stamp(before: anchorStart, minimumAgo: 86_400 * 20, spread: 86_400 * 900)
        let id = id(.customers)
        append(.customers, [
            "id": .int(id), "active": true, "name": .string(name), "type": .string(commercial ? "Commercial" : "Residential"),
            "address": home, "customFields": [], "balance": 0, "taxExempt": false, "tagTypeIds": [], "doNotMail": false,
            "doNotService": false, "nationalAccount": false, "createdOn": .string(created), "createdById": 1,
            "modifiedOn": .string(created), "mergedToId": nil, "paymentTermId": nil, "creditLimit": nil,
            "creditLimitBalance": nil, "externalData": [],
        ])
        var customer = Customer(id: id, locations: [])
        let sites = commercial ? rng.int(2...3) : 1
        for site in 0..<sites {
            let siteZone = site == 0 ? zone : rng.pick(ShopCatalog.zones)
            let siteAddress = site == 0 ? home : address(zone: siteZone)
            customer.locations.append(
                makeLocation(customer: id, name: sites > 1 ? "\(name) #\(site + 1)" : name, zone: siteZone.id, created: created, address: siteAddress))
        }
        if hasPhone {
            let phone = Self.phone(&rng)
            append(.customerContacts, contactJSON(customer: id, type: "MobilePhone", value: phone, created: created))
        }
        if !hasPhone || rng.chance(0.7) {
            let handle = commercial ? "office.\(last.lowercased())" : "\(first.lowercased()).\(last.lowercased())"
            append(.customerContacts, contactJSON(customer: id, type: "Email", value: "\(handle)\(rng.int(1...99))@example.com", created: created))
        }
        customers.append(customer)
        return customer
    }

    mutating func makeLocation(customer: Int64, name: String, zone: Int64?, created: String, address: JSONValue) -> Int64 {
        let id = id(.locations)
        append(.locations, [
            "id": .int(id), "customerId": .int(customer), "active": true, "name": .string(name), "address": address,
            "customFields": [], "createdOn": .string(created), "createdById": 1, "modifiedOn": .string(created),
            "mergedToId": nil, "zoneId": .int(orNull: zone), "taxExempt": false, "tagTypeIds": [], "externalData": [],
            "taxZoneId": nil,
        ])
        locationZone[id] = zone
        return id
    }

    mutating func contactJSON(customer: Int64, type: String, value: String, created: String) -> JSONValue {
        [
            "id": .int(id(.customerContacts)), "type": .string(type), "value": .string(value), "memo": nil,
            "phoneSettings": type == "Email" ? nil : ["phoneNumber": .string(value.filter { $0 != "-" }), "doNotText": false],
            "preferences": ["jobRemindersEnabled": true, "marketingUpdatesEnabled": false, "invoiceStatementNotification": false],
            "customerId": .int(customer), "active": true, "createdOn": .string(created), "modifiedOn": .string(created),
        ]
    }

    // MARK: Jobs

    func jobTypes(for tech: Tech) -> [ShopCatalog.JobType] {
        ShopCatalog.jobTypes.filter {
            $0.businessUnitID == tech.unit && !$0.skills.isEmpty && Set($0.skills).isSubset(of: tech.skills)
        }
    }

    /// Creates a job with one appointment (two for some long installs), assigned to `tech`
    /// when given. Past jobs are completed; a few future ones are cancelled or left unassigned
    /// unless `clean` is set.
    @discardableResult
    mutating func makeJob(
        type: ShopCatalog.JobType, tech: Tech?, day d: Int, start: Int64, end: Int64? = nil, customer: Customer? = nil,
        location: Int64? = nil, clean: Bool = false, summary: String? = nil
    ) -> JobInfo {
        let customer = customer ?? rng.pick(customers)
        let location = location ?? rng.pick(customer.locations)
        let end = end ?? start + Int64(type.minutes * 60)
        let past = d < anchorIndex
        let canceled = !clean && !past && rng.chance(0.03)
        let assignedTech = (!clean && !past && rng.chance(0.04)) ? nil : tech
        let jobID = id(.jobs)
        var appointmentIDs = [id(.appointments)]
        var visits = [(start, end, d)]
        if !clean, !past, let tech, ["Panel Upgrade", "EV Charger Install"].contains(type.name), rng.chance(0.3) {
            var d2 = d + 1
            while d2 < dayCount {
                if let s2 = freeStart(tech.id, day: d2, minutes: 120) {
                    visits.append((s2, s2 + 7200, d2))
                    cursor[tech.id]?[d2] = s2 + 7200 + 1800
                    appointmentIDs.append(id(.appointments))
                    break
                }
                d2 += 1
            }
        }
        let createdSeconds = min(start, anchorStart) - 3600 * 6 - Int64(rng.int(0...(86_400 * 7)))
        let createdMs = createdSeconds * 1000 + Int64(rng.int(0...999))
        var modifiedMs = min(createdMs + Int64(rng.int(0...(86_400 * 2))) * 1000, anchorStart * 1000 - 60_000)
        var completedOn: String?
        if past, let last = visits.last {
            let completedSeconds = max(last.1, last.0) + 600
            completedOn = Timestamp.serviceTitan(completedSeconds * 1000 + 133)
            modifiedMs = max(modifiedMs, completedSeconds * 1000 + 5000)
        }
        let created = Timestamp.serviceTitan(createdMs)
        let modified = Timestamp.serviceTitan(modifiedMs)
        let jobStatus = past ? "Completed" : canceled ? "Canceled" : "Scheduled"
        let appointmentStatus = past ? "Done" : canceled ? "Canceled" : "Scheduled"
        var job = STShapes.job(
            id: jobID, customerID: customer.id, locationID: location, businessUnitID: type.businessUnitID,
            jobTypeID: type.id, priority: type.priority, campaignID: rng.pick(ShopCatalog.campaigns), status: jobStatus,
            summary: summary ?? rng.pick(type.summaries), appointmentIDs: appointmentIDs, createdOn: created,
            modifiedOn: modified, createdByID: Int64(rng.int(2...6)), completedOn: completedOn,
            total: past ? Double(rng.int(89...2400)) : 0)
        job["active"] = true
        append(.jobs, job)
        for (i, visit) in visits.enumerated() {
            let appointmentID = appointmentIDs[i]
            append(.appointments, STShapes.appointment(
                id: appointmentID, jobID: jobID, number: "\(jobID)-\(i + 1)", start: clock.utc(visit.0),
                end: clock.utc(visit.1), arrivalStart: clock.utc(min(visit.0, visit.1)),
                arrivalEnd: clock.utc(min(visit.0, visit.1) + 7200), status: appointmentStatus, instructions: nil,
                createdOn: created, modifiedOn: modified, customerID: customer.id, createdByID: 1,
                confirmed: past || rng.chance(0.5)))
            if let assignedTech {
                booked[assignedTech.id, default: [:]][visit.2, default: []].append((visit.0, visit.1))
                let assigned = Timestamp.serviceTitan(createdMs + 120_000)
                append(.appointmentAssignments, STShapes.assignment(
                    id: id(.appointmentAssignments), technicianID: assignedTech.id, technicianName: assignedTech.name,
                    assignedByID: 1, assignedOn: assigned, status: past ? "Done" : "Scheduled", jobID: jobID,
                    appointmentID: appointmentID, createdOn: assigned, modifiedOn: assigned))
            }
        }
        let info = JobInfo(
            id: jobID, customer: customer.id, location: location, jobType: type.id, unit: type.businessUnitID, start: start,
            end: end, tech: canceled ? nil : assignedTech?.id, appointment: appointmentIDs[0], day: d, plannedTech: tech?.id, canceled: canceled)
        jobs.append(info)
        return info
    }

    mutating func buildJobs() {
        for d in 0..<dayCount {
            for t in techs {
                guard normalShift[t.id]?[d] != nil else { continue }
                let types = jobTypes(for: t)
                guard !types.isEmpty else { continue }
                var count = Int(jobsPerTechnicianDay)
                if rng.chance(jobsPerTechnicianDay - Double(count)) { count += 1 }
                for _ in 0..<count {
                    if let maxJobs, jobs.count >= maxJobs { return }
                    let type = rng.pick(types)
                    guard let start = freeStart(t.id, day: d, minutes: type.minutes) else { break }
                    makeJob(type: type, tech: t, day: d, start: start)
                    cursor[t.id]?[d] = start + Int64(type.minutes * 60) + 1800
                }
            }
            // An evening emergency for whoever is on call, on Wednesdays.
            if day(d).weekday == .wednesday, maxJobs == nil {
                for t in techs where onCallDays[t.id]?.contains(d) == true {
                    let urgent = jobTypes(for: t).filter { $0.priority == "Urgent" || $0.priority == "High" }
                    guard let type = urgent.first else { continue }
                    let start = clock.instant(day(d), 19)
                    makeJob(type: type, tech: t, day: d, start: start, clean: true)
                }
            }
        }
    }
}
