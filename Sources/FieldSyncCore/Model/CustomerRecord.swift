/// A customer as the backend keeps it (ServiceTitan's `crm` customers, Housecall Pro's
/// customers). Personal data: stored in the cache, never written to logs.
///
/// A field left nil keeps what the cache has: ServiceTitan sends a customer's name and address
/// with the customer, and its phone numbers and e-mail addresses as separate contact records.
public struct CustomerRecord: Hashable, Sendable, Codable {
    public var customer: Customer
    public var active: Bool
    public var source: SourceRef

    public init(customer: Customer, active: Bool = true, source: SourceRef) {
        self.customer = customer
        self.active = active
        self.source = source
    }

    /// True for a record that only carries contact details (ServiceTitan's contacts feed): it
    /// updates a cached customer's phone and e-mail and nothing else.
    public var isContactOnly: Bool {
        customer.name == nil && customer.address == nil && (customer.phone != nil || customer.email != nil)
    }
}
