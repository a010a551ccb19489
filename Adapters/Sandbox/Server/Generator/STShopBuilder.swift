import FieldSyncCore

/// Builds the ServiceTitan side of a generated shop: reference data, technicians, their shifts
/// and non-job appointments, customers with locations and contacts, and jobs with appointments
/// and assignments laid into the shifts without overlaps. Mess is planted afterwards
/// (`STShopBuilder+Mess.swift`).
struct STShopBuilder {
    struct Tech {
        let id: Int64
        let first: String
        let last: String
        let skills: [String]
        let unit: Int64
        let zone: Int64
        let workdays: Set<Weekday>
        let startHour: Int
        let endHour: Int
        var name: String { "\(first) \(last)" }
    }

    struct Customer {
        let id: Int64
        var locations: [Int64]
    }

    struct JobInfo {
        let id: Int64
        let customer: Int64
        let location: Int64
        let jobType: Int64
        let unit: Int64
        var start: Int64
        var end: Int64
        var tech: Int64?
        let appointment: Int64
        let day: Int
        /// The technician the job was laid out for (also when it was left unassigned).
        var plannedTech: Int64? = nil
        var canceled = false
    }

    let clock = ShopClock(zone: "America/Chicago")
    let firstDay: LocalDate
    let dayCount: Int
    let anchorDay: LocalDate
    /// Midnight of the anchor day: every created/modified stamp lies before it.
    let anchorStart: Int64
    let jobsPerTechnicianDay: Double
    let maxJobs: Int?
    var rng: SeededRandom

    var records: [ServiceTitanResource: [SandboxRecord]] = [:]
    var problems: [PlantedProblem] = []
    var techs: [Tech] = []
    var customers: [Customer] = []
    var locationZone: [Int64: Int64] = [:]
    var jobs: [JobInfo] = []
    /// Per technician and day: the Normal shift (start, end), if any.
    var normalShift: [Int64: [Int: (Int64, Int64)]] = [:]
    /// Per technician and day: whether an OnCall shift covers the evening.
    var onCallDays: [Int64: Set<Int>] = [:]
    /// Per technician and day: the end of the last thing booked (jobs are laid from here).
    var cursor: [Int64: [Int: Int64]] = [:]
    /// Per technician and day: busy blocks (non-job appointments) jobs must avoid.
    var blocked: [Int64: [Int: [(Int64, Int64)]]] = [:]
    /// Per technician: every active non-job appointment (start, end).
    var nonJobTimes: [Int64: [(Int64, Int64)]] = [:]
    /// Per technician and day: the appointments booked (start, end), as made.
    var booked: [Int64: [Int: [(Int64, Int64)]]] = [:]
    /// Per technician: every TimeOff shift (start, end).
    var timeOffTimes: [Int64: [(Int64, Int64)]] = [:]
    var nextID: [ServiceTitanResource: Int64] = [:]

    init(seed: UInt64, technicians: Int, days: Int, anchor: LocalDate, jobsPerTechnicianDay: Double, maxJobs: Int?) {
        rng = SeededRandom(seed: seed ^ 0x5354_5348_4F50)
        anchorDay = anchor
        // One week before the anchor's week, then forward.
        let monday = anchor.adding(days: -(anchor.weekday.rawValue - 1))
        firstDay = monday.adding(days: -7)
        dayCount = max(1, days)
        anchorStart = ShopClock(zone: "America/Chicago").instant(anchor, 0)
        self.jobsPerTechnicianDay = jobsPerTechnicianDay
        self.maxJobs = maxJobs
        for r in ServiceTitanResource.allCases { nextID[r] = SandboxStore.firstID(r) }
        buildReference()
        buildTechnicians(count: max(1, technicians))
    }

    mutating func id(_ resource: ServiceTitanResource) -> Int64 {
        let value = nextID[resource] ?? 1
        nextID[resource] = value + 1
        return value
    }

    mutating func append(_ resource: ServiceTitanResource, _ value: JSONValue) {
        records[resource, default: []].append(SandboxRecord(value))
    }

    func day(_ index: Int) -> LocalDate { firstDay.adding(days: index) }

    /// A ServiceTitan record stamp (`…T17:03:12.5370000Z`) some time before `limit`, at least
    /// `minimumAgo` seconds earlier.
    mutating func stamp(before limit: Int64, minimumAgo: Int64 = 3600, spread: Int64 = 86_400 * 10) -> String {
        let seconds = min(limit, anchorStart) - minimumAgo - Int64(rng.int(0...Int(max(1, spread))))
        return Timestamp.serviceTitan(seconds * 1000 + Int64(rng.int(0...999)))
    }

    static func phone(_ rng: inout SeededRandom) -> String {
        "\(rng.pick(["312", "773", "872"]))-555-01\(String(format2(rng.int(0...99))))"
    }

    static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    // MARK: Reference data

    mutating func buildReference() {
        let created = Timestamp.serviceTitan((anchorStart - 86_400 * 400) * 1000 + 120)
        let modified = Timestamp.serviceTitan((anchorStart - 86_400 * 30) * 1000 + 457)
        for unit in ShopCatalog.businessUnits {
            append(.businessUnits, [
                "id": .int(unit.id), "active": true, "name": .string(unit.name), "officialName": .string("Lakeshore Comfort \(unit.trade)"),
                "email": .string("\(unit.trade.lowercased())@lakeshorecomfort.example.com"), "currency": "USD",
                "phoneNumber": "312-555-0100", "invoiceHeader": nil, "invoiceMessage": nil, "defaultTaxRate": 0.1025,
                "authorizationParagraph": nil, "acknowledgementParagraph": nil,
                "address": [
                    "street": "2400 N Elston Ave", "unit": nil, "city": "Chicago", "state": "IL", "zip": "60647",
                    "country": "USA", "latitude": 41.9245, "longitude": -87.6801, "isManualCoordinates": false,
                    "isMilitary": false,
                ],
                "materialSku": nil, "quickbooksClass": nil, "accountCode": nil, "franchiseId": nil, "conceptCode": nil,
                "corporateContractNumber": nil, "trade": ["id": .int(unit.tradeID), "name": .string(unit.trade)],
                "division": ["id": 1, "name": "Residential"], "tagTypeIds": [],
                "tenant": [
                    "id": 1_000_001, "name": "Lakeshore Comfort", "accountCode": nil, "franchiseId": nil, "conceptCode": nil,
                    "modifiedOn": .string(modified),
                ],
                "createdOn": .string(created), "modifiedOn": .string(modified), "externalData": [],
            ])
        }
        for type in ShopCatalog.jobTypes {
            append(.jobTypes, [
                "id": .int(type.id), "name": .string(type.name), "businessUnitIds": [.int(type.businessUnitID)],
                "skills": .array(type.skills.map { .string($0) }), "tagTypeIds": [], "priority": .string(type.priority),
                "duration": .int(Int64(type.minutes * 60)), "soldThreshold": nil, "class": "Service", "summary": "",
                "noCharge": false, "enforceRecurringServiceEventSelection": false, "invoiceSignaturesRequired": false,
                "modifiedOn": .string(modified), "createdOn": .string(created), "externalData": [], "active": true,
                "isSmartDispatched": true,
            ])
        }
    }

    // MARK: Technicians and their time

    mutating func buildTechnicians(count: Int) {
        var usedNames = Set<String>()
        for i in 0..<count {
            let first: String
            let last: String
            let skills: [String]
            let unit: Int64
            if i < ShopCatalog.linkedTechnicians.count {
                let linked = ShopCatalog.linkedTechnicians[i]
                (first, last, skills, unit) = (linked.first, linked.last, linked.skills, linked.unit)
            } else {
                var f = ""
                var l = ""
                repeat {
                    f = rng.pick(ShopCatalog.firstNames)
                    l = rng.pick(ShopCatalog.lastNames)
                } while usedNames.contains("\(f) \(l)") && usedNames.count < ShopCatalog.firstNames.count * ShopCatalog.lastNames.count
                first = f
                last = l
                let set = ShopCatalog.skillSets[(i - ShopCatalog.linkedTechnicians.count) % ShopCatalog.skillSets.count]
                skills = set.skills
                unit = set.unit
            }
            usedNames.insert("\(first) \(last)")
            let pattern = i % 3
            let workdays: Set<Weekday> = pattern == 2
                ? [.tuesday, .wednesday, .thursday, .friday, .saturday] : [.monday, .tuesday, .wednesday, .thursday, .friday]
            let tech = Tech(
                id: id(.technicians), first: first, last: last, skills: skills, unit: unit,
                zone: ShopCatalog.zones[i % ShopCatalog.zones.count].id, workdays: workdays,
                startHour: pattern == 1 ? 7 : 8, endHour: pattern == 1 ? 16 : 17)
            techs.append(tech)
            append(.technicians, technicianJSON(tech, active: true))
        }
        // A former employee: inactive, kept for history as real tenants do.
        var f = rng.pick(ShopCatalog.firstNames)
        var l = rng.pick(ShopCatalog.lastNames)
        while usedNames.contains("\(f) \(l)") {
            f = rng.pick(ShopCatalog.firstNames)
            l = rng.pick(ShopCatalog.lastNames)
        }
        let former = Tech(
            id: id(.technicians), first: f, last: l, skills: ["HVAC"], unit: 2001, zone: 501,
            workdays: [], startHour: 8, endHour: 17)
        append(.technicians, technicianJSON(former, active: false))
        buildZones()
        buildShifts()
        buildNonJobAppointments()
    }

    mutating func technicianJSON(_ t: Tech, active: Bool) -> JSONValue {
        let zone = ShopCatalog.zones.first { $0.id == t.zone } ?? ShopCatalog.zones[0]
        let latitude = (zone.latitude + (rng.unit() - 0.5) * 0.05).rounded(places: 5)
        let longitude = (zone.longitude + (rng.unit() - 0.5) * 0.05).rounded(places: 5)
        let number = rng.int(1000...5999)
        let street = rng.pick(ShopCatalog.chicagoStreets)
        let zip = rng.pick(zone.zips)
        let created = stamp(before: anchorStart, minimumAgo: 86_400 * 200, spread: 86_400 * 600)
        let modified = active ? stamp(before: anchorStart, minimumAgo: 86_400 * 2, spread: 86_400 * 60)
            : stamp(before: anchorStart, minimumAgo: 86_400 * 45, spread: 86_400 * 10)
        let login = "\(t.first.lowercased()).\(t.last.lowercased())"
        let phone = Self.phone(&rng)
        return [
            "id": .int(t.id), "userId": .int(t.id + 40_000), "name": .string(t.name), "roleIds": [4],
            "businessUnitId": .int(t.unit), "mainZoneId": .int(t.zone), "zoneIds": [.int(t.zone)],
            "createdOn": .string(created), "modifiedOn": .string(modified),
            "email": .string("\(login)@lakeshorecomfort.example.com"), "phoneNumber": .string(phone),
            "loginName": .string(login),
            "home": [
                "street": .string("\(number) \(street)"), "unit": nil, "country": "USA", "city": "Chicago", "state": "IL",
                "zip": .string(zip), "streetAddress": .string("\(number) \(street)"), "latitude": .double(latitude),
                "longitude": .double(longitude),
            ],
            "dailyGoal": 1500, "isManagedTech": true, "licenseType": "ManagedTech", "customFields": [],
            "active": .bool(active), "aadUserId": nil, "burdenRate": 0, "team": "Service",
            "jobFilter": "AllScheduledDispatchedWorking", "permissions": [], "accountLocked": false,
            "commissionRate": 0, "currentValue": nil, "firstName": .string(t.first), "lastName": .string(t.last),
            "hourlyRate": 0, "jobId": nil, "mobilePhone": .string(phone), "outboundCallerId": nil,
            "payrollId": .string("P-\(t.id)"), "payrollProfileId": nil, "appoitmentId": nil,
            "shiftStart": .string("\(Self.format2(t.startHour)):00:00"), "shiftEnd": .string("\(Self.format2(t.endHour)):00:00"),
            "soldByRate": 0, "startDate": .string(Timestamp.seconds((anchorStart - 86_400 * 700) * 1000)),
            "status": "Idle",
            "skills": .array(t.skills.compactMap { name in
                ShopCatalog.skills.first { $0.name == name }.map { ["id": .int($0.id), "name": .string($0.name)] }
            }),
            "positions": ["Service"],
            "location": ["latitude": .double(latitude), "longitude": .double(longitude), "coordinatesUpdatedOn": .string(modified)],
            "bio": nil, "memo": nil,
        ]
    }

    mutating func buildZones() {
        let created = Timestamp.serviceTitan((anchorStart - 86_400 * 380) * 1000 + 333)
        for zone in ShopCatalog.zones {
            append(.zones, [
                "id": .int(zone.id), "active": true, "name": .string(zone.name), "zips": .array(zone.zips.map { .string($0) }),
                "cities": ["Chicago"], "territoryNumbers": [], "locnNumbers": [], "createdBy": 1,
                "createdOn": .string(created), "modifiedOn": .string(created), "serviceDaysEnabled": false,
                "serviceDays": [], "businessUnits": [2001, 2002, 2003],
                "technicians": .array(techs.filter { $0.zone == zone.id }.map { .int($0.id) }),
            ])
        }
    }

    mutating func shift(_ t: Tech, type: String, title: String, note: String?, start: Int64, end: Int64, active: Bool = true) {
        let created = stamp(before: clock.instant(firstDay, 0), minimumAgo: 86_400 * 3, spread: 86_400 * 20)
        if type == "TimeOff" { timeOffTimes[t.id, default: []].append((start, end)) }
        append(.technicianShifts, [
            "id": .int(id(.technicianShifts)), "shiftType": .string(type), "title": .string(title),
            "note": .string(orNull: note), "active": .bool(active), "technicianId": .int(t.id),
            "start": .string(clock.utc(start)), "end": .string(clock.utc(end)), "timesheetCodeId": nil,
            "createdOn": .string(created), "modifiedOn": .string(created),
        ])
    }

    mutating func buildShifts() {
        // Time off: a random sick day now and then, and one longer vacation.
        var timeOff: [Int64: Set<Int>] = [:]
        if techs.count > 4 {
            let vacationer = techs[4]
            var taken = 0
            var d = 8
            while taken < 3 && d < dayCount {
                if vacationer.workdays.contains(day(d).weekday) {
                    timeOff[vacationer.id, default: []].insert(d)
                    taken += 1
                }
                d += 1
            }
        }
        for t in techs {
            for d in 0..<dayCount where t.workdays.contains(day(d).weekday) && rng.chance(0.03) {
                timeOff[t.id, default: []].insert(d)
            }
        }
        for (index, t) in techs.enumerated() {
            var d = 0
            while d < dayCount {
                let date = day(d)
                if timeOff[t.id]?.contains(d) == true {
                    // Consecutive days off become one TimeOff shift.
                    var last = d
                    while timeOff[t.id]?.contains(last + 1) == true { last += 1 }
                    let title = last > d ? "Vacation" : "Time Off"
                    shift(t, type: "TimeOff", title: title, note: last > d ? nil : rng.pick(["Doctor appointment", "Personal day", "Sick"]),
                          start: clock.instant(date, t.startHour), end: clock.instant(day(last), t.endHour))
                    d = last + 1
                    continue
                }
                if t.workdays.contains(date.weekday) {
                    let start = clock.instant(date, t.startHour)
                    let end = clock.instant(date, t.endHour)
                    normalShift[t.id, default: [:]][d] = (start, end)
                    cursor[t.id, default: [:]][d] = start
                    shift(t, type: "Normal", title: "Regular Shift", note: nil, start: start, end: end)
                }
                d += 1
            }
            _ = index
        }
        // On call: one technician a week, weekday evenings and Sunday daytime.
        guard !techs.isEmpty else { return }
        var week = 0
        var weekStart = 0
        while weekStart < dayCount {
            let t = techs[week % techs.count]
            for offset in 0..<7 {
                let d = weekStart + offset
                guard d < dayCount else { break }
                let date = day(d)
                if date.weekday == .sunday {
                    shift(t, type: "OnCall", title: "On Call", note: "Weekend emergencies", start: clock.instant(date, 8), end: clock.instant(date, 20))
                    onCallDays[t.id, default: []].insert(d)
                } else if normalShift[t.id]?[d] != nil {
                    shift(t, type: "OnCall", title: "On Call", note: nil, start: clock.instant(date, t.endHour), end: clock.instant(date, 22))
                    onCallDays[t.id, default: []].insert(d)
                }
            }
            week += 1
            weekStart += 7
        }
    }

    mutating func nonJob(
        _ t: Tech, name: String, start: Int64, seconds: Int64, allDay: Bool = false, active: Bool = true, summary: String = ""
    ) {
        let created = stamp(before: start, minimumAgo: 86_400, spread: 86_400 * 14)
        if active { nonJobTimes[t.id, default: []].append((start, start + seconds)) }
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        let duration = hours >= 24 ? "\(hours / 24).\(Self.format2(Int(hours % 24))):\(Self.format2(Int(minutes))):00"
            : "\(Self.format2(Int(hours))):\(Self.format2(Int(minutes))):00"
        append(.nonJobAppointments, [
            "id": .int(id(.nonJobAppointments)), "technicianId": .int(t.id), "start": .string(clock.utc(start)),
            "name": .string(name), "duration": .string(duration), "timesheetCodeId": 1, "summary": .string(summary),
            "clearDispatchBoard": .bool(allDay), "clearTechnicianView": false,
            "removeTechnicianFromCapacityPlanning": .bool(allDay), "allDay": .bool(allDay),
            "showOnTechnicianSchedule": true, "active": .bool(active), "createdOn": .string(created),
            "modifiedOn": .string(created), "createdById": 1,
        ])
    }

    mutating func buildNonJobAppointments() {
        for (index, t) in techs.enumerated() {
            for d in 0..<dayCount {
                guard let (start, end) = normalShift[t.id]?[d] else { continue }
                if day(d).weekday == .monday || (day(d).weekday == .tuesday && !t.workdays.contains(.monday)) {
                    nonJob(t, name: "Team Meeting", start: start, seconds: 1800, summary: "Weekly huddle")
                    cursor[t.id]?[d] = start + 1800
                }
                // Truck maintenance once a fortnight, at the end of a day.
                if d % 14 == (index * 3) % 14, d > 0 {
                    nonJob(t, name: "Truck Maintenance", start: end - 7200, seconds: 7200, summary: "Oil change and inspection")
                    blocked[t.id, default: [:]][d, default: []].append((end - 7200, end))
                }
            }
        }
        // One all-day training and one cancelled meeting.
        if techs.count > 2, let d = (0..<dayCount).first(where: { $0 > 9 && normalShift[techs[2].id]?[$0] != nil }) {
            nonJob(techs[2], name: "Training", start: clock.instant(day(d), 0), seconds: 86_400, allDay: true, summary: "Manufacturer certification")
            if let (start, end) = normalShift[techs[2].id]?[d] {
                blocked[techs[2].id, default: [:]][d, default: []].append((start, end))
            }
        }
        if let t = techs.first, let d = (0..<dayCount).first(where: { $0 > 3 && normalShift[t.id]?[$0] != nil }),
           let (start, _) = normalShift[t.id]?[d]
        {
            nonJob(t, name: "Safety Training", start: start + 3 * 3600, seconds: 3600, active: false, summary: "Rescheduled")
        }
    }

    /// The start of a free stretch of `minutes` in a technician's Normal shift on day `d`, moving
    /// past non-job blocks; nil when the day is full.
    func freeStart(_ tech: Int64, day d: Int, minutes: Int) -> Int64? {
        guard let (_, end) = normalShift[tech]?[d], var start = cursor[tech]?[d] else { return nil }
        let length = Int64(minutes * 60)
        for block in (blocked[tech]?[d] ?? []).sorted(by: { $0.0 < $1.0 }) where start < block.1 && block.0 < start + length {
            start = block.1
        }
        return start + length <= end ? start : nil
    }
}
