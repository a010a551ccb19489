import FieldSyncCore

/// Builds the Housecall Pro side of a generated shop: employees, job types, customers with
/// addresses, jobs with appointments and assigned employees, and calendar events.
struct HCPShopBuilder {
    struct Employee {
        let id: String
        let first: String
        let last: String
        let tags: [String]
        var name: String { "\(first) \(last)" }
    }

    struct JobInfo {
        let id: String
        let customer: Int
        let address: JSONValue
        let typeIndex: Int
        var start: Int64
        var end: Int64
        var employee: String?
        let appointment: String
        let day: Int
    }

    let clock = ShopClock(zone: "America/Denver")
    let firstDay: LocalDate
    let dayCount: Int
    let anchorDay: LocalDate
    let anchorStart: Int64
    let jobsPerEmployeeDay: Double
    let maxJobs: Int?
    var rng: SeededRandom

    var records: [HousecallProResource: [SandboxRecord]] = [:]
    var problems: [PlantedProblem] = []
    var employees: [Employee] = []
    var employeeJSON: [String: JSONValue] = [:]
    var jobTypeJSON: [JSONValue] = []
    var customerJSON: [JSONValue] = []
    var jobs: [JobInfo] = []
    var cursor: [String: [Int: Int64]] = [:]
    var invoice = 1000

    init(seed: UInt64, employees count: Int, days: Int, anchor: LocalDate, jobsPerEmployeeDay: Double, maxJobs: Int?) {
        rng = SeededRandom(seed: seed ^ 0x4843_5053_484F_50)
        anchorDay = anchor
        firstDay = anchor.adding(days: -(anchor.weekday.rawValue - 1) - 7)
        dayCount = max(1, days)
        anchorStart = ShopClock(zone: "America/Denver").instant(anchor, 0)
        self.jobsPerEmployeeDay = jobsPerEmployeeDay
        self.maxJobs = maxJobs
        buildEmployees(count: max(1, count))
        buildJobTypes()
    }

    var anchorIndex: Int { anchorDay.daysSinceEpoch - firstDay.daysSinceEpoch }
    func day(_ i: Int) -> LocalDate { firstDay.adding(days: i) }
    func isWorkday(_ i: Int) -> Bool { day(i).weekday.rawValue <= 5 }

    mutating func key(_ prefix: String) -> String { prefix + "_" + rng.hex(32) }

    mutating func append(_ resource: HousecallProResource, _ value: JSONValue) {
        records[resource, default: []].append(SandboxRecord(value))
    }

    /// A whole-second stamp before `limit` (and before the anchor).
    mutating func stamp(before limit: Int64, minimumAgo: Int64 = 3600, spread: Int64 = 86_400 * 10) -> String {
        RFC3339.string(utc: min(limit, anchorStart) - minimumAgo - Int64(rng.int(0...Int(max(1, spread)))))
    }

    mutating func phone() -> String { "30355501" + STShopBuilder.format2(rng.int(0...99)) }

    // MARK: People and reference data

    mutating func buildEmployees(count: Int) {
        let colors = ["#1e88e5", "#43a047", "#f4511e", "#8e24aa", "#fdd835", "#00897b"]
        var used = Set<String>()
        for i in 0..<count {
            var first = ShopCatalog.linkedEmployee.first
            var last = ShopCatalog.linkedEmployee.last
            var tags = ShopCatalog.linkedEmployee.tags
            if i > 0 {
                repeat {
                    first = rng.pick(ShopCatalog.firstNames)
                    last = rng.pick(ShopCatalog.lastNames)
                } while used.contains("\(first) \(last)")
                tags = ShopCatalog.hcpTagSets[(i - 1) % ShopCatalog.hcpTagSets.count]
            }
            used.insert("\(first) \(last)")
            let employee = Employee(id: key("pro"), first: first, last: last, tags: tags)
            let json: JSONValue = [
                "id": .string(employee.id), "first_name": .string(first), "last_name": .string(last),
                "email": .string("\(first.lowercased()).\(last.lowercased())@frontrangeair.example.com"),
                "mobile_number": .string(phone()), "color_hex": .string(colors[i % colors.count]), "avatar_url": "",
                "role": "field tech", "created_at": .string(stamp(before: anchorStart, minimumAgo: 86_400 * 100, spread: 86_400 * 500)),
                "tags": .array(tags.map { .string($0) }),
                "permissions": [
                    "can_add_and_edit_job": true, "can_be_booked_online": true, "can_call_and_text_with_customers": true,
                    "can_chat_with_customers": true, "can_delete_and_cancel_job": false, "can_edit_message_on_invoice": false,
                    "can_see_street_view_data": true, "can_share_job": true, "can_take_payment_see_prices": true,
                    "can_see_customers": true, "can_see_full_schedule": false, "can_see_future_jobs": true,
                    "can_see_marketing_campaigns": false, "can_see_reporting": false, "can_edit_settings": false,
                    "is_point_of_contact": false, "is_admin": false,
                ],
                "company_name": .string(HCPShapes.companyName), "company_id": .string(HCPShapes.companyID),
            ]
            employees.append(employee)
            employeeJSON[employee.id] = json
            append(.employees, json)
        }
    }

    mutating func buildJobTypes() {
        for type in ShopCatalog.hcpJobTypes {
            let json: JSONValue = ["id": .string(key("jbt")), "name": .string(type.name)]
            jobTypeJSON.append(json)
            append(.jobTypes, json)
        }
    }

    mutating func buildCustomers(count: Int) {
        for _ in 0..<max(4, count) { makeCustomer() }
    }

    /// A customer with one service address and a mobile number (none at all with `phone: false`).
    /// Returns its index in ``customerJSON``.
    @discardableResult
    mutating func makeCustomer(phone hasPhone: Bool = true) -> Int {
        let first = rng.pick(ShopCatalog.firstNames)
        let last = rng.pick(ShopCatalog.lastNames)
        let created = stamp(before: anchorStart, minimumAgo: 86_400 * 15, spread: 86_400 * 700)
        let address: JSONValue = [
            "id": .string(key("adr")), "type": "service",
            "street": .string("\(rng.int(100...9999)) \(rng.pick(ShopCatalog.denverStreets))"), "street_line_2": nil,
            "city": "Denver", "state": "CO", "zip": .string(rng.pick(ShopCatalog.denverZips)), "country": "US",
        ]
        let json: JSONValue = [
            "id": .string(key("cus")), "first_name": .string(first), "last_name": .string(last),
            "email": .string("\(first.lowercased())\(rng.int(1...99))@example.com"),
            "mobile_number": hasPhone ? .string(phone()) : .null,
            "home_number": nil, "work_number": nil, "company": nil, "notifications_enabled": true,
            "lead_source": .string(rng.pick(["Google", "Referral", "Yelp", "Repeat customer"])), "notes": nil,
            "created_at": .string(created), "updated_at": .string(created), "company_name": .string(HCPShapes.companyName),
            "company_id": .string(HCPShapes.companyID), "tags": [], "addresses": [address],
        ]
        customerJSON.append(json)
        append(.customers, json)
        return customerJSON.count - 1
    }

    func types(for employee: Employee) -> [Int] {
        ShopCatalog.hcpJobTypes.indices.filter {
            let tags = ShopCatalog.hcpJobTypes[$0].tags
            return !tags.isEmpty && Set(tags).isSubset(of: employee.tags)
        }
    }

    func freeStart(_ employee: String, day d: Int, minutes: Int) -> Int64? {
        guard isWorkday(d) else { return nil }
        let start = cursor[employee]?[d] ?? clock.instant(day(d), 8)
        return start + Int64(minutes * 60) <= clock.instant(day(d), 17) ? start : nil
    }

    // MARK: Jobs

    /// A job with its appointments (none when `unscheduled`).
    @discardableResult
    mutating func makeJob(
        typeIndex: Int, employee: Employee?, day d: Int, visits: [(Int64, Int64)], customer: Int? = nil,
        address: JSONValue? = nil, clean: Bool = false, unscheduled: Bool = false
    ) -> JobInfo {
        let customerIndex = customer ?? rng.int(0..<customerJSON.count)
        let customer = customerJSON[customerIndex]
        let address = address ?? (customer["addresses"]?.arrayValue?.first ?? .null)
        let type = ShopCatalog.hcpJobTypes[typeIndex]
        let past = d < anchorIndex
        let canceled = !clean && !past && rng.chance(0.03)
        let firstStart = visits.first?.0 ?? clock.instant(day(d), 8)
        let createdSeconds = min(firstStart, anchorStart) - 3600 * 5 - Int64(rng.int(0...(86_400 * 6)))
        var updatedSeconds = min(createdSeconds + Int64(rng.int(0...(86_400 * 2))), anchorStart - 60)
        let ids = employee.map { [$0.id] } ?? []
        var appointments: [JSONValue] = []
        var appointmentIDs: [String] = []
        if !unscheduled {
            for visit in visits {
                let id = key("appt")
                appointmentIDs.append(id)
                appointments.append(HCPShapes.appointment(
                    id: id, startDate: clock.localDate(visit.0).description, start: clock.utc(visit.0),
                    end: clock.utc(visit.1), arrivalWindowMinutes: 120, employees: ids))
            }
        }
        var status = unscheduled ? "needs scheduling" : "scheduled"
        var timestamps: JSONValue = ["on_my_way_at": nil, "started_at": nil, "completed_at": nil]
        if past && !unscheduled, let last = visits.last {
            status = rng.chance(0.6) ? "complete rated" : "complete unrated"
            let done = max(last.0, last.1)
            timestamps = [
                "on_my_way_at": .string(clock.utc(visits[0].0 - 1500)), "started_at": .string(clock.utc(visits[0].0)),
                "completed_at": .string(clock.utc(done)),
            ]
            updatedSeconds = max(updatedSeconds, done + 120)
        }
        if canceled { status = rng.chance(0.5) ? "user canceled" : "pro canceled" }
        invoice += 1
        let starts = visits.map(\.0)
        let ends = visits.map(\.1)
        var job = HCPShapes.job(
            id: key("job"), invoiceNumber: String(invoice), description: rng.pick(type.descriptions),
            customer: HCPShapes.jobCustomer(from: customer), address: address, workStatus: status,
            scheduledStart: unscheduled ? nil : starts.min().map(clock.utc), scheduledEnd: unscheduled ? nil : ends.max().map(clock.utc),
            arrivalWindow: unscheduled ? 0 : 120, appointments: appointments,
            assignedEmployees: unscheduled ? [] : ids.compactMap { employeeJSON[$0] }, jobType: jobTypeJSON[typeIndex],
            createdAt: RFC3339.string(utc: createdSeconds), updatedAt: RFC3339.string(utc: updatedSeconds),
            totalAmount: past ? rng.int(95...1800) * 100 : 0, leadSource: customer["lead_source"]?.stringValue)
        job["work_timestamps"] = timestamps
        if canceled { job["canceled_at"] = .string(RFC3339.string(utc: updatedSeconds)) }
        let info = JobInfo(
            id: job["id"]?.stringValue ?? "", customer: customerIndex, address: address, typeIndex: typeIndex,
            start: visits.first?.0 ?? 0, end: visits.first?.1 ?? 0, employee: canceled || unscheduled ? nil : employee?.id,
            appointment: appointmentIDs.first ?? "", day: d)
        jobs.append(info)
        append(.jobs, job)
        return info
    }

    mutating func buildJobs() {
        for d in 0..<dayCount where isWorkday(d) {
            for employee in employees {
                let choices = types(for: employee)
                guard !choices.isEmpty else { continue }
                var count = Int(jobsPerEmployeeDay)
                if rng.chance(jobsPerEmployeeDay - Double(count)) { count += 1 }
                for _ in 0..<count {
                    if let maxJobs, jobs.count >= maxJobs { return }
                    let typeIndex = rng.pick(choices)
                    let minutes = ShopCatalog.hcpJobTypes[typeIndex].minutes
                    guard let start = freeStart(employee.id, day: d, minutes: minutes) else { break }
                    var visits = [(start, start + Int64(minutes * 60))]
                    cursor[employee.id, default: [:]][d] = start + Int64(minutes * 60) + 1800
                    if d >= anchorIndex, ShopCatalog.hcpJobTypes[typeIndex].name == "Water Heater Install", rng.chance(0.3),
                       let next = (d + 1..<dayCount).first(where: { freeStart(employee.id, day: $0, minutes: 90) != nil }),
                       let second = freeStart(employee.id, day: next, minutes: 90)
                    {
                        visits.append((second, second + 5400))
                        cursor[employee.id, default: [:]][next] = second + 5400 + 1800
                    }
                    makeJob(typeIndex: typeIndex, employee: employee, day: d, visits: visits)
                }
            }
        }
        // A few jobs still waiting for a date, and one the office deleted.
        if maxJobs == nil {
            for _ in 0..<max(1, employees.count / 2) {
                makeJob(typeIndex: rng.int(0..<5), employee: nil, day: anchorIndex, visits: [], unscheduled: true)
            }
            if let victim = jobs.firstIndex(where: { $0.day >= anchorIndex && $0.employee != nil }),
               var list = records[.jobs]
            {
                let id = jobs[victim].id
                if let i = list.firstIndex(where: { $0["id"]?.stringValue == id }) {
                    var json = list[i].value
                    let when = RFC3339.string(utc: anchorStart - 86_400 - 3600)
                    json["deleted_at"] = .string(when)
                    json["updated_at"] = .string(when)
                    list[i] = SandboxRecord(json)
                    records[.jobs] = list
                }
                jobs.remove(at: victim)
            }
        }
    }

    mutating func buildEvents() {
        let all = employees.compactMap { employeeJSON[$0.id] }
        for d in 0..<dayCount where day(d).weekday == .monday {
            let start = clock.instant(day(d), 7, 30)
            event(name: "Team huddle", note: "Weekly planning", start: start, end: start + 1800, employees: all)
        }
        if let first = employees.last, let d = (3..<dayCount).first(where: { day($0).weekday == .thursday }) {
            let start = clock.instant(day(d), 13)
            event(name: "Van service", note: nil, start: start, end: start + 7200, employees: [employeeJSON[first.id] ?? .null])
            cursor[first.id, default: [:]][d] = max(cursor[first.id]?[d] ?? 0, start + 7200)
        }
    }

    mutating func event(name: String, note: String?, start: Int64, end: Int64, employees: [JSONValue]) {
        let created = stamp(before: start, minimumAgo: 86_400, spread: 86_400 * 20)
        append(.events, [
            "id": .string(key("evt")), "name": .string(name), "note": .string(orNull: note), "tags": [],
            "recurrence_rule": nil,
            "address": ["street": "4700 Jason St", "street_line_2": "", "city": "Denver", "state": "CO", "zip": "80211"],
            "assigned_employees": .array(employees),
            "schedule": ["start_time": .string(clock.utc(start)), "end_time": .string(clock.utc(end)), "time_zone": "America/Denver"],
            "all_day": false, "created_at": .string(created), "updated_at": .string(created),
            "company_name": .string(HCPShapes.companyName), "company_id": .string(HCPShapes.companyID),
        ])
    }
}
