import FieldSyncCore

extension HCPAddress {
    /// The address as a ``FieldSyncCore/Location`` (both street lines in `street`), or nil when
    /// it holds nothing.
    var location: Location? {
        let street = [street, streetLine2].compactMap { $0 }.joined(separator: ", ")
        let location = Location(
            street: street.isEmpty ? nil : street, city: city, region: state, postalCode: zip, country: country,
            latitude: latitude, longitude: longitude)
        return location == Location() ? nil : location
    }

    /// Whether work can happen here: everything but a billing address.
    var isServiceAddress: Bool { type?.trimmingSpaces.lowercased() != "billing" }
}
