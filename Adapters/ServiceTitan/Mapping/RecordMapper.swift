import FieldSyncCore
import Foundation

/// Turns ServiceTitan records into fieldsync's normalized model, using the shop's
/// ``BackendMapping`` and the tenant's ``ReferenceData``.
///
/// One method per resource maps a page of raw records (see the `RecordMapper+…` files); this
/// file holds what they share.
struct RecordMapper: Sendable {
    let sourceName: String
    let mapping: BackendMapping
    let technicianLinks: [String: String]
    let timeZone: String?
    var reference = ReferenceData()

    init(sourceName: String, configuration: ServiceTitanConfiguration, mapping: BackendMapping) {
        self.sourceName = sourceName
        self.mapping = mapping
        self.technicianLinks = configuration.technicianLinks
        self.timeZone = configuration.timeZone
    }

    /// Maps one page of `resource`.
    func map(_ records: [RawRecord], of resource: STResource, page: Int) -> PullBatch {
        var builder = PageBuilder(sourceName: sourceName, resource: resource, page: page)
        switch resource {
        case .technicians: technicians(records, into: &builder)
        case .customers: customers(records, into: &builder)
        case .locations: locations(records, into: &builder)
        case .customerContacts: contacts(records, into: &builder)
        case .jobs: jobs(records, into: &builder)
        case .appointments: appointments(records, into: &builder)
        case .appointmentAssignments: assignments(records, into: &builder)
        case .technicianShifts: shifts(records, into: &builder)
        case .nonJobAppointments: nonJobAppointments(records, into: &builder)
        default: break
        }
        return builder.batch
    }

    /// The local id of a ServiceTitan technician.
    func technicianID(_ id: STID) -> String {
        technicianLinks[id.value] ?? "\(sourceName)-\(id.value)"
    }

    func sourceRef(_ externalID: String, version: String?) -> SourceRef {
        SourceRef(backend: ServiceTitanAdapter.backendName, source: sourceName, externalID: externalID, remoteVersion: version)
    }

    /// An address as a ``Location``; nil when it has nothing in it.
    static func location(_ address: STAddress?) -> Location? {
        guard let address else { return nil }
        let street = [address.street, address.unit].compactMap(nonEmpty).joined(separator: ", ")
        let location = Location(
            street: street.isEmpty ? nil : street, city: nonEmpty(address.city), region: nonEmpty(address.state),
            postalCode: nonEmpty(address.zip), country: nonEmpty(address.country), latitude: address.latitude,
            longitude: address.longitude)
        return location == Location() ? nil : location
    }

    /// `text` trimmed, or nil when that leaves nothing.
    static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Parses the time field `field`, or rejects the record and returns nil.
    static func instant(_ text: String, field: String, _ raw: RawRecord, id: STID, into builder: inout PageBuilder) -> Date? {
        guard let instant = STInstant(parsing: text) else {
            builder.reject(raw, id: id.value, .invalidTimestamp(field: field))
            return nil
        }
        return instant.date
    }
}
