import FieldSyncCore

/// Housecall Pro customers (`GET /customers`) → customer records and service locations.
///
/// Each address except billing ones becomes a ``FieldSyncCore/ServiceLocation`` of the customer;
/// the first of them is also the customer's own address. An address without an id cannot be
/// told apart from the others between runs and is rejected; the customer is kept.
struct CustomerMapper: Sendable {
    let backend: String
    let sourceName: String

    struct Outcome: Sendable {
        var customer: CustomerRecord?
        var locations: [ServiceLocation] = []
        var problems: [MappingProblem] = []
    }

    func map(_ hcp: HCPCustomer) -> Outcome {
        var outcome = Outcome()
        guard let id = hcp.id else {
            outcome.problems.append(MappingProblem(recordKind: "customer", externalID: nil, reason: "the customer has no id"))
            return outcome
        }
        for address in hcp.addresses ?? [] where address.isServiceAddress {
            guard let location = address.location else { continue }
            guard let addressID = address.id else {
                outcome.problems.append(
                    MappingProblem(
                        recordKind: "location", externalID: nil, reason: "an address of customer \(id) has no id"))
                continue
            }
            outcome.locations.append(
                ServiceLocation(
                    customerExternalID: id, address: location, active: true,
                    source: SourceRef(backend: backend, source: sourceName, externalID: addressID, remoteVersion: hcp.updatedAt)))
        }
        outcome.customer = CustomerRecord(
            customer: hcp.contact(address: outcome.locations.first?.address), active: true,
            source: SourceRef(backend: backend, source: sourceName, externalID: id, remoteVersion: hcp.updatedAt ?? hcp.createdAt))
        return outcome
    }
}
