/// The records of one resource, in id order, with lookups by id and by change sequence.
struct ResourceTable: Sendable {
    let resource: SandboxResource
    private(set) var records: [StoredRecord] = []
    private var positions: [String: Int] = [:]
    private var seqOrderCache: [Int]?

    init(resource: SandboxResource) {
        self.resource = resource
    }

    var count: Int { records.count }

    func record(_ key: String) -> StoredRecord? {
        positions[key].map { records[$0] }
    }

    func contains(_ key: String) -> Bool { positions[key] != nil }

    mutating func insert(_ record: StoredRecord) {
        if let i = positions[record.key] {
            records[i] = record
        } else {
            positions[record.key] = records.count
            records.append(record)
        }
        seqOrderCache = nil
    }

    mutating func replace(_ record: StoredRecord) {
        insert(record)
    }

    /// Indices into ``records`` in change-sequence order.
    mutating func seqOrder() -> [Int] {
        if let seqOrderCache { return seqOrderCache }
        let order = records.indices.sorted { records[$0].seq < records[$1].seq }
        seqOrderCache = order
        return order
    }
}
