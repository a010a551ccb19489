/// The parts of Housecall Pro answers a booking write reads: list pages, and a job with the
/// ids, tags and schedule a booking needs (the sync's `HCPJob` leaves tags out).

/// A job as a booking needs it (`GET /jobs`, `POST /jobs`).
struct HCPBookingJob: Decodable, Sendable {
    var id: String?
    var invoiceNumber: String?
    var customerID: String?
    var addressID: String?
    var workStatus: String?
    var schedule: HCPSchedule?
    var assignedEmployeeIDs: [String]
    var tags: [String]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        invoiceNumber = c.lenientText("invoice_number")
        customerID = c.lenientObject(HCPCustomer.self, "customer")?.id
        addressID = c.lenientObject(HCPAddress.self, "address")?.id
        workStatus = c.lenientText("work_status")
        schedule = c.lenientObject(HCPSchedule.self, "schedule")
        assignedEmployeeIDs = (c.lenientObjects(HCPEmployee.self, "assigned_employees") ?? []).compactMap(\.id)
        tags = c.lenientStrings("tags") ?? []
    }

    /// Whether the job was cancelled (`user canceled`, `pro canceled`).
    var isCanceled: Bool { workStatus?.lowercased().contains("cancel") ?? false }
}

/// One page of a Housecall Pro list: the records under `key` and `total_pages`.
struct HCPBookingPage<T: Decodable & Sendable>: Decodable, Sendable {
    var items: [T]
    var totalPages: Int?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        totalPages = c.lenientInt("total_pages")
        guard let key = decoder.userInfo[HCPBookingClient.listKey] as? String else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no list key"))
        }
        items = try c.decode([T].self, forKey: HCPKey(key))
    }
}

/// A customer as a booking needs it: phones, tags and addresses (`GET`/`POST /customers`).
struct HCPBookingCustomer: Decodable, Sendable {
    var id: String?
    var firstName: String?
    var lastName: String?
    var phones: [String]
    var tags: [String]
    var addresses: [HCPAddress]

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: HCPKey.self)
        id = c.lenientText("id")
        firstName = c.lenientText("first_name")
        lastName = c.lenientText("last_name")
        phones = ["mobile_number", "home_number", "work_number"].compactMap { c.lenientText(HCPKey($0)) }
        tags = c.lenientStrings("tags") ?? []
        addresses = c.lenientObjects(HCPAddress.self, "addresses") ?? []
    }

    var name: String { [firstName, lastName].compactMap { $0 }.joined(separator: " ") }
}
