import Foundation

/// What fieldsync asks a backend to create for one booking: a job of the backend's own job type
/// for a customer at an address, with one appointment assigned to one technician.
///
/// ``bookingID`` is the marker: every record a ``BookingWriter`` creates carries it, so that an
/// attempt whose outcome is unknown can be looked up (``BookingWriter/find(_:)``) instead of
/// being sent again.
///
/// ```swift
/// let intent = BookingIntent(
///     bookingID: "bk_7f3a91", technicianExternalID: "10101",
///     start: start, end: start.addingTimeInterval(7200), vendorJobType: "No Heat",
///     customer: BookingCustomer(name: "Ana Ortiz", phone: "312-555-0199"),
///     address: Location(street: "1 N State St", city: "Chicago", region: "IL", postalCode: "60602", country: "US"),
///     urgency: .urgent, timeZone: "America/Chicago")
/// ```
public struct BookingIntent: Sendable, Hashable, Codable {
    /// fieldsync's booking id (`bk_7f3a…`): the marker written with every created record.
    public var bookingID: String
    /// The backend's own technician (employee) id.
    public var technicianExternalID: String
    /// The appointment, `[start, end)`.
    public var start: Date
    public var end: Date
    /// The arrival window promised to the customer, when there is one.
    public var arrivalStart: Date?
    public var arrivalEnd: Date?
    /// The backend's own job type name (`No Heat`); the writer looks its id up.
    public var vendorJobType: String
    public var customer: BookingCustomer
    /// Where the work is.
    public var address: Location
    /// What the caller said, for the technician.
    public var summary: String?
    public var urgency: Urgency
    /// The IANA zone of the source (Housecall Pro's `start_date` and the like are local dates).
    public var timeZone: String?

    public init(
        bookingID: String, technicianExternalID: String, start: Date, end: Date, arrivalStart: Date? = nil,
        arrivalEnd: Date? = nil, vendorJobType: String, customer: BookingCustomer, address: Location,
        summary: String? = nil, urgency: Urgency = .routine, timeZone: String? = nil
    ) {
        self.bookingID = bookingID
        self.technicianExternalID = technicianExternalID
        self.start = start
        self.end = end
        self.arrivalStart = arrivalStart
        self.arrivalEnd = arrivalEnd
        self.vendorJobType = vendorJobType
        self.customer = customer
        self.address = address
        self.summary = summary
        self.urgency = urgency
        self.timeZone = timeZone
    }

    /// The customer's personal data in this intent (name, phone, e-mail, street), which writers
    /// keep out of error messages (``BookingWriteError/redacting(_:)``).
    public var personalData: [String] {
        [customer.name, customer.phone, customer.email, address.street].compactMap { $0 }
            + (customer.phoneDigits.map { [$0] } ?? [])
    }
}
