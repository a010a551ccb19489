/// ServiceTitan records in the exact key order and shape of the 2026 OpenAPI specs
/// (`Jpm.V2.ExportJobsResponse`, `Jpm.V2.AppointmentResponse`,
/// `Dispatch.V2.AppointmentAssignmentResponse`), shared by the generator and the write endpoints.
enum STShapes {
    /// The sandbox's own user, who "creates" records written through the API.
    static let apiUserID: Int64 = 1

    static func job(
        id: Int64, customerID: Int64, locationID: Int64, businessUnitID: Int64, jobTypeID: Int64, priority: String,
        campaignID: Int64, status: String, summary: String?, appointmentIDs: [Int64], createdOn: String,
        modifiedOn: String, createdByID: Int64, completedOn: String? = nil, total: Double = 0
    ) -> JSONValue {
        [
            "id": .int(id), "jobNumber": .string(String(id)), "projectId": nil, "customerId": .int(customerID),
            "locationId": .int(locationID), "jobStatus": .string(status), "completedOn": .string(orNull: completedOn),
            "businessUnitId": .int(businessUnitID), "jobTypeId": .int(jobTypeID), "priority": .string(priority),
            "campaignId": .int(campaignID), "appointmentCount": .int(Int64(appointmentIDs.count)),
            "firstAppointmentId": .int(appointmentIDs.first ?? 0), "lastAppointmentId": .int(appointmentIDs.last ?? 0),
            "recallForId": nil, "warrantyId": nil, "jobGeneratedLeadSource": ["jobId": nil, "employeeId": nil],
            "noCharge": false, "notificationsEnabled": true, "createdOn": .string(createdOn),
            "createdById": .int(createdByID), "modifiedOn": .string(modifiedOn), "tagTypeIds": [], "leadCallId": nil,
            "partnerLeadCallId": nil, "bookingId": nil, "soldById": nil, "customerPo": "",
            "invoiceId": .int(id + 1_000_000), "membershipId": nil, "total": .double(total),
            "createdFromEstimateId": nil, "estimateIds": [], "summary": .string(orNull: summary), "customFields": [],
            "externalData": [],
        ]
    }

    static func appointment(
        id: Int64, jobID: Int64, number: String, start: String, end: String, arrivalStart: String?,
        arrivalEnd: String?, status: String, instructions: String?, createdOn: String, modifiedOn: String,
        customerID: Int64, createdByID: Int64, confirmed: Bool = false
    ) -> JSONValue {
        [
            "id": .int(id), "jobId": .int(jobID), "appointmentNumber": .string(number), "start": .string(start),
            "end": .string(end), "arrivalWindowStart": .string(orNull: arrivalStart),
            "arrivalWindowEnd": .string(orNull: arrivalEnd), "status": .string(status),
            "specialInstructions": .string(orNull: instructions), "createdOn": .string(createdOn),
            "modifiedOn": .string(modifiedOn), "customerId": .int(customerID), "unused": false,
            "createdById": .int(createdByID), "isConfirmed": .bool(confirmed), "active": true,
        ]
    }

    static func assignment(
        id: Int64, technicianID: Int64, technicianName: String, assignedByID: Int64, assignedOn: String,
        status: String, jobID: Int64, appointmentID: Int64, createdOn: String, modifiedOn: String
    ) -> JSONValue {
        [
            "id": .int(id), "technicianId": .int(technicianID), "technicianName": .string(technicianName),
            "assignedById": .int(assignedByID), "assignedOn": .string(assignedOn), "status": .string(status),
            "isPaused": false, "jobId": .int(jobID), "appointmentId": .int(appointmentID),
            "createdOn": .string(createdOn), "modifiedOn": .string(modifiedOn), "active": true,
        ]
    }

    /// The `Dispatch.V2.AppointmentResponse` the assign/unassign endpoints return.
    static func dispatchAppointment(_ appointment: JSONValue) -> JSONValue {
        var out = JSONObject()
        for key in [
            "id", "jobId", "appointmentNumber", "start", "end", "arrivalWindowStart", "arrivalWindowEnd", "status",
            "specialInstructions", "createdOn", "modifiedOn",
        ] {
            out[key] = appointment[key] ?? .null
        }
        return .object(out)
    }

    /// The assignment status that follows an appointment status.
    static func assignmentStatus(forAppointment status: String) -> String {
        switch status {
        case "Dispatched": "Dispatched"
        case "Working": "Working"
        case "Done": "Done"
        default: "Scheduled"
        }
    }
}
