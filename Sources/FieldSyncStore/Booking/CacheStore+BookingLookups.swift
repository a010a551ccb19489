import Foundation
import GRDB

/// Where a technician comes from: what a booking needs to write to the right backend.
public struct TechnicianOrigin: Sendable, Hashable {
    public var id: String
    public var name: String
    public var source: String
    public var backend: String
    /// The backend's own id for the technician.
    public var externalID: String
    public var active: Bool
}

extension CacheStore {
    /// The technician's source and backend id; nil when the cache does not know the id.
    public func technicianOrigin(id: String) throws(CacheError) -> TechnicianOrigin? {
        try read("cannot read the technician") { db in
            try Row.fetchOne(
                db, sql: "SELECT id, name, source, backend, external_id, active FROM technicians WHERE id = ?", arguments: [id]
            ).map {
                TechnicianOrigin(id: $0[0], name: $0[1], source: $0[2], backend: $0[3], externalID: $0[4], active: $0[5])
            }
        }
    }

    /// When each source last finished a successful sync.
    public func lastSuccessfulSyncs() throws(CacheError) -> [String: Date] {
        try read("cannot read sync runs") { db in
            var result: [String: Date] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT source, MAX(finished_at) FROM sync_runs WHERE state = 'succeeded' GROUP BY source")
            {
                if let date: Date = row[1] { result[row[0]] = date }
            }
            return result
        }
    }

    /// A value that changes whenever a sync run starts or finishes: the booking engine rebuilds its
    /// in-memory schedule when it changes.
    public func syncGeneration() throws(CacheError) -> String {
        try read("cannot read sync runs") { db in
            let row = try Row.fetchOne(db, sql: "SELECT MAX(id), MAX(finished_at), COUNT(*) FROM sync_runs")
            let id: Int64? = row?[0]
            let finished: String? = row?[1]
            let count: Int64? = row?[2]
            return "\(id ?? 0)|\(finished ?? "-")|\(count ?? 0)"
        }
    }
}

extension CacheStore {
    /// The cached customers with this phone number (compared by its last ten digits), as
    /// (source, the backend's customer id): how the shop's never-send rules find a caller.
    public func customers(phone: String) throws(CacheError) -> [(source: String, externalID: String)] {
        let digits = String(phone.filter(\.isNumber).suffix(10))
        guard digits.count >= 7 else { return [] }
        return try read("cannot read customers") { db in
            var found: [(String, String)] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT source, external_id, phone FROM customers WHERE phone IS NOT NULL AND deleted_at IS NULL")
            while let row = try rows.next() {
                let stored: String = row[2]
                if String(stored.filter(\.isNumber).suffix(10)) == digits { found.append((row[0], row[1])) }
            }
            return found
        }
    }
}

extension CacheStore {
    /// How many bookings are owed a write, and since when the oldest: what a monitor alerts on.
    public func owedWrites() throws(CacheError) -> (count: Int, oldest: Date?) {
        try read("cannot count the bookings owed a write") { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), MIN(created_at) FROM bookings WHERE state = 'writing'")
            return (row?[0] ?? 0, row?[1])
        }
    }
}
