/// Housecall Pro records in the shapes of `housecall_v1.yaml` (Job, Appointment, Employee,
/// Customer), shared by the generator and the write endpoints.
enum HCPShapes {
    static let companyID = "c0a1f7e2-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
    static let companyName = "Front Range Plumbing & Air"

    static func appointment(
        id: String, startDate: String, start: String, end: String, arrivalWindowMinutes: Int, employees: [String],
        anytime: Bool = false
    ) -> JSONValue {
        [
            "id": .string(id), "start_date": .string(startDate), "start_time": .string(start), "end_time": .string(end),
            "anytime": .bool(anytime), "arrival_window_minutes": .int(Int64(arrivalWindowMinutes)),
            "dispatched_employees_ids": .array(employees.map { .string($0) }),
        ]
    }

    /// The customer as embedded in a job (notes as a list; no addresses).
    static func jobCustomer(from customer: JSONValue) -> JSONValue {
        var out = JSONObject()
        for key in [
            "id", "first_name", "last_name", "email", "mobile_number", "home_number", "work_number", "company",
            "notifications_enabled", "lead_source",
        ] {
            out[key] = customer[key] ?? .null
        }
        out["notes"] = []
        for key in ["created_at", "updated_at", "company_name", "company_id", "tags"] { out[key] = customer[key] ?? .null }
        return .object(out)
    }

    static func job(
        id: String, invoiceNumber: String, description: String, customer: JSONValue, address: JSONValue,
        workStatus: String, scheduledStart: String?, scheduledEnd: String?, arrivalWindow: Int,
        appointments: [JSONValue], assignedEmployees: [JSONValue], jobType: JSONValue?, createdAt: String,
        updatedAt: String, totalAmount: Int = 0, notes: [JSONValue] = [], tags: [String] = [],
        leadSource: String? = nil
    ) -> JSONValue {
        [
            "id": .string(id), "invoice_number": .string(invoiceNumber), "description": .string(description),
            "customer": customer, "address": address, "notes": .array(notes), "work_status": .string(workStatus),
            "work_timestamps": ["on_my_way_at": nil, "started_at": nil, "completed_at": nil],
            "schedule": [
                "scheduled_start": .string(orNull: scheduledStart), "scheduled_end": .string(orNull: scheduledEnd),
                "arrival_window": .int(Int64(arrivalWindow)), "appointments": .array(appointments),
            ],
            "total_amount": .int(Int64(totalAmount)), "outstanding_balance": .int(Int64(totalAmount)),
            "subtotal": .int(Int64(totalAmount)), "assigned_employees": .array(assignedEmployees),
            "tags": .array(tags.map { .string($0) }), "original_estimate_id": nil, "original_estimate_uuids": [],
            "lead_source": .string(orNull: leadSource),
            "job_fields": ["job_type": jobType ?? .null, "business_unit": nil], "attachments": [],
            "locked_at": nil, "created_at": .string(createdAt), "updated_at": .string(updatedAt), "canceled_at": nil,
            "deleted_at": nil, "company_name": .string(companyName), "company_id": .string(companyID),
            "recurrence_number": nil, "recurrence_rule": nil,
        ]
    }
}
