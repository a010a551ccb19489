import FieldSyncCore
import Foundation
import GRDB
import GRDBSQLite

/// Helpers for reading many rows fast (the checks' snapshot, the booking engine's schedule
/// index): statements stepped with SQLite's own accessors and stored dates turned into
/// milliseconds by SQLite (no date parsing in Swift).
enum RawSQL {
    /// Milliseconds since 1970 of a stored date, computed by SQLite.
    static func millis(_ column: String) -> String {
        "ROUND((julianday(\(column)) - 2440587.5) * 86400000.0)"
    }

    /// `AND <column> IN (…)` limiting to `ids` (bound as one JSON array), or nothing.
    static func only(_ column: String, _ ids: Set<String>?) -> (sql: String, json: String?) {
        guard let ids else { return ("", nil) }
        let data = (try? JSONEncoder().encode(ids.sorted())) ?? Data("[]".utf8)
        return (" AND \(column) IN (SELECT value FROM json_each(?))", String(decoding: data, as: UTF8.self))
    }

    /// Steps `sql` with `arguments` (text or doubles), calling `body` on each row.
    static func step(_ db: Database, sql: String, arguments: [any DatabaseValueConvertible] = [], _ body: (OpaquePointer) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(StatementArguments(arguments))
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
            }
            try body(handle)
        }
    }

    static func text(_ s: OpaquePointer, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(s, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column))), as: UTF8.self)
    }

    /// A text column's UTF-8 bytes, valid until the statement steps again: for looking a value up
    /// without making a `String` of it.
    static func bytes(_ s: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer? {
        guard let bytes = sqlite3_column_text(s, column) else { return nil }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(s, column)))
    }

    static func double(_ s: OpaquePointer, _ column: Int32) -> Double? {
        sqlite3_column_type(s, column) == SQLITE_NULL ? nil : sqlite3_column_double(s, column)
    }

    static func date(_ s: OpaquePointer, _ column: Int32) -> Date {
        Date(timeIntervalSince1970: sqlite3_column_double(s, column) / 1000)
    }

    /// A place from a row's street, city, region, postal code, country, latitude, longitude
    /// starting at `first`; nil when every part is missing.
    static func location(_ s: OpaquePointer, from first: Int32) -> Location? {
        let location = Location(
            street: text(s, first), city: text(s, first + 1), region: text(s, first + 2), postalCode: text(s, first + 3),
            country: text(s, first + 4), latitude: double(s, first + 5), longitude: double(s, first + 6))
        return location == Location() ? nil : location
    }

    /// The address of a booking's stored intent (`{"address": {"street", …, "latitude", "longitude"}}`),
    /// read leniently: numbers may be strings, unknown keys are ignored, anything unreadable is nil.
    static func intentAddress(_ json: String?) -> Location? {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let address = object["address"] as? [String: Any]
        else { return nil }
        func string(_ key: String) -> String? {
            if let s = address[key] as? String, !s.isEmpty { return s }
            if let n = address[key] as? NSNumber { return n.stringValue }
            return nil
        }
        func number(_ key: String) -> Double? {
            if let n = address[key] as? NSNumber { return n.doubleValue }
            if let s = address[key] as? String { return Double(s.trimmingCharacters(in: .whitespaces)) }
            return nil
        }
        let location = Location(
            street: string("street"), city: string("city"), region: string("region") ?? string("state"),
            postalCode: string("postalCode") ?? string("postal_code") ?? string("zip"), country: string("country"),
            latitude: number("latitude"), longitude: number("longitude"))
        return location == Location() ? nil : location
    }
}
