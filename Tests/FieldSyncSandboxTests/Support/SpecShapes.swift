/// Key sets read from the vendors' OpenAPI specs (ServiceTitan 2026 v2 specs, Housecall Pro
/// `housecall_v1.yaml`), written out here because tests read nothing outside the checkout.
enum SpecShapes {
    // MARK: ServiceTitan envelopes and errors

    static let stPageRequired: Set<String> = ["page", "pageSize", "hasMore", "data"]
    static let stExportRequired: Set<String> = ["hasMore", "continueFrom", "data"]
    static let problemRequired: Set<String> = ["type", "title", "status", "traceId", "errors", "data"]

    // MARK: ServiceTitan records (`required` of each response schema)

    static let technicianRequired: Set<String> = [
        "id", "userId", "name", "createdOn", "modifiedOn", "dailyGoal", "isManagedTech", "active", "burdenRate",
        "commissionRate", "hourlyRate", "soldByRate", "status",
    ]
    /// Every property of `Settings.V2.TechnicianResponse`.
    static let technicianProperties: Set<String> = technicianRequired.union([
        "roleIds", "businessUnitId", "mainZoneId", "zoneIds", "email", "phoneNumber", "loginName", "home", "licenseType",
        "customFields", "aadUserId", "team", "jobFilter", "permissions", "accountLocked", "currentValue", "firstName",
        "lastName", "jobId", "mobilePhone", "outboundCallerId", "payrollId", "payrollProfileId", "appoitmentId",
        "shiftStart", "shiftEnd", "startDate", "skills", "positions", "location", "bio", "memo",
    ])
    static let jobRequired: Set<String> = [
        "id", "jobNumber", "customerId", "locationId", "jobStatus", "businessUnitId", "jobTypeId", "priority",
        "campaignId", "appointmentCount", "firstAppointmentId", "lastAppointmentId", "noCharge",
        "notificationsEnabled", "createdOn", "createdById", "modifiedOn", "tagTypeIds", "customerPo", "invoiceId",
        "estimateIds", "customFields", "externalData",
    ]
    /// Every property of `Jpm.V2.JobResponse` (the list; the export adds `active`).
    static let jobProperties: Set<String> = jobRequired.union([
        "projectId", "completedOn", "recallForId", "warrantyId", "jobGeneratedLeadSource", "leadCallId",
        "partnerLeadCallId", "bookingId", "soldById", "membershipId", "total", "createdFromEstimateId", "summary",
    ])
    static let appointmentRequired: Set<String> = [
        "id", "jobId", "start", "end", "status", "createdOn", "modifiedOn", "customerId", "unused", "createdById",
        "isConfirmed", "active",
    ]
    static let appointmentProperties: Set<String> = appointmentRequired.union([
        "appointmentNumber", "arrivalWindowStart", "arrivalWindowEnd", "specialInstructions",
    ])
    static let dispatchAppointmentRequired: Set<String> = ["id", "jobId", "start", "end", "status", "createdOn", "modifiedOn"]
    static let assignmentRequired: Set<String> = [
        "id", "technicianId", "technicianName", "assignedById", "assignedOn", "status", "isPaused", "jobId",
        "appointmentId", "createdOn", "modifiedOn", "active",
    ]
    static let shiftRequired: Set<String> = [
        "id", "shiftType", "title", "active", "technicianId", "start", "end", "createdOn", "modifiedOn",
    ]
    static let nonJobAppointmentRequired: Set<String> = [
        "id", "technicianId", "start", "name", "duration", "timesheetCodeId", "summary", "clearDispatchBoard",
        "clearTechnicianView", "removeTechnicianFromCapacityPlanning", "allDay", "showOnTechnicianSchedule", "active",
        "createdOn", "modifiedOn", "createdById",
    ]
    static let zoneRequired: Set<String> = ["id", "active", "createdBy", "createdOn", "modifiedOn", "serviceDaysEnabled"]
    static let jobTypeRequired: Set<String> = [
        "id", "name", "businessUnitIds", "skills", "tagTypeIds", "priority", "duration", "class", "summary", "noCharge",
        "invoiceSignaturesRequired", "modifiedOn", "createdOn", "externalData", "active", "isSmartDispatched",
    ]
    static let businessUnitRequired: Set<String> = ["id", "active", "name", "createdOn", "modifiedOn"]
    static let customerRequired: Set<String> = [
        "id", "active", "name", "type", "address", "customFields", "balance", "taxExempt", "tagTypeIds", "doNotMail",
        "doNotService", "nationalAccount", "createdOn", "createdById", "modifiedOn", "externalData",
    ]
    static let locationRequired: Set<String> = [
        "id", "customerId", "active", "name", "address", "customFields", "createdOn", "createdById", "modifiedOn",
        "taxExempt", "tagTypeIds", "externalData",
    ]
    static let contactExportRequired: Set<String> = [
        "modifiedOn", "phoneSettings", "createdOn", "id", "type", "value", "customerId", "active",
    ]

    // MARK: Housecall Pro

    static let hcpPageRequired: Set<String> = ["page", "page_size", "total_pages", "total_items"]
    static let hcpJobProperties: Set<String> = [
        "id", "invoice_number", "description", "customer", "address", "notes", "work_status", "work_timestamps",
        "schedule", "total_amount", "outstanding_balance", "subtotal", "assigned_employees", "tags",
        "original_estimate_id", "original_estimate_uuids", "lead_source", "job_fields", "attachments", "locked_at",
        "created_at", "updated_at", "canceled_at", "deleted_at", "company_name", "company_id", "recurrence_number",
        "recurrence_rule",
    ]
    static let hcpAppointmentProperties: Set<String> = [
        "id", "start_date", "start_time", "end_time", "anytime", "arrival_window_minutes", "dispatched_employees_ids",
    ]
    static let hcpEmployeeProperties: Set<String> = [
        "id", "first_name", "last_name", "email", "mobile_number", "color_hex", "avatar_url", "role", "created_at", "tags",
        "permissions", "company_name", "company_id",
    ]
    static let hcpCustomerProperties: Set<String> = [
        "id", "first_name", "last_name", "email", "mobile_number", "home_number", "work_number", "company",
        "notifications_enabled", "lead_source", "notes", "created_at", "updated_at", "company_name", "company_id", "tags",
        "addresses",
    ]
}
