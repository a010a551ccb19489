import FieldSyncCore
import Foundation

/// Writes bookings to one ServiceTitan tenant: a job of the booked job type, with one
/// appointment assigned to the technician, for a customer found by phone (or created, once).
///
/// `create` runs, in order:
/// 1. `GET jpm/v2/tenant/{t}/job-types?name=` — the job type's id and its first business unit.
/// 2. The customer: `GET crm/v2/tenant/{t}/customers?phone=`, else by the booking's marker
///    (`externalDataApplicationGuid`, `externalDataKey=fieldsync.booking`,
///    `externalDataValues=<booking id>`, left by an earlier attempt), else
///    `POST crm/v2/tenant/{t}/customers` with the location, a mobile phone contact and the marker.
/// 3. The location at the address: `GET crm/v2/tenant/{t}/locations?customerId=`, else
///    `POST crm/v2/tenant/{t}/locations`.
/// 4. `POST jpm/v2/tenant/{t}/jobs` with the appointment, the technician, the priority
///    (emergency → Urgent, urgent → High, routine → Normal), the configured campaign and the
///    marker as external data.
///
/// `find` looks the job up by its marker (`GET jpm/v2/tenant/{t}/jobs?externalData…`), then its
/// appointment and the technicians assigned to it. Reads are retried through the
/// configuration's ``HTTPRetryPolicy``; writes are sent once (see ``BookingWriteError``).
/// Nothing is logged: bodies hold the customer's name, phone and address.
///
/// ```swift
/// let writer = ServiceTitanBookingWriter(
///     sourceName: "lakeshore-st", configuration: configuration, campaignID: 61, transport: transport)
/// let remote = try await writer.create(intent)
/// ```
public struct ServiceTitanBookingWriter: BookingWriter {
    /// fieldsync's application GUID for external data, unless the configuration gives another.
    public static let defaultApplicationGUID = "f1e1d5c0-b00c-4a6e-9d1a-5eb1ceb00c01"
    /// The external data key holding the booking id.
    public static let markerKey = "fieldsync.booking"

    public var backend: String { ServiceTitanAdapter.backendName }
    public let sourceName: String
    public let configuration: ServiceTitanConfiguration
    /// The campaign every booked job is attributed to (ServiceTitan requires one). Without it
    /// `plan` still works and `create` refuses.
    public let campaignID: Int64?
    /// Marks what fieldsync created (`externalData.applicationGuid`).
    public let applicationGUID: String
    let client: STBookingClient

    /// - Parameters:
    ///   - campaignID: the source's `booking.campaign_id`.
    ///   - applicationGUID: the source's `booking.application_guid`, when set.
    ///   - sleep: waits between retries of reads (tests pass one that returns at once).
    public init(
        sourceName: String, configuration: ServiceTitanConfiguration, campaignID: Int64?,
        applicationGUID: String? = nil, transport: any HTTPTransport,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sourceName = sourceName
        self.configuration = configuration
        self.campaignID = campaignID
        self.applicationGUID = applicationGUID ?? Self.defaultApplicationGUID
        let tokens = TokenProvider(configuration: configuration, transport: transport, sleep: sleep, now: now)
        self.client = STBookingClient(configuration: configuration, transport: transport, tokens: tokens, sleep: sleep)
    }

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
        var customer = found.customerID.map(BookingJSON.id)
        var location = found.locationID.map(BookingJSON.id)
        if customer == nil {
            writes.append(
                PlannedWrite(
                    method: "POST", path: client.path("crm", "customers"), body: customerBody(intent).text,
                    purpose: "create the customer with the location and a phone contact"))
            customer = .placeholder("customer id from step \(writes.count)")
            location = .placeholder("location id from step \(writes.count)")
        } else if location == nil {
            writes.append(
                PlannedWrite(
                    method: "POST", path: client.path("crm", "locations"),
                    body: locationBody(intent, customer: customer ?? .null).text, purpose: "create the location at the address"))
            location = .placeholder("location id from step \(writes.count)")
        }
        let campaign = campaignID.map(BookingJSON.integer) ?? .placeholder("booking.campaign_id is not configured")
        writes.append(
            PlannedWrite(
                method: "POST", path: client.path("jpm", "jobs"),
                body: jobBody(intent, found: found, customer: customer ?? .null, location: location ?? .null, campaign: campaign).text,
                purpose: "create the job with its appointment and technician"))
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
        let jobs = try await client.list(
            STBookingJob.self, client.path("jpm", "jobs"), query: marker(intent), doing: "find the job by its booking marker")
        guard let job = jobs.min(by: { (Int64($0.id.value) ?? .max) < (Int64($1.id.value) ?? .max) }) else { return nil }
        let appointments = try await client.list(
            STAppointment.self, client.path("jpm", "appointments"), query: [("jobId", job.id.value)],
            doing: "read the booked job's appointment")
        guard let appointment = appointments.min(by: { $0.start < $1.start }) else {
            throw .unknownOutcome("job \(job.id) carries the booking's marker but has no appointment yet")
        }
        let assignments = try await client.list(
            STAppointmentAssignment.self, client.path("dispatch", "appointment-assignments"),
            query: [("appointmentIds", appointment.id.value)], doing: "read who is assigned to the booked appointment")
        return RemoteBooking(
            jobID: job.id.value, appointmentID: appointment.id.value, customerID: job.customerId?.value,
            locationID: job.locationId?.value,
            technicianExternalIDs: assignments.filter { $0.active != false }.map(\.technicianId.value),
            start: STInstant(parsing: appointment.start)?.date ?? intent.start,
            end: STInstant(parsing: appointment.end)?.date ?? intent.end, jobNumber: job.jobNumber)
    }

    public func create(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking {
        do {
            return try await createUnredacted(intent)
        } catch {
            throw error.redacting(intent.personalData)
        }
    }

    private func createUnredacted(_ intent: BookingIntent) async throws(BookingWriteError) -> RemoteBooking {
        guard let campaignID else {
            throw .refused(
                status: 0,
                message: "source \(sourceName) has no booking.campaign_id: ServiceTitan needs a campaign for every job; set booking: { campaign_id: N } in the configuration")
        }
        let found = try await lookUp(intent)
        var customerID = found.customerID
        var locationID = found.locationID
        if customerID == nil {
            let created = try await client.post(
                STBookingCustomer.self, client.path("crm", "customers"), body: customerBody(intent), doing: "create the customer")
            customerID = created.id.value
            locationID = created.locations?.first?.id.value
        }
        guard let customerID else { throw .unknownOutcome("the customer was created without an id") }
        if locationID == nil {
            let created = try await client.post(
                STLocation.self, client.path("crm", "locations"), body: locationBody(intent, customer: .id(customerID)),
                doing: "create the location")
            locationID = created.id.value
        }
        guard let locationID else { throw .unknownOutcome("the location was created without an id") }
        let job = try await client.post(
            STBookingJob.self, client.path("jpm", "jobs"),
            body: jobBody(intent, found: found, customer: .id(customerID), location: .id(locationID), campaign: .integer(campaignID)),
            doing: "create the job")
        guard let appointmentID = job.firstAppointmentId?.value, appointmentID != "0" else {
            throw .unknownOutcome("job \(job.id) was created but its answer names no appointment")
        }
        return RemoteBooking(
            jobID: job.id.value, appointmentID: appointmentID, customerID: customerID, locationID: locationID,
            technicianExternalIDs: [intent.technicianExternalID], start: intent.start, end: intent.end,
            jobNumber: job.jobNumber)
    }

    public func busyTimes(technicianExternalID: String, in range: TimeRange) async throws(BookingWriteError) -> [TimeRange] {
        // An appointment that started the day before may still overlap the range.
        let appointments = try await client.list(
            STAppointment.self, client.path("jpm", "appointments"),
            query: [
                ("technicianId", technicianExternalID),
                ("startsOnOrAfter", RFC3339.string(range.start.addingTimeInterval(-86_400))),
                ("startsBefore", RFC3339.string(range.end)),
            ], doing: "read the technician's appointments")
        return appointments.compactMap { a -> TimeRange? in
            guard a.status != "Canceled", a.active != false, let start = STInstant(parsing: a.start)?.date,
                let end = STInstant(parsing: a.end)?.date
            else { return nil }
            let busy = TimeRange(start: start, end: end)
            return busy.overlaps(range) ? busy : nil
        }.sorted { $0.start < $1.start }
    }

    // MARK: Reads

    /// What `create` needs before it writes: the job type, and the customer and location when
    /// they exist.
    struct Lookup: Sendable {
        var jobTypeID: String
        var businessUnitID: String
        var customerID: String?
        var locationID: String?
    }

    func lookUp(_ intent: BookingIntent) async throws(BookingWriteError) -> Lookup {
        let types = try await client.list(
            STBookingJobType.self, client.path("jpm", "job-types"), query: [("name", intent.vendorJobType)],
            doing: "look up the job type")
        let wanted = intent.vendorJobType.lowercased()
        guard let type = types.first(where: { $0.name.lowercased() == wanted && $0.active != false }) else {
            throw .refused(status: 0, message: "ServiceTitan has no active job type named \"\(intent.vendorJobType)\"")
        }
        guard let businessUnit = type.businessUnitIds?.first else {
            throw .refused(status: 0, message: "job type \"\(intent.vendorJobType)\" (\(type.id)) belongs to no business unit")
        }
        var lookup = Lookup(jobTypeID: type.id.value, businessUnitID: businessUnit.value)
        lookup.customerID = try await customer(intent)
        if let customerID = lookup.customerID {
            lookup.locationID = try await location(intent, customerID: customerID)
        }
        return lookup
    }

    /// The customer with the booking's phone (the one with the same name first), else the one
    /// an earlier attempt created.
    private func customer(_ intent: BookingIntent) async throws(BookingWriteError) -> String? {
        if let digits = intent.customer.phoneDigits {
            let byPhone = try await client.list(
                STBookingCustomer.self, client.path("crm", "customers"), query: [("phone", digits)],
                doing: "look up the customer by phone")
            let name = intent.customer.name.lowercased()
            if let match = byPhone.first(where: { $0.name?.lowercased() == name }) ?? byPhone.first {
                return match.id.value
            }
        }
        let byMarker = try await client.list(
            STBookingCustomer.self, client.path("crm", "customers"), query: marker(intent),
            doing: "look up the customer by the booking marker")
        return byMarker.first?.id.value
    }

    /// The customer's active location at the booking's address.
    private func location(_ intent: BookingIntent, customerID: String) async throws(BookingWriteError) -> String? {
        let locations = try await client.list(
            STLocation.self, client.path("crm", "locations"), query: [("customerId", customerID)],
            doing: "look up the customer's locations")
        return locations.first {
            $0.active != false && intent.address.isSameAddress(street: $0.address?.street, postalCode: $0.address?.zip)
        }?.id.value
    }

    private func marker(_ intent: BookingIntent) -> [(String, String)] {
        [
            ("externalDataApplicationGuid", applicationGUID), ("externalDataKey", Self.markerKey),
            ("externalDataValues", intent.bookingID),
        ]
    }

    // MARK: Bodies

    private func externalData(_ intent: BookingIntent) -> BookingJSON {
        .object([
            "applicationGuid": .string(applicationGUID),
            "externalData": .array([.object(["key": .string(Self.markerKey), "value": .string(intent.bookingID)])]),
        ])
    }

    private func address(_ location: Location) -> BookingJSON {
        .object([
            "street": .string(location.street ?? ""), "unit": .null, "city": .string(location.city ?? ""),
            "state": .string(location.region ?? ""), "zip": .string(location.postalCode ?? ""),
            "country": .string(location.country ?? "USA"),
            "latitude": location.latitude.map(BookingJSON.number) ?? .null,
            "longitude": location.longitude.map(BookingJSON.number) ?? .null,
        ])
    }

    func customerBody(_ intent: BookingIntent) -> BookingJSON {
        var contacts: [BookingJSON] = []
        if let phone = intent.customer.phone {
            contacts.append(.object(["type": "MobilePhone", "value": .string(phone), "memo": "fieldsync booking"]))
        }
        if let email = intent.customer.email {
            contacts.append(.object(["type": "Email", "value": .string(email), "memo": "fieldsync booking"]))
        }
        return .object([
            "name": .string(intent.customer.name), "type": "Residential", "address": address(intent.address),
            "locations": .array([.object(["name": .string(intent.customer.name), "address": address(intent.address)])]),
            "contacts": .array(contacts), "externalData": externalData(intent),
        ])
    }

    func locationBody(_ intent: BookingIntent, customer: BookingJSON) -> BookingJSON {
        .object([
            "customerId": customer, "name": .string(intent.customer.name), "address": address(intent.address),
            "externalData": externalData(intent),
        ])
    }

    func jobBody(
        _ intent: BookingIntent, found: Lookup, customer: BookingJSON, location: BookingJSON, campaign: BookingJSON
    ) -> BookingJSON {
        .object([
            "customerId": customer, "locationId": location, "businessUnitId": .id(found.businessUnitID),
            "jobTypeId": .id(found.jobTypeID), "priority": .string(Self.priority(intent.urgency)), "campaignId": campaign,
            "summary": .string(orNull: intent.summary),
            "appointments": .array([
                .object([
                    "start": .string(RFC3339.string(intent.start)), "end": .string(RFC3339.string(intent.end)),
                    "arrivalWindowStart": .string(orNull: intent.arrivalStart.map(RFC3339.string)),
                    "arrivalWindowEnd": .string(orNull: intent.arrivalEnd.map(RFC3339.string)),
                    "technicianIds": .array([.id(intent.technicianExternalID)]),
                ])
            ]),
            "externalData": externalData(intent),
        ])
    }

    /// ServiceTitan's job priority for an urgency.
    static func priority(_ urgency: Urgency) -> String {
        switch urgency {
        case .emergency: "Urgent"
        case .urgent: "High"
        case .routine: "Normal"
        }
    }
}
