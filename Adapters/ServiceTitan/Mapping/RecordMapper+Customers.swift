import FieldSyncCore

extension RecordMapper {
    /// Customers with their name and bill-to address; a deactivated one is a tombstone.
    ///
    /// ServiceTitan keeps phone numbers and e-mail addresses apart, as contacts (see
    /// ``contacts(_:into:)``), so these records carry `phone` and `email` nil, which means
    /// "not known here, keep what the cache has". `name` is never nil here (an empty string
    /// when ServiceTitan sends none).
    func customers(_ records: [RawRecord], into builder: inout PageBuilder) {
        for raw in records {
            guard let record = builder.decode(STCustomer.self, raw) else { continue }
            if record.active == false {
                builder.tombstone(.customers, record.id.value, version: record.modifiedOn)
                continue
            }
            builder.batch.customers.append(
                CustomerRecord(
                    customer: Customer(name: Self.nonEmpty(record.name) ?? "", address: Self.location(record.address)),
                    active: true, source: sourceRef(record.id.value, version: record.modifiedOn)))
        }
    }

    /// Service locations, linked to their customer; a deactivated one is a tombstone.
    func locations(_ records: [RawRecord], into builder: inout PageBuilder) {
        for raw in records {
            guard let record = builder.decode(STLocation.self, raw) else { continue }
            if record.active == false {
                builder.tombstone(.locations, record.id.value, version: record.modifiedOn)
                continue
            }
            builder.batch.locations.append(
                ServiceLocation(
                    customerExternalID: record.customerId?.value, name: Self.nonEmpty(record.name),
                    address: Self.location(record.address) ?? Location(), active: true,
                    source: sourceRef(record.id.value, version: record.modifiedOn)))
        }
    }

    /// Customer contacts (the `export/customers/contacts` feed) as contact-only customer updates.
    ///
    /// The feed sends one record per phone number or e-mail address, in order of change, so one
    /// customer's contacts can be spread over pages and runs. For each customer with active
    /// contacts in this page this emits one ``CustomerRecord`` with `name` and `address` nil,
    /// `phone` (the newest mobile number, else the newest phone number) and/or `email` (the
    /// newest e-mail address), and no `remoteVersion`: the store applies only the non-nil
    /// contact fields to the cached customer and keeps its name, address and state.
    ///
    /// Deactivated contacts are not sent: with one contact at a time there is no knowing whether
    /// the cached phone is the one removed. Fax numbers are not used.
    func contacts(_ records: [RawRecord], into builder: inout PageBuilder) {
        struct Best {
            var phone: (rank: Int, at: STInstant?, value: String)?
            var email: (at: STInstant?, value: String)?
        }
        var order: [STID] = []
        var best: [STID: Best] = [:]
        for raw in records {
            guard let record = builder.decode(STCustomerContact.self, raw) else { continue }
            guard record.active != false, let value = Self.nonEmpty(record.value) else { continue }
            let at = record.modifiedOn.flatMap(STInstant.init(parsing:))
            var entry = best[record.customerId] ?? Best()
            switch record.type.lowercased() {
            case "mobilephone", "phone":
                let rank = record.type.lowercased() == "mobilephone" ? 1 : 0
                if let current = entry.phone, !Self.replaces(rank: rank, at: at, current: (current.rank, current.at)) { break }
                entry.phone = (rank, at, value)
            case "email":
                if let current = entry.email, !Self.replaces(rank: 0, at: at, current: (0, current.at)) { break }
                entry.email = (at, value)
            default:
                continue
            }
            if best[record.customerId] == nil { order.append(record.customerId) }
            best[record.customerId] = entry
        }
        for customerID in order {
            guard let entry = best[customerID] else { continue }
            builder.batch.customers.append(
                CustomerRecord(
                    customer: Customer(name: nil, phone: entry.phone?.value, email: entry.email?.value), active: true,
                    source: sourceRef(customerID.value, version: nil)))
        }
    }

    /// Whether a contact ranked `rank` and changed at `at` wins over the one kept so far: a
    /// mobile number over a landline, then the newer one (the later one in the feed on a tie).
    private static func replaces(rank: Int, at: STInstant?, current: (rank: Int, at: STInstant?)) -> Bool {
        if rank != current.rank { return rank > current.rank }
        guard let at, let currentAt = current.at else { return true }
        return at >= currentAt
    }
}
