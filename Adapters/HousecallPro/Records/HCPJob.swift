/// A job as `GET /jobs?expand[]=appointments` lists it.
struct HCPJob: Decodable, Sendable {
    var id: String?
    var invoiceNumber: String?
    var description: String?
    var customer: HCPCustomer?
    var address: HCPAddress?
    /// `needs scheduling`, `scheduled`, `in progress`, `complete rated`, `complete unrated`,
    /// `user canceled`, `pro canceled`.
    var workStatus: String?
    var schedule: HCPSchedule?
    var assignedEmployees: [HCPEmployee]
    var jobType: HCPJobType?
    var businessUnit: HCPJobType?
    var createdAt: String?
    var updatedAt: String?
    var deletedAt: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        invoiceNumber = c.lenientText("invoice_number")
        description = c.lenientText("description")
        customer = c.lenientObject(HCPCustomer.self, "customer")
        address = c.lenientObject(HCPAddress.self, "address")
        workStatus = c.lenientText("work_status")
        schedule = c.lenientObject(HCPSchedule.self, "schedule")
        assignedEmployees = c.lenientObjects(HCPEmployee.self, "assigned_employees") ?? []
        let fields = c.lenientObject(HCPJobFields.self, "job_fields")
        jobType = fields?.jobType
        businessUnit = fields?.businessUnit
        createdAt = c.lenientText("created_at")
        updatedAt = c.lenientText("updated_at")
        deletedAt = c.lenientText("deleted_at")
    }
}
