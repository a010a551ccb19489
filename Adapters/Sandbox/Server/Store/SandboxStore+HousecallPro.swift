import FieldSyncCore

/// Housecall Pro reads and writes, as response bodies.
extension SandboxStore {
    // MARK: Paging

    struct HCPPage {
        var page = 1
        var pageSize = 10
    }

    func hcpPage(_ q: QueryParameters) throws -> HCPPage {
        var p = HCPPage()
        if let text = q.first("page") {
            guard let v = Int(text), v >= 1 else { throw VendorError(.housecallPro, 400, "page must be a positive integer") }
            p.page = v
        }
        if let text = q.first("page_size") {
            guard let v = Int(text), v >= 1 else { throw VendorError(.housecallPro, 400, "page_size must be a positive integer") }
            p.pageSize = min(v, 100)
        }
        return p
    }

    /// `{"page","page_size","total_pages","total_items","<plural>":[…]}` for one page of `total`
    /// items whose bodies are given.
    func hcpEnvelope(_ plural: String, _ page: HCPPage, total: Int, bodies: [[UInt8]]) -> [UInt8] {
        let pages = (total + page.pageSize - 1) / page.pageSize
        var out = Array(#"{"page":"#.utf8) + Array(String(page.page).utf8)
        out += Array(#","page_size":"#.utf8) + Array(String(page.pageSize).utf8)
        out += Array(#","total_pages":"#.utf8) + Array(String(pages).utf8)
        out += Array(#","total_items":"#.utf8) + Array(String(total).utf8)
        out += Array(",\"\(plural)\":[".utf8)
        for (i, body) in bodies.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += body
        }
        out += Array("]}".utf8)
        return out
    }

    /// The envelope for a page of `records` (all items, already in order).
    func hcpEnvelope(_ plural: String, _ page: HCPPage, _ records: [StoredRecord]) -> [UInt8] {
        let start = min((page.page - 1) * page.pageSize, records.count)
        let end = min(start + page.pageSize, records.count)
        return hcpEnvelope(plural, page, total: records.count, bodies: records[start..<end].map(\.body))
    }

    private func sortDirection(_ q: QueryParameters) throws -> Bool {
        switch q.first("sort_direction")?.lowercased() {
        case nil, "desc": return false
        case "asc": return true
        case let other?: throw VendorError(.housecallPro, 400, "sort_direction must be asc or desc, not \(other)")
        }
    }

    private func sortKey(_ q: QueryParameters, allowed: [String]) throws -> String {
        let key = q.first("sort_by") ?? "created_at"
        guard allowed.contains(key) else {
            throw VendorError(.housecallPro, 400, "sort_by must be one of \(allowed.joined(separator: ", ")), not \(key)")
        }
        return key
    }

    /// `positions` of `records` in the order `sort_by` names (ties broken by load order). Keys
    /// are read once, so large lists sort quickly.
    static func sortedPositions(_ positions: [Int], of records: [StoredRecord], by key: String, ascending: Bool) -> [Int] {
        let order: [Int]
        switch key {
        case "id", "work_status":
            let keys = positions.map { (key == "id" ? records[$0].key : records[$0].fields.status ?? "", records[$0].sortID) }
            order = keys.indices.sorted { ascending ? keys[$0] < keys[$1] : keys[$1] < keys[$0] }
        default:
            let keys = positions.map { (key == "updated_at" ? records[$0].modified : records[$0].created, records[$0].sortID) }
            order = keys.indices.sorted { ascending ? keys[$0] < keys[$1] : keys[$1] < keys[$0] }
        }
        return order.map { positions[$0] }
    }

    private func ordered(_ records: [StoredRecord], by key: String, ascending: Bool) -> [StoredRecord] {
        Self.sortedPositions(Array(records.indices), of: records, by: key, ascending: ascending).map { records[$0] }
    }

    // MARK: Lists

    /// `GET /employees`: active employees only.
    func hcpEmployees(_ q: QueryParameters) throws -> [UInt8] {
        let page = try hcpPage(q)
        let records = table(.housecallPro(.employees)).records.filter { $0.active && !$0.deleted }
        let sorted = ordered(records, by: try sortKey(q, allowed: ["created_at", "first_name", "last_name", "id"]), ascending: try sortDirection(q))
        return hcpEnvelope("employees", page, sorted)
    }

    /// `GET /customers` (`q` searches names, e-mail, phone numbers and addresses).
    func hcpCustomers(_ q: QueryParameters) throws -> [UInt8] {
        let page = try hcpPage(q)
        var records = table(.housecallPro(.customers)).records.filter { $0.active && !$0.deleted }
        if let text = q.first("q"), !text.trimmingSpaces.isEmpty {
            records = records.filter { hcpCustomerMatches($0, query: text) }
        }
        let sorted = ordered(records, by: try sortKey(q, allowed: ["created_at", "updated_at", "id"]), ascending: try sortDirection(q))
        return hcpEnvelope("customers", page, sorted)
    }

    /// `GET /job_fields/job_types`.
    func hcpJobTypes(_ q: QueryParameters) throws -> [UInt8] {
        let page = try hcpPage(q)
        var records = table(.housecallPro(.jobTypes)).records.filter { $0.active && !$0.deleted }
        if let name = q.first("name")?.lowercased() {
            records = records.filter { $0.fields.name?.lowercased().contains(name) ?? false }
        }
        return hcpEnvelope("job_types", page, records)
    }

    /// `GET /events`.
    func hcpEvents(_ q: QueryParameters) throws -> [UInt8] {
        let page = try hcpPage(q)
        let records = table(.housecallPro(.events)).records.filter { $0.active && !$0.deleted }
        let sorted = ordered(records, by: try sortKey(q, allowed: ["created_at", "updated_at", "name"]), ascending: try sortDirection(q))
        return hcpEnvelope("events", page, sorted)
    }

    /// `GET /jobs`: deleted jobs are left out; `expand[]=appointments` adds
    /// `schedule.appointments`.
    func hcpJobs(_ q: QueryParameters) throws -> (body: [UInt8], served: [String]) {
        let page = try hcpPage(q)
        let all = table(.housecallPro(.jobs)).records
        var tests: [(StoredRecord) -> Bool] = [{ $0.active && !$0.deleted }]
        func time(_ name: String) throws -> Int64? {
            guard let text = q.first(name) else { return nil }
            guard let ms = Timestamp.millis(text) else {
                throw VendorError(.housecallPro, 400, "\(name) must be an ISO 8601 date or date-time, not \(text)")
            }
            return ms
        }
        if let t = try time("scheduled_start_min") { tests.append { ($0.fields.start ?? .min) >= t } }
        if let t = try time("scheduled_start_max") { tests.append { ($0.fields.start ?? .max) <= t } }
        if let t = try time("scheduled_end_min") { tests.append { ($0.fields.end ?? .min) >= t } }
        if let t = try time("scheduled_end_max") { tests.append { ($0.fields.end ?? .max) <= t } }
        let employees = Set(q.all("employee_ids").flatMap { $0.split(separator: ",").map(String.init) })
        if !employees.isEmpty { tests.append { r in r.fields.employeeKeys.contains(where: employees.contains) } }
        if let customer = q.first("customer_id") { tests.append { $0.fields.customerKey == customer } }
        let statuses = q.all("work_status")
        if !statuses.isEmpty {
            var wanted = Set<String>()
            for s in statuses {
                switch s {
                case "unscheduled": wanted.insert("needs scheduling")
                case "scheduled": wanted.insert("scheduled")
                case "in_progress": wanted.insert("in progress")
                case "completed": wanted.formUnion(["complete rated", "complete unrated"])
                case "canceled": wanted.formUnion(["user canceled", "pro canceled"])
                default: wanted.insert(s)
                }
            }
            tests.append { $0.fields.status.map(wanted.contains) ?? false }
        }
        let key = try sortKey(q, allowed: ["created_at", "updated_at", "invoice_number", "id", "description", "work_status"])
        let ascending = try sortDirection(q)
        let matching = all.indices.filter { i in tests.allSatisfy { $0(all[i]) } }
        let sorted = Self.sortedPositions(matching, of: all, by: key, ascending: ascending)
        let expand = q.all("expand").flatMap { $0.split(separator: ",") }.contains("appointments")
        let start = min((page.page - 1) * page.pageSize, sorted.count)
        let end = min(start + page.pageSize, sorted.count)
        let shown = sorted[start..<end].map { all[$0] }
        let body = hcpEnvelope(
            "jobs", page, total: sorted.count, bodies: shown.map { expand ? $0.body : ($0.compactBody ?? $0.body) })
        return (body, shown.map(\.key))
    }

    private func liveJob(_ id: String) throws -> StoredRecord {
        guard let r = stored(.housecallPro(.jobs), id), r.active, !r.deleted else {
            throw VendorError.notFound(.housecallPro, "Job")
        }
        return r
    }

    /// `GET /jobs/{id}` (404 once deleted).
    func hcpJob(id: String, _ q: QueryParameters) throws -> [UInt8] {
        let r = try liveJob(id)
        let expand = q.all("expand").flatMap { $0.split(separator: ",") }.contains("appointments")
        return expand ? r.body : (r.compactBody ?? r.body)
    }

    /// `GET /jobs/{id}/appointments`.
    func hcpAppointments(jobID: String) throws -> [UInt8] {
        let job = try liveJob(jobID).json(.housecallPro(.jobs))
        return JSONWriter.bytes(["appointments": job["schedule"]?["appointments"] ?? []])
    }

    // MARK: Writes

    private func employeeObjects(_ ids: [String]) throws -> [JSONValue] {
        try ids.map { id in
            guard let e = stored(.housecallPro(.employees), id), e.active else {
                throw VendorError(.housecallPro, 422, "employee \(id) not found")
            }
            return e.json(.housecallPro(.employees))
        }
    }

    private func hcpTime(_ body: JSONValue, _ field: String, required: Bool) throws -> Int64? {
        guard let value = body[field], !value.isNull else {
            if required { throw VendorError(.housecallPro, 422, "\(field) is required") }
            return nil
        }
        guard let text = value.stringValue, let ms = Timestamp.millis(text) else {
            throw VendorError(.housecallPro, 422, "\(field) must be an ISO 8601 date-time")
        }
        return ms
    }

    private func localDate(_ ms: Int64) -> String {
        hcpZone.local(atInstant: Timestamp.floorDiv(ms, 1000)).local.date.description
    }

    /// Rewrites a job's schedule after its appointments changed: scheduled start and end span the
    /// appointments, assigned employees are everyone dispatched, and the work status follows.
    private func setAppointments(_ job: inout JSONValue, _ appointments: [JSONValue], assigned: [String]? = nil) throws {
        let sorted = appointments.sorted {
            ($0["start_time"]?.stringValue.flatMap { Timestamp.millis($0) } ?? 0)
                < ($1["start_time"]?.stringValue.flatMap { Timestamp.millis($0) } ?? 0)
        }
        var schedule = job["schedule"] ?? [:]
        schedule["appointments"] = .array(sorted)
        let starts = sorted.compactMap { $0["start_time"]?.stringValue.flatMap { Timestamp.millis($0) } }
        let ends = sorted.compactMap { $0["end_time"]?.stringValue.flatMap { Timestamp.millis($0) } }
        schedule["scheduled_start"] = .string(orNull: starts.min().map(Timestamp.seconds))
        schedule["scheduled_end"] = .string(orNull: ends.max().map(Timestamp.seconds))
        schedule["arrival_window"] = sorted.first?["arrival_window_minutes"] ?? .int(0)
        job["schedule"] = schedule
        var ids: [String] = assigned ?? []
        if assigned == nil {
            for a in sorted {
                for id in a["dispatched_employees_ids"]?.arrayValue ?? [] {
                    if let id = id.stringValue, !ids.contains(id) { ids.append(id) }
                }
            }
        }
        job["assigned_employees"] = .array(try employeeObjects(ids))
        let status = job["work_status"]?.stringValue
        if sorted.isEmpty, status == "scheduled" {
            job["work_status"] = "needs scheduling"
        } else if !sorted.isEmpty, status == "needs scheduling" {
            job["work_status"] = "scheduled"
        }
    }

    private func appointmentBody(_ body: JSONValue, id: String) throws -> JSONValue {
        guard let start = try hcpTime(body, "start_time", required: true),
              let end = try hcpTime(body, "end_time", required: true)
        else { throw VendorError(.housecallPro, 422, "start_time and end_time are required") }
        guard end > start else { throw VendorError(.housecallPro, 422, "end_time must be after start_time") }
        guard let list = body["dispatched_employees_ids"]?.arrayValue else {
            throw VendorError(.housecallPro, 422, "dispatched_employees_ids is required")
        }
        let employees = list.compactMap(\.stringValue)
        _ = try employeeObjects(employees)
        return HCPShapes.appointment(
            id: id, startDate: localDate(start), start: Timestamp.seconds(start), end: Timestamp.seconds(end),
            arrivalWindowMinutes: Int(body["arrival_window_minutes"]?.intValue ?? 0), employees: employees)
    }

    /// `POST /jobs/{id}/appointments`.
    func hcpAddAppointment(jobID: String, body: JSONValue) throws -> [UInt8] {
        let job = try liveJob(jobID)
        let appointment = try appointmentBody(body, id: newKey(prefix: "appt"))
        try rewrite(.housecallPro(.jobs), key: job.key) { j in
            let current = j["schedule"]?["appointments"]?.arrayValue ?? []
            try self.setAppointments(&j, current + [appointment])
        }
        return JSONWriter.bytes(appointment)
    }

    /// `PUT /jobs/{id}/appointments/{appointment_id}`.
    func hcpUpdateAppointment(jobID: String, appointmentID: String, body: JSONValue) throws -> [UInt8] {
        let job = try liveJob(jobID)
        var current = job.json(.housecallPro(.jobs))["schedule"]?["appointments"]?.arrayValue ?? []
        guard let i = current.firstIndex(where: { $0["id"]?.stringValue == appointmentID }) else {
            throw VendorError.notFound(.housecallPro, "Appointment")
        }
        let appointment = try appointmentBody(body, id: appointmentID)
        current[i] = appointment
        try rewrite(.housecallPro(.jobs), key: job.key) { try self.setAppointments(&$0, current) }
        return JSONWriter.bytes(appointment)
    }

    /// `DELETE /jobs/{id}/appointments/{appointment_id}`.
    func hcpDeleteAppointment(jobID: String, appointmentID: String) throws {
        let job = try liveJob(jobID)
        let current = job.json(.housecallPro(.jobs))["schedule"]?["appointments"]?.arrayValue ?? []
        guard current.contains(where: { $0["id"]?.stringValue == appointmentID }) else {
            throw VendorError.notFound(.housecallPro, "Appointment")
        }
        try rewrite(.housecallPro(.jobs), key: job.key) {
            try self.setAppointments(&$0, current.filter { $0["id"]?.stringValue != appointmentID })
        }
    }

    private func dispatchedEmployees(_ body: JSONValue, field: String) throws -> [String] {
        guard let list = body[field]?.arrayValue else { throw VendorError(.housecallPro, 422, "\(field) is required") }
        return try list.map { item in
            guard let id = item["employee_id"]?.stringValue else {
                throw VendorError(.housecallPro, 422, "\(field) items need an employee_id")
            }
            return id
        }
    }

    /// `PUT /jobs/{id}/dispatch`: who is on the job (and on its only appointment).
    func hcpDispatch(jobID: String, body: JSONValue) throws -> [UInt8] {
        let job = try liveJob(jobID)
        let ids = try dispatchedEmployees(body, field: "dispatched_employees")
        let employees = try employeeObjects(ids)
        try rewrite(.housecallPro(.jobs), key: job.key) { j in
            var appointments = j["schedule"]?["appointments"]?.arrayValue ?? []
            if appointments.count == 1 {
                appointments[0]["dispatched_employees_ids"] = .array(ids.map { .string($0) })
            }
            try self.setAppointments(&j, appointments, assigned: ids)
        }
        return JSONWriter.bytes(["assigned_employees": .array(employees)])
    }

    /// `PUT /jobs/{id}/schedule`: one visit replaces the schedule (422 on multi-visit jobs).
    func hcpSchedule(jobID: String, body: JSONValue) throws -> [UInt8] {
        let job = try liveJob(jobID)
        let current = job.json(.housecallPro(.jobs))["schedule"]?["appointments"]?.arrayValue ?? []
        guard current.count <= 1 else {
            throw VendorError(.housecallPro, 422, "this job has more than one appointment; use the job appointments endpoints")
        }
        guard let start = try hcpTime(body, "start_time", required: true) else { throw VendorError(.housecallPro, 422, "start_time is required") }
        let end = try hcpTime(body, "end_time", required: false) ?? start + 3_600_000
        guard end > start else { throw VendorError(.housecallPro, 422, "end_time must be after start_time") }
        var ids = current.first?["dispatched_employees_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if body["dispatched_employees"] != nil { ids = try dispatchedEmployees(body, field: "dispatched_employees") }
        let window = Int(body["arrival_window_in_minutes"]?.intValue ?? 0)
        let appointment = HCPShapes.appointment(
            id: current.first?["id"]?.stringValue ?? newKey(prefix: "appt"), startDate: localDate(start),
            start: Timestamp.seconds(start), end: Timestamp.seconds(end), arrivalWindowMinutes: window, employees: ids)
        try rewrite(.housecallPro(.jobs), key: job.key) { try self.setAppointments(&$0, [appointment]) }
        return JSONWriter.bytes([
            "start_time": .string(Timestamp.seconds(start)), "end_time": .string(Timestamp.seconds(end)),
            "arrival_window_minutes": .int(Int64(window)), "assigned_employees": .array(try employeeObjects(ids)),
            "appointments": [appointment],
        ])
    }

    /// `DELETE /jobs/{id}/schedule`: the job goes back to needing scheduling.
    func hcpUnschedule(jobID: String) throws -> [UInt8] {
        let job = try liveJob(jobID)
        try rewrite(.housecallPro(.jobs), key: job.key) { try self.setAppointments(&$0, []) }
        return JSONWriter.bytes(["object": "schedule", "deleted": true])
    }

    /// `POST /jobs`.
    func hcpCreateJob(_ body: JSONValue) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.housecallPro, 400, "the request body must be a JSON object") }
        guard let customerID = body["customer_id"]?.stringValue else { throw VendorError(.housecallPro, 422, "customer_id is required") }
        guard let addressID = body["address_id"]?.stringValue else { throw VendorError(.housecallPro, 422, "address_id is required") }
        guard let customer = stored(.housecallPro(.customers), customerID), !customer.deleted else {
            throw VendorError(.housecallPro, 404, "customer not found")
        }
        let customerJSON = customer.json(.housecallPro(.customers))
        guard let address = customerJSON["addresses"]?.arrayValue?.first(where: { $0["id"]?.stringValue == addressID }) else {
            throw VendorError(.housecallPro, 404, "address not found")
        }
        var jobType: JSONValue?
        if let typeID = body["job_fields"]?["job_type_id"]?.stringValue {
            guard let t = stored(.housecallPro(.jobTypes), typeID) else { throw VendorError(.housecallPro, 404, "job type not found") }
            jobType = t.json(.housecallPro(.jobTypes))
        }
        let assigned = body["assigned_employee_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var appointments: [JSONValue] = []
        if let schedule = body["schedule"], !schedule.isNull {
            if let start = try hcpTime(schedule, "scheduled_start", required: false) {
                let end = try hcpTime(schedule, "scheduled_end", required: false) ?? start + 3_600_000
                guard end > start else { throw VendorError(.housecallPro, 422, "scheduled_end must be after scheduled_start") }
                appointments.append(
                    HCPShapes.appointment(
                        id: newKey(prefix: "appt"), startDate: localDate(start), start: Timestamp.seconds(start),
                        end: Timestamp.seconds(end), arrivalWindowMinutes: Int(schedule["arrival_window"]?.intValue ?? 0),
                        employees: assigned))
            }
        }
        let invoice = lastInvoiceNumber ?? table(.housecallPro(.jobs)).records.compactMap { r -> Int? in
            (try? JSONParser.parse(r.body))?["invoice_number"]?.stringValue.flatMap { Int($0) }
        }.max() ?? 1000
        lastInvoiceNumber = invoice + 1
        let id = newKey(prefix: "job")
        let stamp = Timestamp.seconds(nextStamp(.housecallPro))
        var job = HCPShapes.job(
            id: id, invoiceNumber: String(invoice + 1), description: body["notes"]?.stringValue ?? "",
            customer: HCPShapes.jobCustomer(from: customerJSON), address: address,
            workStatus: appointments.isEmpty ? "needs scheduling" : "scheduled", scheduledStart: nil, scheduledEnd: nil,
            arrivalWindow: 0, appointments: [], assignedEmployees: [], jobType: jobType, createdAt: stamp, updatedAt: stamp,
            tags: body["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [], leadSource: body["lead_source"]?.stringValue)
        try setAppointments(&job, appointments, assigned: assigned)
        let record = insert(.housecallPro(.jobs), job)
        return record.body
    }
}
