import GRDB

/// Why the cache could not do what was asked, with the file and, where SQLite said something,
/// its result code.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// The file exists but is not a fieldsync cache (another SQLite file, or not SQLite at all).
        case notACache
        /// The cache was written by a newer fieldsync with schema changes this one does not know.
        case newerSchema
        /// Another process holds the write lock longer than the busy timeout.
        case busy
        /// The file or its folder cannot be read or written.
        case io
        /// Anything else SQLite reported.
        case database
    }

    public var code: Code
    public var message: String
    public var path: String
    /// SQLite's extended result code, when SQLite produced the error.
    public var sqliteCode: Int32?

    public init(_ code: Code, _ message: String, path: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.sqliteCode = sqliteCode
    }

    public var description: String { "\(path): \(message)" }

    /// Classifies an error from GRDB.
    static func wrapping(_ error: any Error, path: String, doing what: String) -> CacheError {
        if let cacheError = error as? CacheError { return cacheError }
        guard let db = error as? DatabaseError else {
            return CacheError(.database, "\(what): \(error)", path: path)
        }
        let code: Code
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: code = .busy
        case .SQLITE_NOTADB: code = .notACache
        case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_FULL: code = .io
        default: code = .database
        }
        let detail: String
        switch code {
        case .busy: detail = "another fieldsync process is writing to the cache; try again shortly"
        case .notACache: detail = "the file is not a SQLite database"
        default: detail = db.message ?? "\(db.resultCode)"
        }
        return CacheError(code, "\(what): \(detail)", path: path, sqliteCode: db.extendedResultCode.rawValue)
    }
}
