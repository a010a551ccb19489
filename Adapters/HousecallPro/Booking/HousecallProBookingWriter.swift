import FieldSyncCore
import Foundation

/// Writes bookings to one Housecall Pro company: a job of the booked job type, scheduled with
/// the technician assigned, for a customer found by phone (or created, once).
///
/// `create` runs, in order:
/// 1. `GET /job_fields/job_types?name=` — the job type's id.
/// 2. The customer: `GET /customers?q=<phone digits>` (a phone's digits must match), else one an
///    earlier attempt created (`GET /customers?q=<name>`, tagged `fieldsync:<booking id>`), else
///    `POST /customers` with the service address and the tag.
/// 3. The address: the customer's own at the booking's street, else
///    `POST /customers/{id}/addresses`.
/// 4. `POST /jobs` with the schedule (`arrival_window` in minutes), the technician in
///    `assigned_employee_ids`, the job type, the summary as `notes`, lead source `fieldsync` and
///    the tag `fieldsync:<booking id>`: the marker.
///
/// Housecall Pro cannot filter jobs by tag, so `find` finds the customer as above and lists their
/// jobs scheduled within a day of the booking, keeping the one with the marker. Reads are
/// retried through the configuration's ``HTTPRetryPolicy``; writes are sent once. Nothing is
/// logged: bodies hold the customer's name, phone and address.
///
/// ```swift
/// let writer = HousecallProBookingWriter(sourceName: "frontrange-hcp", configuration: configuration, transport: transport)
/// let remote = try await writer.create(intent)
/// ```
public struct HousecallProBookingWriter: BookingWriter {
    /// The lead source of every job fieldsync books.
    public static let leadSource = "fieldsync"

    public var backend: String { "housecallpro" }
    public let sourceName: String
    public let configuration: HousecallProConfiguration
    let client: HCPBookingClient

    /// - Parameter sleep: waits between retries of reads (tests pass one that returns at once).
    public init(
        sourceName: String, configuration: HousecallProConfiguration, transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.sourceName = sourceName
        self.configuration = configuration
        self.client = HCPBookingClient(
            base: HousecallProClient(configuration: configuration, transport: transport, sleep: sleep))
    }

    /// The tag that marks what fieldsync created for a booking: `fieldsync:<booking id>`.
    public static func markerTag(_ bookingID: String) -> String { "fieldsync:\(bookingID)" }

    // MARK: BookingWriter

    public func plan(_ intent: BookingIntent) async throws(BookingWriteError) -> [PlannedWrite] {
        do {
            return try await planUnredacted(intent)
        } catch {
            throw error.redacting(intent.personalData)
        }
    }

    private func planUnredacted(_ intent: BookingIntent) async throws(BookingWriteError) -> [PlannedWrite] {
        let found = try await lookUp(intent)
        var writes: [PlannedWrite] = []
        var customer = found.customerID.map(BookingJSON.string)
        var address = found.addressID.map(BookingJSON.string)
        if customer == nil {
            writes.append(
                PlannedWrite(method: "POST", path: "customers", body: customerBody(intent).text, purpose: "create the customer with the service address"))
            customer = .placeholder("customer id from step \(writes.count)")
            address = .placeholder("address id from step \(writes.count)")
        } else if address == nil, let id = found.customerID {
            writes.append(
                PlannedWrite(
                    method: "POST", path: "customers/\(id)/addresses", body: addressBody(intent.address).text,
                    purpose: "add the service address to the customer"))
            address = .placeholder("address id from step \(writes.count)")
        }
        writes.append(
            PlannedWrite(
                method: "POST", path: "jobs",
                body: jobBody(intent, jobTypeID: found.jobTypeID, customer: customer ?? .null, address: address ?? .null).text,
                purpose: "create the job with its schedule and technician"))
        return writes
    }

    public func find(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking? {
        do {
            return try await findUnredacted(intent)
        } catch {
            throw error.redacting(intent.personalData)
        }
    }

    private func findUnredacted(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking? {
        let tag = Self.markerTag(intent.bookingID)
        // First by the technician's jobs around the start: this does not depend on the customer
        // search finding a customer created moments ago.
        let theirs = try await client.list(
            HCPBookingJob.self, "/jobs", key: "jobs",
            query: [
                ("employee_ids[]", intent.technicianExternalID),
                ("scheduled_start_min", RFC3339.string(intent.start.addingTimeInterval(-86_400))),
                ("scheduled_start_max", RFC3339.string(intent.start.addingTimeInterval(86_400))),
                ("expand[]", "appointments"),
            ], doing: "find the job by its booking tag")
        if let job = theirs.first(where: { $0.tags.contains(tag) }) {
            return try remote(job, intent: intent, doing: "find the job by its booking tag")
        }
        // Then by the customer (the job may have been reassigned since).
        guard let customer = try await customer(intent) else { return nil }
        guard let customerID = customer.id else { return nil }
        let jobs = try await client.list(
            HCPBookingJob.self, "/jobs", key: "jobs",
            query: [
                ("customer_id", customerID),
                ("scheduled_start_min", RFC3339.string(intent.start.addingTimeInterval(-86_400))),
                ("scheduled_start_max", RFC3339.string(intent.start.addingTimeInterval(86_400))),
                ("expand[]", "appointments"),
            ], doing: "find the job by its booking tag")
        guard let job = jobs.first(where: { $0.tags.contains(tag) }) else { return nil }
        return try remote(job, intent: intent, doing: "find the job by its booking tag")
    }

    public func create(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking {
        do {
            return try await createUnredacted(intent)
        } catch {
            throw error.redacting(intent.personalData)
        }
    }

    private func createUnredacted(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking {
        let found = try await lookUp(intent)
        var customerID = found.customerID
        var addressID = found.addressID
        if customerID == nil {
            let created = try await client.post(
                HCPBookingCustomer.self, "/customers", body: customerBody(intent), doing: "create the customer")
            customerID = created.id
            let matching = created.addresses.first { intent.address.isSameAddress(street: $0.street, postalCode: $0.zip) }
            addressID = matching?.id ?? created.addresses.first?.id
        }
        guard let customerID else { throw .unknownOutcome("the customer was created without an id") }
        if addressID == nil {
            let created = try await client.post(
                HCPAddress.self, "/customers/\(customerID)/addresses", body: addressBody(intent.address),
                doing: "add the service address")
            addressID = created.id
        }
        guard let addressID else { throw .unknownOutcome("the address was created without an id") }
        let job = try await client.post(
            HCPBookingJob.self, "/jobs",
            body: jobBody(intent, jobTypeID: found.jobTypeID, customer: .string(customerID), address: .string(addressID)),
            doing: "create the job")
        return try remote(job, intent: intent, doing: "create the job")
    }

    public func busyTimes(technicianExternalID: String, in range: TimeRange) async throws(BookingWriteError) -> [TimeRange] {
        // A job's schedule starts with its first appointment; a multi-day job that began up to a
        // week earlier may still have an appointment in the range.
        let jobs = try await client.list(
            HCPBookingJob.self, "/jobs", key: "jobs",
            query: [
                ("employee_ids[]", technicianExternalID),
                ("scheduled_start_min", RFC3339.string(range.start.addingTimeInterval(-7 * 86_400))),
                ("scheduled_start_max", RFC3339.string(range.end)),
                ("expand[]", "appointments"),
            ], doing: "read the technician's jobs")
        var busy: [TimeRange] = []
        for job in jobs where !job.isCanceled {
            let appointments = job.schedule?.appointments ?? []
            if appointments.isEmpty {
                if job.assignedEmployeeIDs.contains(technicianExternalID), let start = HCPTime.date(job.schedule?.scheduledStart),
                    let end = HCPTime.date(job.schedule?.scheduledEnd)
                {
                    busy.append(TimeRange(start: start, end: end))
                }
                continue
            }
            for a in appointments where a.dispatchedEmployeeIDs.contains(technicianExternalID) {
                if let start = HCPTime.date(a.startTime), let end = HCPTime.date(a.endTime) {
                    busy.append(TimeRange(start: start, end: end))
                }
            }
        }
        return busy.filter { $0.overlaps(range) }.sorted { $0.start < $1.start }
    }

    // MARK: Reads

    /// What `create` needs before it writes: the job type, and the customer and address when
    /// they exist.
    struct Lookup: Sendable {
        var jobTypeID: String
        var customerID: String?
        var addressID: String?
    }

    func lookUp(_ intent: BookingIntent) async throws(BookingWriteError) -> Lookup {
        let types = try await client.list(
            HCPJobType.self, "/job_fields/job_types", key: "job_types", query: [("name", intent.vendorJobType)],
            doing: "look up the job type")
        let wanted = intent.vendorJobType.lowercased()
        guard let typeID = types.first(where: { $0.name?.lowercased() == wanted })?.id else {
            throw .refused(status: 0, message: "Housecall Pro has no job type named \"\(intent.vendorJobType)\"")
        }
        var lookup = Lookup(jobTypeID: typeID)
        if let customer = try await customer(intent) {
            lookup.customerID = customer.id
            lookup.addressID = customer.addresses.first { intent.address.isSameAddress(street: $0.street, postalCode: $0.zip) }?.id
        }
        return lookup
    }

    /// The customer with the booking's phone (the one with the same name first), else the one an
    /// earlier attempt created (found by name, carrying the booking's tag).
    private func customer(_ intent: BookingIntent) async throws(BookingWriteError) -> HCPBookingCustomer? {
        if let digits = intent.customer.phoneDigits {
            let candidates = try await client.list(
                HCPBookingCustomer.self, "/customers", key: "customers", query: [("q", digits)],
                doing: "look up the customer by phone")
            let byPhone = candidates.filter { $0.phones.contains { BookingCustomer.digits($0) == digits } }
            let name = intent.customer.name.lowercased()
            if let match = byPhone.first(where: { $0.name.lowercased() == name }) ?? byPhone.first { return match }
        }
        let tag = Self.markerTag(intent.bookingID)
        let byName = try await client.list(
            HCPBookingCustomer.self, "/customers", key: "customers", query: [("q", intent.customer.name)],
            doing: "look up the customer by the booking tag")
        return byName.first { $0.tags.contains(tag) }
    }

    /// The booking as the job holds it.
    private func remote(_ job: HCPBookingJob, intent: BookingIntent, doing: String) throws(BookingWriteError) -> RemoteBooking {
        guard let jobID = job.id else { throw .unknownOutcome("the answer to the request to \(doing) names no job id") }
        let appointment = job.schedule?.appointments?.min { ($0.startTime ?? "") < ($1.startTime ?? "") }
        let technicians = appointment?.dispatchedEmployeeIDs ?? job.assignedEmployeeIDs
        return RemoteBooking(
            jobID: jobID, appointmentID: appointment?.id ?? AppointmentMapper.scheduleID(jobID: jobID), customerID: job.customerID, locationID: job.addressID,
            technicianExternalIDs: technicians.isEmpty ? job.assignedEmployeeIDs : technicians,
            start: HCPTime.date(appointment?.startTime ?? job.schedule?.scheduledStart) ?? intent.start,
            end: HCPTime.date(appointment?.endTime ?? job.schedule?.scheduledEnd) ?? intent.end,
            jobNumber: job.invoiceNumber)
    }

    // MARK: Bodies

    func addressBody(_ location: Location) -> BookingJSON {
        .object([
            "street": .string(location.street ?? ""), "street_line_2": .null, "city": .string(location.city ?? ""),
            "state": .string(location.region ?? ""), "zip": .string(location.postalCode ?? ""),
            "country": .string(location.country ?? "US"),
        ])
    }

    func customerBody(_ intent: BookingIntent) -> BookingJSON {
        let words = intent.customer.name.split(separator: " ").map(String.init)
        let first = words.count > 1 ? words.dropLast().joined(separator: " ") : intent.customer.name
        let last = words.count > 1 ? words.last : nil
        var address = addressBody(intent.address)
        if case .object(var members) = address {
            members.append(.init("type", "service"))
            address = .object(members)
        }
        return .object([
            "first_name": .string(first), "last_name": .string(orNull: last),
            "mobile_number": .string(orNull: intent.customer.phone), "email": .string(orNull: intent.customer.email),
            "notifications_enabled": .bool(true), "lead_source": .string(Self.leadSource),
            "tags": .array([.string(Self.markerTag(intent.bookingID))]), "addresses": .array([address]),
        ])
    }

    func jobBody(_ intent: BookingIntent, jobTypeID: String, customer: BookingJSON, address: BookingJSON) -> BookingJSON {
        var arrival: Int64 = 0
        if let from = intent.arrivalStart, let to = intent.arrivalEnd, to > from {
            arrival = Int64((to.timeIntervalSince(from) / 60).rounded())
        }
        return .object([
            "customer_id": customer, "address_id": address,
            "schedule": .object([
                "scheduled_start": .string(RFC3339.string(intent.start)), "scheduled_end": .string(RFC3339.string(intent.end)),
                "arrival_window": .integer(arrival),
            ]),
            "assigned_employee_ids": .array([.string(intent.technicianExternalID)]),
            "notes": .string(orNull: intent.summary),
            "job_fields": .object(["job_type_id": .string(jobTypeID)]),
            "tags": .array([.string(Self.markerTag(intent.bookingID))]), "lead_source": .string(Self.leadSource),
        ])
    }
}
