import CSQLite

/// One open SQLite connection; the only place that holds the `sqlite3` handle.
///
/// A thin layer on purpose: the store speaks SQL, and this type turns result codes into
/// `StoreError`s that carry the message and the SQL that failed. Not `Sendable`: a
/// connection is used from one thread of work at a time.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    /// The file path, for error messages.
    let path: String

    /// Opens (creating if needed) the database file at `path`.
    init(path: String) throws(StoreError) {
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            if let opened { sqlite3_close_v2(opened) }
            throw StoreError.cannotOpen(path: path, code: code, message: message)
        }
        handle = opened
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows of interest.
    func execute(_ sql: String) throws(StoreError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        if code != SQLITE_OK { throw failure(code: code, sql: sql) }
    }

    /// Compiles one statement for repeated use.
    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code: code, sql: sql) }
        return SQLiteStatement(handle: statement, database: self, sql: sql)
    }

    /// Runs one statement with `values` bound and returns how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws(StoreError) -> Int {
        let statement = try prepare(sql)
        try statement.run(values)
        return changes
    }

    /// The first column of the first row of a query, as an integer (nil when no row or NULL).
    func integer(_ sql: String, _ values: [SQLiteValue] = []) throws(StoreError) -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(values)
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.integer(0)
    }

    /// Runs `body` in one write transaction: committed if it returns, rolled back if it throws.
    /// `BEGIN IMMEDIATE` takes the write lock up front, so two processes wait on
    /// `busy_timeout` instead of failing on a lock upgrade halfway through.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last inserted row.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// A `StoreError` for a failed call, with SQLite's current message.
    func failure(code: Int32, sql: String) -> StoreError {
        StoreError.sqlite(path: path, code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
