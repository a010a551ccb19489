/// The paging, activity, date and sort parameters every ServiceTitan list endpoint shares.
struct STListRequest: Sendable {
    enum Activity: Sendable { case active, inactive, any }

    var page = 1
    var pageSize = 50
    var includeTotal = false
    var activity = Activity.active
    var modifiedOnOrAfter: Int64?
    var modifiedBefore: Int64?
    var createdOnOrAfter: Int64?
    var createdBefore: Int64?
    var ids: Set<Int64>?
    /// `Id`, `ModifiedOn`, `CreatedOn` (or `Priority` for jobs), ascending or not.
    var sortField = "id"
    var ascending = true

    /// Reads and checks the shared parameters (400 naming the bad one).
    init(_ q: QueryParameters, resource: ServiceTitanResource) throws(VendorError) {
        if let text = q.first("page") {
            guard let v = Int(text), v >= 1 else { throw .badValue(.serviceTitan, field: "page", value: text, expected: "an integer of 1 or more") }
            page = v
        }
        if let text = q.first("pageSize") {
            guard let v = Int(text), (1...5000).contains(v) else {
                throw .badValue(.serviceTitan, field: "pageSize", value: text, expected: "an integer from 1 to 5000")
            }
            pageSize = v
        }
        if let text = q.first("includeTotal") { includeTotal = try Self.bool(text, field: "includeTotal") }
        if resource == .nonJobAppointments {
            if let text = q.first("activeOnly") { activity = try Self.bool(text, field: "activeOnly") ? .active : .any }
        }
        if let text = q.first("active") {
            switch text.lowercased() {
            case "true": activity = .active
            case "false": activity = .inactive
            case "any": activity = .any
            default: throw .badValue(.serviceTitan, field: "active", value: text, expected: "True, Any or False")
            }
        }
        modifiedOnOrAfter = try Self.instant(q, "modifiedOnOrAfter")
        modifiedBefore = try Self.instant(q, "modifiedBefore")
        createdOnOrAfter = try Self.instant(q, "createdOnOrAfter")
        createdBefore = try Self.instant(q, "createdBefore")
        if let text = q.first("ids") {
            var set = Set<Int64>()
            for part in text.split(separator: ",") {
                guard let id = Int64(part.trimmingSpaces) else {
                    throw .badValue(.serviceTitan, field: "ids", value: text, expected: "comma-separated ids")
                }
                set.insert(id)
            }
            guard set.count <= 50 else {
                throw .badValue(.serviceTitan, field: "ids", value: "\(set.count) ids", expected: "at most 50 ids")
            }
            ids = set
        }
        if resource == .jobTypes {
            if let field = q.first("orderBy") {
                guard let f = Self.sortField(field, allowed: ["id", "modifiedon", "createdon"]) else {
                    throw .badValue(.serviceTitan, field: "orderBy", value: field, expected: "id, modifiedOn or createdOn")
                }
                sortField = f
            }
            if let direction = q.first("orderByDirection") {
                switch direction.lowercased() {
                case "asc", "ascending": ascending = true
                case "desc", "descending": ascending = false
                default: throw .badValue(.serviceTitan, field: "orderByDirection", value: direction, expected: "asc or desc")
                }
            }
        } else if let sort = q.first("sort") {
            // `+` arrives as a space unless the client escaped it; both mean ascending.
            var text = Substring(sort.trimmingSpaces)
            ascending = true
            if text.hasPrefix("-") {
                ascending = false
                text = text.dropFirst()
            } else if text.hasPrefix("+") {
                text = text.dropFirst()
            }
            let allowed = resource == .jobs ? ["id", "modifiedon", "createdon", "priority"] : ["id", "modifiedon", "createdon"]
            guard let f = Self.sortField(String(text), allowed: allowed) else {
                throw .badValue(.serviceTitan, field: "sort", value: sort, expected: "+Id, -Id, +ModifiedOn, -ModifiedOn, +CreatedOn or -CreatedOn")
            }
            sortField = f
        }
    }

    static func sortField(_ text: String, allowed: [String]) -> String? {
        let lower = text.lowercased()
        return allowed.contains(lower) ? lower : nil
    }

    static func bool(_ text: String, field: String) throws(VendorError) -> Bool {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .badValue(.serviceTitan, field: field, value: text, expected: "true or false")
        }
    }

    /// An RFC 3339 instant (or a bare date) in milliseconds; 400 when it is not one.
    static func instant(_ q: QueryParameters, _ field: String) throws(VendorError) -> Int64? {
        guard let text = q.first(field) else { return nil }
        guard let ms = Timestamp.millis(text) else {
            throw .badValue(.serviceTitan, field: field, value: text, expected: "an RFC 3339 date-time such as 2026-11-23T00:00:00Z")
        }
        return ms
    }

    static func int(_ q: QueryParameters, _ field: String) throws(VendorError) -> Int64? {
        guard let text = q.first(field) else { return nil }
        guard let v = Int64(text) else { throw .badValue(.serviceTitan, field: field, value: text, expected: "an integer") }
        return v
    }

    /// Whether a record passes the shared filters.
    func admits(_ r: StoredRecord) -> Bool {
        if r.deleted { return false }
        switch activity {
        case .active: if !r.active { return false }
        case .inactive: if r.active { return false }
        case .any: break
        }
        if let t = modifiedOnOrAfter, r.modified < t { return false }
        if let t = modifiedBefore, r.modified >= t { return false }
        if let t = createdOnOrAfter, r.created < t { return false }
        if let t = createdBefore, r.created >= t { return false }
        if let ids, !ids.contains(r.sortID) { return false }
        return true
    }

    /// The positions of `records` in the requested order (records are kept in id order, so the
    /// default order needs no sorting).
    func order(_ positions: [Int], of records: [StoredRecord]) -> [Int] {
        if sortField == "id" {
            return ascending ? positions : positions.reversed()
        }
        let keys = positions.map { i -> (Int64, Int64) in
            let r = records[i]
            switch sortField {
            case "modifiedon": return (r.modified, r.sortID)
            case "createdon": return (r.created, r.sortID)
            default: return (Int64(Self.priorityRank(r.fields.priority)), r.sortID)
            }
        }
        let order = keys.indices.sorted { ascending ? keys[$0] < keys[$1] : keys[$1] < keys[$0] }
        return order.map { positions[$0] }
    }

    static func priorityRank(_ p: String?) -> Int {
        switch p {
        case "Low": 0
        case "Normal": 1
        case "High": 2
        case "Urgent": 3
        default: -1
        }
    }
}
