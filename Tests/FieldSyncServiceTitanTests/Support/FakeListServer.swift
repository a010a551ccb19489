import FieldSyncCore
import Foundation

@testable import FieldSyncServiceTitan

/// A ServiceTitan list endpoint over records that tests can change between requests: filters
/// by `modifiedOnOrAfter`, sorts by `modifiedOn` then id, and pages by `page` and `pageSize`.
final class FakeListServer: @unchecked Sendable {
    struct Record {
        var id: Int
        var modifiedOn: String
        var json: (_ id: Int, _ modifiedOn: String) -> String
    }

    private let lock = NSLock()
    private var records: [Record]
    private var served = 0
    /// Called after each page served, with the number of pages served so far.
    private let afterPage: @Sendable (Int, FakeListServer) -> Void

    init(_ records: [Record], afterPage: @escaping @Sendable (Int, FakeListServer) -> Void = { _, _ in }) {
        self.records = records
        self.afterPage = afterPage
    }

    func modify(id: Int, modifiedOn: String) {
        lock.withLock {
            if let index = records.firstIndex(where: { $0.id == id }) { records[index].modifiedOn = modifiedOn }
        }
    }

    func reply(_ call: ScriptedTransport.Call) -> ScriptedTransport.Reply {
        let (body, count): (String, Int) = lock.withLock {
            let since = call.query["modifiedOnOrAfter"].flatMap(STInstant.init(parsing:))
            let page = Int(call.query["page"] ?? "1") ?? 1
            let size = Int(call.query["pageSize"] ?? "50") ?? 50
            let matching = records
                .filter { record in since.map { STInstant(parsing: record.modifiedOn)! >= $0 } ?? true }
                .sorted { (STInstant(parsing: $0.modifiedOn)!, $0.id) < (STInstant(parsing: $1.modifiedOn)!, $1.id) }
            let slice = matching.dropFirst((page - 1) * size).prefix(size)
            served += 1
            let hasMore = matching.count > page * size
            return (Fixture.listPage(slice.map { $0.json($0.id, $0.modifiedOn) }, page: page, pageSize: size, hasMore: hasMore), served)
        }
        afterPage(count, self)
        return .json(body)
    }
}
