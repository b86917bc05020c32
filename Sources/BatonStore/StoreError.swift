/// Why the feedback store could not do what was asked.
///
/// SQLite failures carry the result code, SQLite's message and the SQL that failed (as
/// GRDB's `DatabaseError` does), so a log line is enough to tell a locked store from a
/// full disk from a damaged file.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The store file could not be opened or created.
    case cannotOpen(path: String, code: Int32, message: String)
    /// A statement failed.
    case sqlite(path: String, code: Int32, message: String, sql: String)
    /// The store was written by a newer Baton whose schema this code does not know.
    case schemaTooNew(path: String, found: Int, known: Int)
    /// `collect(holdoutPercent:)` was given a percentage outside 0...100.
    case invalidHoldoutPercent(Int)
    /// `finishRun` named a run that was never begun in this store.
    case unknownRun(path: String, id: Int64)

    /// SQLite's (extended) result code, when the failure came from SQLite.
    public var resultCode: Int32? {
        switch self {
        case .cannotOpen(_, let code, _), .sqlite(_, let code, _, _): return code
        default: return nil
        }
    }

    /// The primary result code (the low byte), to catch a whole family such as every
    /// constraint violation (19) or a busy store (5) at once.
    public var primaryResultCode: Int32? {
        resultCode.map { $0 & 0xFF }
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code, let message):
            return "feedback store \(path): cannot open (SQLite \(code): \(message)). "
                + "Check that its folder exists and is writable."
        case .sqlite(let path, let code, let message, let sql):
            return "feedback store \(path): SQLite \(code): \(message), running `\(Self.oneLine(sql))`. "
                + Self.advice(forPrimaryCode: code & 0xFF)
        case .schemaTooNew(let path, let found, let known):
            return "feedback store \(path): its schema is version \(found), but this Baton knows versions up to \(known), "
                + "so a newer Baton wrote it. Upgrade Baton, or point it at another store; the file was not changed."
        case .invalidHoldoutPercent(let percent):
            return "holdout percentage \(percent) is outside 0...100; pass a whole percentage such as 10."
        case .unknownRun(let path, let id):
            return "feedback store \(path): no run with id \(id); finish only runs begun with beginRun in this store."
        }
    }

    private static func advice(forPrimaryCode code: Int32) -> String {
        switch code {
        case 5, 6: return "Another process is using the store; retry when it has finished."
        case 8: return "The store is read-only here; check the file's and its folder's permissions."
        case 10: return "A disk read or write failed; check the disk."
        case 11, 26: return "The file is damaged or is not a Baton feedback store; restore it from a backup."
        case 13: return "The disk is full; free space and retry."
        case 19: return "A row broke a constraint of the schema."
        default: return "Retry; if it persists, keep the store file for inspection."
        }
    }

    private static func oneLine(_ sql: String) -> String {
        sql.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
    }
}
