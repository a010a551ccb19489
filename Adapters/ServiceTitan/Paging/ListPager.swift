import FieldSyncCore
import Foundation

/// Keyset paging over a ServiceTitan list endpoint sorted by `+ModifiedOn`, robust to records
/// that change while it pages.
///
/// Page numbers over a changing list skip records: when one already read is modified it moves
/// to the end, and everything behind it moves up one place. So instead of asking for page 2,
/// the pager asks for page 1 again with `modifiedOnOrAfter` set to the last `modifiedOn` it saw
/// (the high-water mark), leaving out records already delivered at exactly that instant (by id
/// and `modifiedOn`). A record modified while it pages turns up later with its new
/// `modifiedOn`, never skipped.
///
/// When a whole page shares one `modifiedOn` (a bulk update), the window cannot move: the pager
/// asks for that instant again with the largest page size (5000), and only when even that page
/// is all one instant does it fall back to page numbers.
///
/// The cursor `list/<resource>` holds the high-water mark, and its payload the ids already
/// delivered at that instant (one per line), so the next run does not deliver them again.
struct ListPager: Sendable {
    static func cursorKey(_ resource: String) -> String { "list/\(resource)" }
    static let largestPageSize = 5000

    let resource: String
    let pageSize: Int
    private(set) var highWater: STInstant?
    /// Ids delivered with `modifiedOn == highWater`.
    private(set) var boundaryIDs: Set<String>
    private(set) var page = 1
    private(set) var size: Int
    private(set) var isFinished = false
    /// True when the list ended with `hasMore: false` (not an empty page that claimed more).
    private(set) var endedCleanly = false
    private var delivered: Set<String>

    init(resource: String, pageSize: Int, saved: SourceCursor?) {
        self.resource = resource
        self.pageSize = pageSize
        self.size = pageSize
        let highWater = saved.flatMap { $0.value.isEmpty ? nil : STInstant(parsing: $0.value) }
        self.highWater = highWater
        let ids = highWater == nil ? [] : (saved?.payload).map { String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init) } ?? []
        self.boundaryIDs = Set(ids)
        self.delivered = Set(ids.map { "\($0)@\(highWater?.description ?? "")" })
    }

    /// The paging part of the next request's query.
    var query: [(String, String)] {
        var items = [("page", String(page)), ("pageSize", String(size)), ("sort", "+ModifiedOn")]
        if let highWater { items.append(("modifiedOnOrAfter", highWater.description)) }
        return items
    }

    /// The cursor that resumes after what was received so far.
    var cursor: SourceCursor {
        SourceCursor(
            key: Self.cursorKey(resource), value: highWater?.description ?? "",
            payload: Array(boundaryIDs.sorted().joined(separator: "\n").utf8))
    }

    /// Takes in one page and returns its records not delivered before, in order; moves the
    /// window for the next request. Records whose id or `modifiedOn` cannot be read are passed
    /// on (to be rejected) and do not move the window.
    mutating func receive(_ records: [RawRecord], hasMore: Bool) -> [RawRecord] {
        let decoder = JSONDecoder()
        var fresh: [RawRecord] = []
        var pageMaximum: STInstant?
        var idsAtMaximum: [String] = []
        var readable = 0
        for raw in records {
            guard let key = try? decoder.decode(STVersionKey.self, from: raw.bytes),
                let modified = STInstant(parsing: key.modifiedOn)
            else {
                fresh.append(raw)
                continue
            }
            readable += 1
            if pageMaximum.map({ modified > $0 }) ?? true {
                pageMaximum = modified
                idsAtMaximum = [key.id.value]
            } else if modified == pageMaximum {
                idsAtMaximum.append(key.id.value)
            }
            if delivered.insert("\(key.id.value)@\(modified)").inserted { fresh.append(raw) }
        }
        var advanced = false
        if let pageMaximum {
            if highWater.map({ pageMaximum > $0 }) ?? true {
                highWater = pageMaximum
                boundaryIDs = Set(idsAtMaximum)
                advanced = true
            } else if pageMaximum == highWater {
                boundaryIDs.formUnion(idsAtMaximum)
            }
        }
        if !hasMore {
            isFinished = true
            endedCleanly = true
        } else if records.isEmpty {
            isFinished = true
        } else if advanced {
            // Page 1 again from the new mark; straight with the largest page size when this
            // whole page was one instant (the same request would only return it again).
            page = 1
            size = idsAtMaximum.count < readable ? pageSize : Self.largestPageSize
        } else if size < Self.largestPageSize {
            page = 1
            size = Self.largestPageSize
        } else {
            page += 1
        }
        return fresh
    }
}
