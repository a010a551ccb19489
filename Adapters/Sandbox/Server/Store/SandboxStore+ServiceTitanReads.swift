/// ServiceTitan list, lookup and export answers, as response bodies.
extension SandboxStore {
    // MARK: Lists

    /// `GET …/<resource>`: one page in the `{page, pageSize, hasMore, totalCount, data}` shape.
    func stList(_ resource: ServiceTitanResource, _ q: QueryParameters) throws -> (body: [UInt8], served: [String]) {
        let request = try STListRequest(q, resource: resource)
        if resource == .customerContacts, request.modifiedOnOrAfter == nil, request.modifiedBefore == nil {
            throw VendorError(
                .serviceTitan, 400, "One or more validation errors occurred.",
                fieldErrors: [("modifiedOnOrAfter", ["Either modifiedBefore or modifiedOnOrAfter parameter must be specified."])])
        }
        let filter = try stFilter(resource, q)
        let records = table(.serviceTitan(resource)).records
        let matching = records.indices.filter { request.admits(records[$0]) && filter(records[$0]) }
        let ordered = request.order(matching, of: records)
        let start = min((request.page - 1) * request.pageSize, ordered.count)
        let end = min(start + request.pageSize, ordered.count)
        let page = ordered[start..<end].map { records[$0] }
        let guid = q.first("externalDataApplicationGuid")?.lowercased()
        var out = Array(#"{"page":"#.utf8) + Array(String(request.page).utf8)
        out += Array(#","pageSize":"#.utf8) + Array(String(request.pageSize).utf8)
        out += Array(#","hasMore":"#.utf8) + Array((end < ordered.count ? "true" : "false").utf8)
        out += Array(#","totalCount":"#.utf8) + Array((request.includeTotal ? String(ordered.count) : "null").utf8)
        out += Array(#","data":["#.utf8)
        for (i, record) in page.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out += stBody(resource, record, guid: guid)
        }
        out += Array("]}".utf8)
        return (out, page.map(\.key))
    }

    /// `GET …/<resource>/{id}`: one record (404 when missing or deleted).
    func stGet(_ resource: ServiceTitanResource, id: String, _ q: QueryParameters) throws -> [UInt8] {
        guard let record = stored(.serviceTitan(resource), id), !record.deleted else {
            throw VendorError.notFound(.serviceTitan, Self.singular(resource) + " \(id)")
        }
        return stBody(resource, record, guid: q.first("externalDataApplicationGuid")?.lowercased())
    }

    /// The body of a record, with external data for the asked application when there is one.
    func stBody(_ resource: ServiceTitanResource, _ record: StoredRecord, guid: String?) -> [UInt8] {
        guard let guid, resource == .jobs || resource == .customers || resource == .locations else { return record.body }
        var json = (try? JSONParser.parse(record.body)) ?? .null
        json["externalData"] = record.externalData[guid] ?? []
        return JSONWriter.bytes(json)
    }

    static func singular(_ resource: ServiceTitanResource) -> String {
        switch resource {
        case .technicians: "Technician"
        case .technicianShifts: "Technician shift"
        case .nonJobAppointments: "Non-job appointment"
        case .jobs: "Job"
        case .appointments: "Appointment"
        case .appointmentAssignments: "Appointment assignment"
        case .jobTypes: "Job type"
        case .businessUnits: "Business unit"
        case .zones: "Zone"
        case .customers: "Customer"
        case .locations: "Location"
        case .customerContacts: "Contact"
        }
    }

    /// The resource-specific filters of a list endpoint.
    func stFilter(_ resource: ServiceTitanResource, _ q: QueryParameters) throws -> (StoredRecord) -> Bool {
        var tests: [(StoredRecord) -> Bool] = []
        func contains(_ field: String, _ value: KeyPath<RecordFields, String?>) {
            if let text = q.first(field)?.lowercased() {
                tests.append { $0.fields[keyPath: value]?.lowercased().contains(text) ?? false }
            }
        }
        func equals(_ field: String, _ value: KeyPath<RecordFields, String?>) {
            if let text = q.first(field)?.lowercased() {
                tests.append { $0.fields[keyPath: value]?.lowercased() == text }
            }
        }
        func id(_ field: String, _ value: KeyPath<RecordFields, Int64?>) throws {
            if let v = try STListRequest.int(q, field) { tests.append { $0.fields[keyPath: value] == v } }
        }
        func time(_ field: String, _ value: KeyPath<RecordFields, Int64?>, _ test: @escaping (Int64, Int64) -> Bool) throws {
            if let t = try STListRequest.instant(q, field) {
                tests.append { r in r.fields[keyPath: value].map { test($0, t) } ?? false }
            }
        }
        switch resource {
        case .technicians, .businessUnits:
            contains("name", \.name)
        case .customers:
            contains("name", \.name)
            if let phone = q.first("phone") {
                let ids = stCustomers(withPhone: phone)
                tests.append { ids.contains($0.sortID) }
            }
            if let test = try externalDataFilter(q) { tests.append(test) }
        case .technicianShifts:
            try time("startsOnOrAfter", \.start, >=)
            try time("endsOnOrBefore", \.end, <=)
            try id("technicianId", \.technicianID)
            if let kind = q.first("shiftType") {
                guard ["normal", "oncall", "timeoff"].contains(kind.lowercased()) else {
                    throw VendorError.badValue(.serviceTitan, field: "shiftType", value: kind, expected: "Normal, OnCall or TimeOff")
                }
                equals("shiftType", \.kind)
            }
            contains("titleContains", \.name)
            contains("noteContains", \.note)
        case .nonJobAppointments:
            try id("technicianId", \.technicianID)
            try time("startsOnOrAfter", \.start, >=)
            try time("startsOnOrBefore", \.start, <=)
        case .jobs:
            try jobFilters(q, into: &tests)
        case .appointments:
            try id("jobId", \.jobID)
            try id("customerId", \.customerID)
            equals("number", \.number)
            equals("status", \.status)
            try time("startsOnOrAfter", \.start, >=)
            try time("startsBefore", \.start, <)
            if let tech = try STListRequest.int(q, "technicianId") {
                let appointments = Set(
                    table(.serviceTitan(.appointmentAssignments)).records
                        .filter { $0.active && !$0.deleted && $0.fields.technicianID == tech }
                        .compactMap(\.fields.appointmentID))
                tests.append { appointments.contains($0.sortID) }
            }
        case .appointmentAssignments:
            try id("jobId", \.jobID)
            if let text = q.first("appointmentIds") {
                let ids = Set(text.split(separator: ",").compactMap { Int64($0.trimmingSpaces) })
                tests.append { $0.fields.appointmentID.map(ids.contains) ?? false }
            }
        case .jobTypes:
            contains("name", \.name)
            equals("priority", \.priority)
        case .locations:
            try id("customerId", \.customerID)
            contains("name", \.name)
            if let test = try externalDataFilter(q) { tests.append(test) }
        case .customerContacts:
            if let text = q.first("customerIds") {
                let ids = Set(text.split(separator: ",").compactMap { Int64($0.trimmingSpaces) })
                tests.append { $0.fields.customerID.map(ids.contains) ?? false }
            }
        case .zones:
            break
        }
        return { record in tests.allSatisfy { $0(record) } }
    }

    private func jobFilters(_ q: QueryParameters, into tests: inout [(StoredRecord) -> Bool]) throws {
        for (field, path) in [
            ("customerId", \RecordFields.customerID), ("locationId", \.locationID), ("jobTypeId", \.jobTypeID),
            ("businessUnitId", \.businessUnitID), ("campaignId", \.campaignID),
        ] {
            if let v = try STListRequest.int(q, field) { tests.append { $0.fields[keyPath: path] == v } }
        }
        for (field, path) in [("number", \RecordFields.number), ("jobStatus", \.status), ("priority", \.priority)] {
            if let text = q.first(field)?.lowercased() { tests.append { $0.fields[keyPath: path]?.lowercased() == text } }
        }
        let appointments = table(.serviceTitan(.appointments)).records.filter { $0.active && !$0.deleted }
        if let tech = try STListRequest.int(q, "technicianId") {
            let jobs = Set(
                table(.serviceTitan(.appointmentAssignments)).records
                    .filter { $0.active && !$0.deleted && $0.fields.technicianID == tech }.compactMap(\.fields.jobID))
            tests.append { jobs.contains($0.sortID) }
        }
        if let status = q.first("appointmentStatus")?.lowercased() {
            let jobs = Set(appointments.filter { $0.fields.status?.lowercased() == status }.compactMap(\.fields.jobID))
            tests.append { jobs.contains($0.sortID) }
        }
        let anyFrom = try STListRequest.instant(q, "appointmentStartsOnOrAfter")
        let anyBefore = try STListRequest.instant(q, "appointmentStartsBefore")
        if anyFrom != nil || anyBefore != nil {
            let jobs = Set(
                appointments.filter { a in
                    guard let s = a.fields.start else { return false }
                    return s >= (anyFrom ?? .min) && s < (anyBefore ?? .max)
                }.compactMap(\.fields.jobID))
            tests.append { jobs.contains($0.sortID) }
        }
        let firstFrom = try STListRequest.instant(q, "firstAppointmentStartsOnOrAfter")
        let firstBefore = try STListRequest.instant(q, "firstAppointmentStartsBefore")
        if firstFrom != nil || firstBefore != nil {
            var first: [Int64: Int64] = [:]
            for a in appointments {
                guard let job = a.fields.jobID, let s = a.fields.start else { continue }
                first[job] = min(first[job] ?? .max, s)
            }
            tests.append { r in
                guard let s = first[r.sortID] else { return false }
                return s >= (firstFrom ?? .min) && s < (firstBefore ?? .max)
            }
        }
        if let test = try externalDataFilter(q) { tests.append(test) }
    }

    /// `externalDataApplicationGuid` + `externalDataKey` + `externalDataValues` (comma-separated):
    /// records carrying one of the values under the key, for that application (jobs, customers,
    /// locations).
    private func externalDataFilter(_ q: QueryParameters) throws -> ((StoredRecord) -> Bool)? {
        let key = q.first("externalDataKey")
        let values = q.first("externalDataValues")
        guard key != nil || values != nil else { return nil }
        guard let key, let values else {
            throw VendorError(
                .serviceTitan, 400, "One or more validation errors occurred.",
                fieldErrors: [(key == nil ? "externalDataKey" : "externalDataValues",
                               ["externalDataKey and externalDataValues must be given together."])])
        }
        guard let guid = q.first("externalDataApplicationGuid")?.lowercased() else {
            throw VendorError(
                .serviceTitan, 400, "One or more validation errors occurred.",
                fieldErrors: [("externalDataApplicationGuid", ["Required when filtering by external data."])])
        }
        let wanted = Set(values.split(separator: ",").map { String($0.trimmingSpaces) })
        return { r in
            (r.externalData[guid]?.arrayValue ?? []).contains { item in
                item["key"]?.stringValue == key && item["value"]?.stringValue.map(wanted.contains) == true
            }
        }
    }

    // MARK: Exports

    /// `GET …/export/<resource>`: the next batch of the change feed after `from`.
    func stExport(_ resource: ServiceTitanResource, _ q: QueryParameters) throws -> (body: [UInt8], served: [String]) {
        var position: Int64 = 0
        var floor: Int64?
        if let from = q.first("from") {
            if ExportToken.isDate(from) {
                guard let ms = Timestamp.millis(from) else {
                    throw VendorError.badValue(.serviceTitan, field: "from", value: from, expected: "a continuation token or a date such as 2026-01-01")
                }
                floor = ms
            } else {
                guard let token = ExportToken(decoding: from), token.resource == resource, token.epoch == exportEpoch,
                      token.sequence <= sequence
                else {
                    throw Self.rejectedToken(resource)
                }
                position = token.sequence
                floor = token.floor
            }
        }
        var activity: STListRequest.Activity = .any
        if let text = q.first("active") {
            switch text.lowercased() {
            case "true": activity = .active
            case "false": activity = .inactive
            case "any": activity = .any
            default: throw VendorError.badValue(.serviceTitan, field: "active", value: text, expected: "True, Any or False")
            }
        }
        let key = SandboxResource.serviceTitan(resource)
        var table = self.table(key)
        let order = table.seqOrder()
        tables[key] = table
        // First record after the position (binary search over the sequence order).
        var low = 0
        var high = order.count
        while low < high {
            let mid = (low + high) / 2
            if table.records[order[mid]].seq <= position { low = mid + 1 } else { high = mid }
        }
        var data: [UInt8] = []
        var served: [String] = []
        var last = position
        var i = low
        while i < order.count, served.count < exportBatchSize {
            let record = table.records[order[i]]
            i += 1
            last = record.seq
            if let floor, record.modified < floor { continue }
            let isActive = record.active && !record.deleted
            if activity == .active && !isActive || activity == .inactive && isActive { continue }
            if !served.isEmpty { data.append(UInt8(ascii: ",")) }
            data += record.exportBody(key)
            served.append(record.key)
        }
        // Skip over trailing records the floor or activity filter would drop anyway.
        while i < order.count {
            let record = table.records[order[i]]
            let isActive = record.active && !record.deleted
            let filtered = (floor.map { record.modified < $0 } ?? false)
                || (activity == .active && !isActive) || (activity == .inactive && isActive)
            guard filtered else { break }
            last = record.seq
            i += 1
        }
        let token = ExportToken(resource: resource, epoch: exportEpoch, sequence: last, floor: floor).encoded
        var out = Array(#"{"hasMore":"#.utf8) + Array((i < order.count ? "true" : "false").utf8)
        out += Array(#","continueFrom":"#.utf8)
        JSONWriter.writeString(token, into: &out)
        out += Array(#","data":["#.utf8) + data + Array("]}".utf8)
        return (out, served)
    }

    static func rejectedToken(_ resource: ServiceTitanResource) -> VendorError {
        VendorError(
            .serviceTitan, 400, "The continuation token is invalid or expired.",
            fieldErrors: [("from", ["The continuation token for export/\(resource.rawValue) is invalid or expired; start the export over without 'from'."])])
    }
}
