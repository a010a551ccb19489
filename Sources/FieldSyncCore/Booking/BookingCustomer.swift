/// The customer a booking is for, as the caller gave them. Personal data: writers send it to the
/// backend and never put it into logs or error messages.
public struct BookingCustomer: Sendable, Hashable, Codable {
    /// The full name (`Ana Ortiz`); writers split it where the backend wants first and last names.
    public var name: String
    /// Any format; writers compare digits only.
    public var phone: String?
    public var email: String?

    public init(name: String, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }

    /// The phone's digits, without a leading US country code `1` when eleven digits remain
    /// (`+1 (312) 555-0199` → `3125550199`); nil when there are none.
    public var phoneDigits: String? {
        phone.flatMap(Self.digits)
    }

    /// Digits only, with a leading `1` dropped from eleven digits; nil when there are none.
    public static func digits(_ text: String) -> String? {
        var digits = text.filter(\.isASCII).filter(\.isNumber)
        if digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
        return digits.isEmpty ? nil : digits
    }
}
