import FieldSyncCore
import Foundation

/// All mutable state of one sandbox: the records of both vendors, the ServiceTitan change
/// sequence and export-token epoch, issued access tokens, and the clock for record stamps.
///
/// Handlers and the mutation API both go through here, so every change bumps `modifiedOn` /
/// `updated_at` and the change sequence the same way.
actor SandboxStore {
    let credentials: SandboxCredentials
    let tokenLifetime: Int
    let exportBatchSize: Int
    let now: @Sendable () -> Date
    /// The Housecall Pro company's zone (appointment `start_date`, booking windows).
    let hcpZone: any ZoneRules

    var tables: [SandboxResource: ResourceTable] = [:]
    /// The ServiceTitan tenant's change sequence: every change takes the next number.
    var sequence: Int64 = 0
    /// Export tokens carry the epoch they were issued in; bumping it rejects them all.
    var exportEpoch: Int64 = 1
    /// The last stamp given per vendor, so stamps only ever move forward.
    var lastStamp: [SandboxVendor: Int64] = [:]
    var nextNumericID: [ServiceTitanResource: Int64] = [:]
    var random: SeededRandom
    /// ServiceTitan access tokens: token → expiry (ms).
    var tokens: [String: Int64] = [:]
    /// The last Housecall Pro invoice number handed out (read from the jobs on first use).
    var lastInvoiceNumber: Int?

    init(data: SandboxData, credentials: SandboxCredentials, tokenLifetime: Int, exportBatchSize: Int,
         now: @escaping @Sendable () -> Date)
    {
        self.credentials = credentials
        self.tokenLifetime = tokenLifetime
        self.exportBatchSize = max(1, exportBatchSize)
        self.now = now
        self.random = SeededRandom(seed: 0x5A4D_B0C5)
        self.hcpZone = IANAZoneRules(identifier: data.housecallProTimeZone) ?? FixedOffsetZoneRules.utc
        var sequence: Int64 = 0
        var tables: [SandboxResource: ResourceTable] = [:]
        var lastStamp: [SandboxVendor: Int64] = [:]
        var nextNumericID: [ServiceTitanResource: Int64] = [:]
        for resource in SandboxResource.all {
            var table = ResourceTable(resource: resource)
            var stored = data[resource].enumerated().map { i, record in
                StoredRecord.make(resource, record: record, seq: 0, loadIndex: Int64(i + 1))
            }
            // The export feed starts in modification order, as a real tenant's history would.
            let order = stored.indices.sorted {
                (stored[$0].modified, stored[$0].sortID) < (stored[$1].modified, stored[$1].sortID)
            }
            for i in order {
                sequence += 1
                stored[i].seq = sequence
            }
            if resource.vendor == .serviceTitan { stored.sort { $0.sortID < $1.sortID } }
            for record in stored {
                table.insert(record)
                lastStamp[resource.vendor] = max(lastStamp[resource.vendor] ?? 0, record.modified)
            }
            if case .serviceTitan(let r) = resource {
                nextNumericID[r] = (stored.map(\.sortID).max() ?? Self.firstID(r) - 1) + 1
            }
            tables[resource] = table
        }
        self.sequence = sequence
        self.tables = tables
        self.lastStamp = lastStamp
        self.nextNumericID = nextNumericID
    }

    /// Where ids of a ServiceTitan resource start when it has no records yet.
    static func firstID(_ resource: ServiceTitanResource) -> Int64 {
        switch resource {
        case .technicians: 10101
        case .technicianShifts: 110_001
        case .nonJobAppointments: 120_001
        case .jobs: 700_001
        case .appointments: 800_001
        case .appointmentAssignments: 900_001
        case .jobTypes: 3001
        case .businessUnits: 2001
        case .zones: 501
        case .customers: 400_001
        case .locations: 500_001
        case .customerContacts: 600_001
        }
    }

    // MARK: Clock and ids

    var nowMillis: Int64 { Int64((now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The next `modifiedOn` / `updated_at` for a vendor: now, but always after the last one.
    /// Housecall Pro stamps are whole seconds.
    func nextStamp(_ vendor: SandboxVendor) -> Int64 {
        let last = lastStamp[vendor] ?? 0
        var stamp: Int64
        switch vendor {
        case .serviceTitan:
            stamp = max(nowMillis, last + 1)
        case .housecallPro:
            stamp = max(Timestamp.floorDiv(nowMillis, 1000), Timestamp.floorDiv(last, 1000) + 1) * 1000
        }
        if stamp <= last { stamp = last + 1 }
        lastStamp[vendor] = stamp
        return stamp
    }

    func formatStamp(_ vendor: SandboxVendor, _ millis: Int64) -> String {
        vendor == .serviceTitan ? Timestamp.serviceTitan(millis) : Timestamp.seconds(millis)
    }

    func newID(_ resource: ServiceTitanResource) -> Int64 {
        let id = nextNumericID[resource] ?? Self.firstID(resource)
        nextNumericID[resource] = id + 1
        return id
    }

    /// A Housecall Pro style id: `job_` and 32 hex digits.
    func newKey(prefix: String) -> String {
        prefix + "_" + random.hex(32)
    }

    // MARK: Reading and writing records

    func table(_ resource: SandboxResource) -> ResourceTable {
        tables[resource] ?? ResourceTable(resource: resource)
    }

    func stored(_ resource: SandboxResource, _ key: String) -> StoredRecord? {
        tables[resource]?.record(key)
    }

    /// Changes one record: `change` edits its JSON; the stamp and the change sequence move
    /// unless `bump` is false. Returns the record as stored afterwards.
    @discardableResult
    func rewrite(
        _ resource: SandboxResource, key: String, active: Bool? = nil, deleted: Bool? = nil, bump: Bool = true,
        _ change: (inout JSONValue) throws -> Void = { _ in }
    ) throws -> StoredRecord {
        guard var record = stored(resource, key) else {
            throw VendorError.notFound(resource.vendor, "\(resource) \(key)")
        }
        var json = record.json(resource)
        try change(&json)
        if let active { record.active = active }
        if let deleted { record.deleted = deleted }
        if resource.vendor == .serviceTitan {
            json["active"] = .bool(record.active && !record.deleted)
        }
        if bump {
            let stamp = nextStamp(resource.vendor)
            json[resource.vendor == .serviceTitan ? "modifiedOn" : "updated_at"] = .string(
                formatStamp(resource.vendor, stamp))
            sequence += 1
            record.seq = sequence
        }
        record.refresh(resource, json: json)
        tables[resource]?.replace(record)
        return record
    }

    /// Adds a record (its `id` must be set), stamped as created now.
    @discardableResult
    func insert(_ resource: SandboxResource, _ json: JSONValue) -> StoredRecord {
        var json = json
        let stamp = formatStamp(resource.vendor, nextStamp(resource.vendor))
        switch resource.vendor {
        case .serviceTitan:
            json["createdOn"] = .string(stamp)
            json["modifiedOn"] = .string(stamp)
        case .housecallPro:
            if resource != .housecallPro(.jobTypes) {
                json["created_at"] = .string(stamp)
                if resource != .housecallPro(.employees) { json["updated_at"] = .string(stamp) }
            }
        }
        sequence += 1
        let record = StoredRecord.make(
            resource, json: json, seq: sequence, loadIndex: Int64((tables[resource]?.count ?? 0) + 1))
        if tables[resource] == nil { tables[resource] = ResourceTable(resource: resource) }
        tables[resource]?.insert(record)
        return record
    }
}
