/// A place where work is done for a customer (ServiceTitan's locations, Housecall Pro's service
/// addresses). One customer can have several.
public struct ServiceLocation: Hashable, Sendable, Codable {
    /// The external id of the customer it belongs to, in the same source.
    public var customerExternalID: String?
    public var name: String?
    public var address: Location
    public var active: Bool
    public var source: SourceRef

    public init(
        customerExternalID: String? = nil, name: String? = nil, address: Location, active: Bool = true, source: SourceRef
    ) {
        self.customerExternalID = customerExternalID
        self.name = name
        self.address = address
        self.active = active
        self.source = source
    }
}
