import GRDB

extension Database {
    /// Executes `sql` through the connection's statement cache: the upserts of a sync run the
    /// same few statements thousands of times, and preparing them once matters.
    func execute(cached sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row of `sql`, through the statement cache.
    func fetchOneRow(cached sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }
}
