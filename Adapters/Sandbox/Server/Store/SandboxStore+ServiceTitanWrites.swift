/// The ServiceTitan write endpoints the booking engine uses, in the spec's request and response
/// shapes: create a job with appointments and external data, add, reschedule, hold and delete
/// appointments, assign and unassign technicians, cancel a job.
extension SandboxStore {
    private static let validPriorities = ["Low", "Normal", "High", "Urgent"]

    private func required(_ body: JSONValue, _ fields: [String]) throws {
        let missing = fields.filter { body[$0] == nil || body[$0]?.isNull == true }
        guard missing.isEmpty else {
            throw VendorError(
                .serviceTitan, 422, "One or more validation errors occurred.",
                fieldErrors: missing.map { ($0, ["The \($0) field is required."]) })
        }
    }

    private func integer(_ body: JSONValue, _ field: String) throws -> Int64 {
        guard let v = body[field]?.intValue else {
            throw VendorError.badValue(.serviceTitan, field: field, value: JSONWriter.string(body[field] ?? .null), expected: "an integer id")
        }
        return v
    }

    private func instant(_ value: JSONValue?, _ field: String) throws -> Int64? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue, let ms = Timestamp.millis(text) else {
            throw VendorError.badValue(.serviceTitan, field: field, value: JSONWriter.string(value), expected: "an RFC 3339 date-time")
        }
        return ms
    }

    private func requireActive(_ resource: ServiceTitanResource, _ id: Int64, field: String) throws -> StoredRecord {
        guard let r = stored(.serviceTitan(resource), String(id)), !r.deleted, r.active else {
            throw VendorError(
                .serviceTitan, 400, "One or more validation errors occurred.",
                fieldErrors: [(field, ["\(Self.singular(resource)) \(id) does not exist or is inactive."])])
        }
        return r
    }

    private func technicianIDs(_ value: JSONValue?, field: String) throws -> [Int64] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue else {
            throw VendorError.badValue(.serviceTitan, field: field, value: JSONWriter.string(value), expected: "an array of technician ids")
        }
        var ids: [Int64] = []
        for item in list {
            guard let id = item.intValue else {
                throw VendorError.badValue(.serviceTitan, field: field, value: JSONWriter.string(item), expected: "a technician id")
            }
            _ = try requireActive(.technicians, id, field: field)
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    private struct Window {
        var start: Int64
        var end: Int64
        var arrivalStart: Int64?
        var arrivalEnd: Int64?
    }

    private func window(_ body: JSONValue, prefix: String) throws -> Window {
        guard let start = try instant(body["start"], prefix + "start"), let end = try instant(body["end"], prefix + "end")
        else { throw VendorError(.serviceTitan, 422, "One or more validation errors occurred.", fieldErrors: [(prefix + "start", ["start and end are required."])]) }
        guard end > start else {
            throw VendorError(.serviceTitan, 400, "One or more validation errors occurred.",
                              fieldErrors: [(prefix + "end", ["The appointment must end after it starts."])])
        }
        let arrivalStart = try instant(body["arrivalWindowStart"], prefix + "arrivalWindowStart")
        let arrivalEnd = try instant(body["arrivalWindowEnd"], prefix + "arrivalWindowEnd")
        if let a = arrivalStart, let b = arrivalEnd, b < a {
            throw VendorError(.serviceTitan, 400, "One or more validation errors occurred.",
                              fieldErrors: [(prefix + "arrivalWindowEnd", ["The arrival window must end after it starts."])])
        }
        return Window(start: start, end: end, arrivalStart: arrivalStart, arrivalEnd: arrivalEnd)
    }

    private func iso(_ ms: Int64?) -> String? { ms.map(Timestamp.seconds) }

    // MARK: Jobs

    /// `POST jpm/v2/tenant/{t}/jobs`.
    func stCreateJob(_ body: JSONValue) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.serviceTitan, 400, "The request body must be a JSON object.") }
        try required(body, ["customerId", "locationId", "businessUnitId", "jobTypeId", "priority", "campaignId", "appointments"])
        let customerID = try integer(body, "customerId")
        let locationID = try integer(body, "locationId")
        let businessUnitID = try integer(body, "businessUnitId")
        let jobTypeID = try integer(body, "jobTypeId")
        let campaignID = try integer(body, "campaignId")
        _ = try requireActive(.customers, customerID, field: "customerId")
        let location = try requireActive(.locations, locationID, field: "locationId")
        guard location.fields.customerID == customerID else {
            throw VendorError(.serviceTitan, 400, "One or more validation errors occurred.",
                              fieldErrors: [("locationId", ["Location \(locationID) does not belong to customer \(customerID)."])])
        }
        _ = try requireActive(.businessUnits, businessUnitID, field: "businessUnitId")
        _ = try requireActive(.jobTypes, jobTypeID, field: "jobTypeId")
        guard let priority = body["priority"]?.stringValue, Self.validPriorities.contains(priority) else {
            throw VendorError.badValue(.serviceTitan, field: "priority", value: JSONWriter.string(body["priority"] ?? .null), expected: "Low, Normal, High or Urgent")
        }
        guard let appointments = body["appointments"]?.arrayValue, !appointments.isEmpty else {
            throw VendorError(.serviceTitan, 422, "One or more validation errors occurred.",
                              fieldErrors: [("appointments", ["A job needs at least one appointment."])])
        }
        var planned: [(Window, [Int64])] = []
        for (i, a) in appointments.enumerated() {
            planned.append((try window(a, prefix: "appointments[\(i)]."), try technicianIDs(a["technicianIds"], field: "appointments[\(i)].technicianIds")))
        }
        let external = try stExternalData(body)
        if let summary = body["summary"], !summary.isNull, summary.stringValue == nil {
            throw VendorError.badValue(.serviceTitan, field: "summary", value: JSONWriter.string(summary), expected: "a string")
        }

        let jobID = newID(.jobs)
        var appointmentIDs: [Int64] = []
        for _ in planned { appointmentIDs.append(newID(.appointments)) }
        let stamp = formatStamp(.serviceTitan, nextStamp(.serviceTitan))
        var job = STShapes.job(
            id: jobID, customerID: customerID, locationID: locationID, businessUnitID: businessUnitID,
            jobTypeID: jobTypeID, priority: priority, campaignID: campaignID, status: "Scheduled",
            summary: body["summary"]?.stringValue, appointmentIDs: appointmentIDs, createdOn: stamp, modifiedOn: stamp,
            createdByID: STShapes.apiUserID)
        var jobRecord = insert(.serviceTitan(.jobs), job)
        if let (guid, items) = external {
            jobRecord.externalData[guid] = items
            tables[.serviceTitan(.jobs)]?.replace(jobRecord)
            job["externalData"] = items
        }
        for (i, (window, techs)) in planned.enumerated() {
            try createAppointment(
                id: appointmentIDs[i], jobID: jobID, number: "\(jobID)-\(i + 1)", window: window, technicians: techs,
                instructions: nil, customerID: customerID)
        }
        job = stored(.serviceTitan(.jobs), String(jobID)).map { $0.json(.serviceTitan(.jobs)) } ?? job
        job["active"] = nil
        if let (_, items) = external { job["externalData"] = items }
        return JSONWriter.bytes(job)
    }

    private func createAppointment(
        id: Int64, jobID: Int64, number: String, window: Window, technicians: [Int64], instructions: String?,
        customerID: Int64
    ) throws {
        let stamp = formatStamp(.serviceTitan, nextStamp(.serviceTitan))
        let appointment = STShapes.appointment(
            id: id, jobID: jobID, number: number, start: Timestamp.seconds(window.start), end: Timestamp.seconds(window.end),
            arrivalStart: iso(window.arrivalStart), arrivalEnd: iso(window.arrivalEnd), status: "Scheduled",
            instructions: instructions, createdOn: stamp, modifiedOn: stamp, customerID: customerID,
            createdByID: STShapes.apiUserID)
        insert(.serviceTitan(.appointments), appointment)
        for tech in technicians { addAssignment(technician: tech, appointmentID: id, jobID: jobID, status: "Scheduled") }
    }

    private func addAssignment(technician: Int64, appointmentID: Int64, jobID: Int64, status: String) {
        let name = stored(.serviceTitan(.technicians), String(technician))?.fields.name ?? ""
        let stamp = formatStamp(.serviceTitan, nextStamp(.serviceTitan))
        insert(
            .serviceTitan(.appointmentAssignments),
            STShapes.assignment(
                id: newID(.appointmentAssignments), technicianID: technician, technicianName: name,
                assignedByID: STShapes.apiUserID, assignedOn: stamp, status: status, jobID: jobID,
                appointmentID: appointmentID, createdOn: stamp, modifiedOn: stamp))
    }

    /// Recounts a job's appointments after one was added or removed, bumping the job.
    private func refreshJobAppointments(_ jobID: Int64) throws {
        let appointments = table(.serviceTitan(.appointments)).records
            .filter { $0.fields.jobID == jobID && !$0.deleted }
            .sorted { ($0.fields.start ?? 0, $0.sortID) < ($1.fields.start ?? 0, $1.sortID) }
        try rewrite(.serviceTitan(.jobs), key: String(jobID)) { job in
            job["appointmentCount"] = .int(Int64(appointments.count))
            job["firstAppointmentId"] = .int(appointments.first?.sortID ?? 0)
            job["lastAppointmentId"] = .int(appointments.last?.sortID ?? 0)
        }
    }

    /// `PUT jpm/v2/tenant/{t}/jobs/{id}/cancel` with `{reasonId, memo}`.
    func stCancelJob(id: String, body: JSONValue) throws {
        try required(body, ["reasonId", "memo"])
        guard let job = stored(.serviceTitan(.jobs), id), !job.deleted else { throw VendorError.notFound(.serviceTitan, "Job \(id)") }
        guard job.fields.status != "Completed" else {
            throw VendorError(.serviceTitan, 409, "Job \(id) is completed and cannot be canceled.")
        }
        for appointment in table(.serviceTitan(.appointments)).records
        where appointment.fields.jobID == job.sortID && !appointment.deleted && appointment.fields.status != "Done" {
            try rewrite(.serviceTitan(.appointments), key: appointment.key) { $0["status"] = "Canceled" }
        }
        try rewrite(.serviceTitan(.jobs), key: id) { $0["jobStatus"] = "Canceled" }
    }

    // MARK: Appointments

    private func liveAppointment(_ id: String) throws -> StoredRecord {
        guard let r = stored(.serviceTitan(.appointments), id), !r.deleted else {
            throw VendorError.notFound(.serviceTitan, "Appointment \(id)")
        }
        return r
    }

    private func requireChangeable(_ r: StoredRecord) throws {
        if r.fields.status == "Done" || r.fields.status == "Canceled" {
            throw VendorError(.serviceTitan, 409, "Appointment \(r.key) is \(r.fields.status ?? "closed") and cannot be changed.")
        }
    }

    /// `POST jpm/v2/tenant/{t}/appointments`.
    func stCreateAppointment(_ body: JSONValue) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.serviceTitan, 400, "The request body must be a JSON object.") }
        try required(body, ["jobId", "start", "end"])
        let jobID = try integer(body, "jobId")
        guard let job = stored(.serviceTitan(.jobs), String(jobID)), !job.deleted else {
            throw VendorError(.serviceTitan, 400, "One or more validation errors occurred.",
                              fieldErrors: [("jobId", ["Job \(jobID) does not exist."])])
        }
        if job.fields.status == "Canceled" || job.fields.status == "Completed" {
            throw VendorError(.serviceTitan, 409, "Job \(jobID) is \(job.fields.status ?? "closed"); appointments cannot be added.")
        }
        let w = try window(body, prefix: "")
        let techs = try technicianIDs(body["technicianIds"], field: "technicianIds")
        let count = table(.serviceTitan(.appointments)).records.filter { $0.fields.jobID == jobID }.count
        let id = newID(.appointments)
        try createAppointment(
            id: id, jobID: jobID, number: "\(job.fields.number ?? String(jobID))-\(count + 1)", window: w,
            technicians: techs, instructions: body["specialInstructions"]?.stringValue,
            customerID: job.fields.customerID ?? 0)
        try refreshJobAppointments(jobID)
        return try liveAppointment(String(id)).body
    }

    /// `PATCH jpm/v2/tenant/{t}/appointments/{id}/reschedule`.
    func stReschedule(id: String, body: JSONValue) throws -> [UInt8] {
        let current = try liveAppointment(id)
        try requireChangeable(current)
        var merged = body
        if merged["start"] == nil { merged["start"] = .string(Timestamp.seconds(current.fields.start ?? 0)) }
        if merged["end"] == nil { merged["end"] = .string(Timestamp.seconds(current.fields.end ?? 0)) }
        let w = try window(merged, prefix: "")
        let record = try rewrite(.serviceTitan(.appointments), key: id) { a in
            a["start"] = .string(Timestamp.seconds(w.start))
            a["end"] = .string(Timestamp.seconds(w.end))
            if body["arrivalWindowStart"] != nil { a["arrivalWindowStart"] = .string(orNull: self.iso(w.arrivalStart)) }
            if body["arrivalWindowEnd"] != nil { a["arrivalWindowEnd"] = .string(orNull: self.iso(w.arrivalEnd)) }
        }
        if let job = record.fields.jobID { try refreshJobAppointments(job) }
        return record.body
    }

    /// `PUT …/appointments/{id}/hold` with `{reasonId, memo}`.
    func stHold(id: String, body: JSONValue) throws {
        try required(body, ["reasonId", "memo"])
        let current = try liveAppointment(id)
        try requireChangeable(current)
        try rewrite(.serviceTitan(.appointments), key: id) { $0["status"] = "Hold" }
    }

    /// `DELETE …/appointments/{id}/hold`.
    func stRemoveHold(id: String) throws {
        let current = try liveAppointment(id)
        guard current.fields.status == "Hold" else {
            throw VendorError(.serviceTitan, 409, "Appointment \(id) is not on hold.")
        }
        try rewrite(.serviceTitan(.appointments), key: id) { $0["status"] = "Scheduled" }
    }

    /// `DELETE …/appointments/{id}`: the appointment and its assignments are deleted (exports
    /// show them inactive). A job's only appointment cannot be deleted.
    func stDeleteAppointment(id: String) throws {
        let current = try liveAppointment(id)
        guard let jobID = current.fields.jobID else { throw VendorError.notFound(.serviceTitan, "Appointment \(id)") }
        let siblings = table(.serviceTitan(.appointments)).records.filter { $0.fields.jobID == jobID && !$0.deleted }
        guard siblings.count > 1 else {
            throw VendorError(.serviceTitan, 409, "Appointment \(id) is the only appointment of job \(jobID) and cannot be deleted; cancel the job instead.")
        }
        for assignment in table(.serviceTitan(.appointmentAssignments)).records
        where assignment.fields.appointmentID == current.sortID && !assignment.deleted {
            try rewrite(.serviceTitan(.appointmentAssignments), key: assignment.key, active: false, deleted: true)
        }
        try rewrite(.serviceTitan(.appointments), key: id, active: false, deleted: true)
        try refreshJobAppointments(jobID)
    }

    // MARK: Assignments

    /// `POST dispatch/v2/tenant/{t}/appointment-assignments/assign-technicians` (or unassign).
    func stAssign(_ body: JSONValue, assign: Bool) throws -> [UInt8] {
        guard case .object = body else { throw VendorError(.serviceTitan, 400, "The request body must be a JSON object.") }
        try required(body, ["jobAppointmentId", "technicianIds"])
        let appointmentID = try integer(body, "jobAppointmentId")
        guard let appointment = stored(.serviceTitan(.appointments), String(appointmentID)), !appointment.deleted else {
            throw VendorError(.serviceTitan, 400, "One or more validation errors occurred.",
                              fieldErrors: [("jobAppointmentId", ["Appointment \(appointmentID) does not exist."])])
        }
        try requireChangeable(appointment)
        let techs = try technicianIDs(body["technicianIds"], field: "technicianIds")
        let current = table(.serviceTitan(.appointmentAssignments)).records.filter {
            $0.fields.appointmentID == appointmentID && $0.active && !$0.deleted
        }
        if assign {
            for tech in techs where !current.contains(where: { $0.fields.technicianID == tech }) {
                addAssignment(
                    technician: tech, appointmentID: appointmentID, jobID: appointment.fields.jobID ?? 0,
                    status: STShapes.assignmentStatus(forAppointment: appointment.fields.status ?? "Scheduled"))
            }
        } else {
            for assignment in current where techs.contains(assignment.fields.technicianID ?? -1) {
                try rewrite(.serviceTitan(.appointmentAssignments), key: assignment.key, active: false)
            }
        }
        let updated = try rewrite(.serviceTitan(.appointments), key: appointment.key)
        return JSONWriter.bytes(STShapes.dispatchAppointment(updated.json(.serviceTitan(.appointments))))
    }
}
