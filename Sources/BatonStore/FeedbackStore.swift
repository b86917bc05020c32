import BatonCore
import BatonData
import Foundation

/// The SQLite store of everything the nightly job learns from: resolved conversations,
/// agents' ratings of handoffs, rows that could not be accepted, and the run log.
///
/// One file, opened in WAL mode with foreign keys on, so a router's reporting tools can
/// read while the job writes. Every write happens in a transaction; an ingest of a whole
/// file is one transaction, so a crash never leaves half a file in the store.
///
/// Not `Sendable`: open one store per concurrent user (SQLite handles the locking between
/// connections and processes, waiting up to five seconds for a busy store).
public final class FeedbackStore {
    let database: SQLiteDatabase

    /// The store file's path.
    public var path: String { database.path }

    /// Opens the store at `path`, creating and migrating it as needed.
    /// - Throws: `StoreError.cannotOpen` if the file cannot be opened or created,
    ///   `StoreError.schemaTooNew` if a newer Baton wrote it, `StoreError.sqlite` if it is
    ///   not a SQLite database.
    public init(path: String) throws {
        database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA busy_timeout = 5000")
        // Refuse a newer store before anything below writes to its header.
        try StoreSchema.refuseNewerVersion(database)
        // journal_mode answers with a row; run it as a query.
        let journal = try database.prepare("PRAGMA journal_mode = WAL")
        try journal.run([])
        try database.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL")
        try StoreSchema.migrate(database)
    }

    /// The schema version of the open store.
    public func schemaVersion() throws -> Int {
        Int(try database.integer("PRAGMA user_version") ?? 0)
    }

    /// Whether a file with this SHA-256 digest has been ingested, as either kind.
    /// The nightly job uses it to ingest each inbox file once.
    public func hasIngested(fileDigest: String) throws -> Bool {
        try database.integer("SELECT 1 FROM ingested_files WHERE digest = ?", [.text(fileDigest)]) != nil
    }

    /// Row counts of the main tables.
    public func counts() throws -> StoreCounts {
        func count(_ sql: String) throws -> Int { Int(try database.integer(sql) ?? 0) }
        return StoreCounts(
            conversations: try count("SELECT COUNT(*) FROM conversations"),
            labelled: try count(
                """
                SELECT COUNT(*) FROM conversations c
                WHERE c.final_intent IS NOT NULL
                   OR EXISTS (SELECT 1 FROM ratings r WHERE r.conversation_id = c.id
                              AND r.verdict = 'wrong_intent' AND r.corrected_intent IS NOT NULL)
                """),
            ratings: try count("SELECT COUNT(*) FROM ratings"),
            quarantined: try count("SELECT COUNT(*) FROM quarantine"),
            runs: try count("SELECT COUNT(*) FROM runs"))
    }

    /// The most recently quarantined rows (at most `limit`), oldest first so that the rows
    /// of one file read in line order.
    public func quarantinedRows(limit: Int) throws -> [QuarantinedRow] {
        let statement = try database.prepare(
            """
            SELECT kind, source_file, file_digest, line, raw, reason, quarantined_at FROM
              (SELECT * FROM quarantine ORDER BY id DESC LIMIT ?)
            ORDER BY id
            """)
        var rows: [QuarantinedRow] = []
        try statement.forEachRow([.integer(Int64(max(0, limit)))]) { row in
            rows.append(
                QuarantinedRow(
                    kind: IngestKind(rawValue: row.text(0)) ?? .transcripts, sourceFile: row.text(1),
                    fileDigest: row.text(2), line: Int(row.integer(3)), raw: row.text(4), reason: row.text(5),
                    quarantinedAt: row.text(6)))
        }
        return rows
    }

    // MARK: - Runs

    /// Records the start of a run and returns its id, to pass to `finishRun`.
    public func beginRun(command: String, at date: Date = Date()) throws -> Int64 {
        try database.transaction {
            try database.run(
                "INSERT INTO runs (command, started_at, status) VALUES (?, ?, 'running')",
                [.text(command), .text(UTCTimestamp.string(from: date))])
            return database.lastInsertRowID
        }
    }

    /// Records how a run ended.
    /// - Parameters:
    ///   - version: the model version published or evaluated, if any.
    ///   - dataFingerprint: `CollectedExamples.fingerprint` of the data trained on.
    ///   - summaryJSON: a machine-readable summary (metrics, counts) for dashboards.
    ///   - error: what went wrong, for `.failed` and `.rejected`.
    /// - Throws: `StoreError.unknownRun` if no run has this id.
    public func finishRun(
        id: Int64, status: RunStatus, version: String? = nil, dataFingerprint: String? = nil,
        summaryJSON: String? = nil, error: String? = nil, at date: Date = Date()
    ) throws {
        let changed = try database.transaction {
            try database.run(
                """
                UPDATE runs SET finished_at = ?, status = ?, version = ?, data_fingerprint = ?,
                    summary_json = ?, error = ?
                WHERE id = ?
                """,
                [
                    .text(UTCTimestamp.string(from: date)), .text(status.rawValue), .optional(version),
                    .optional(dataFingerprint), .optional(summaryJSON), .optional(error), .integer(id),
                ])
        }
        if changed == 0 { throw StoreError.unknownRun(path: path, id: id) }
    }

    /// The latest runs (at most `limit`), newest first.
    public func recentRuns(limit: Int) throws -> [RunRecord] {
        let statement = try database.prepare(
            """
            SELECT id, command, started_at, finished_at, status, version, data_fingerprint, summary_json, error
            FROM runs ORDER BY id DESC LIMIT ?
            """)
        var runs: [RunRecord] = []
        try statement.forEachRow([.integer(Int64(max(0, limit)))]) { row in
            runs.append(
                RunRecord(
                    id: row.integer(0), command: row.text(1), startedAt: row.text(2), finishedAt: row.optionalText(3),
                    status: RunStatus(rawValue: row.text(4)) ?? .failed, version: row.optionalText(5),
                    dataFingerprint: row.optionalText(6), summaryJSON: row.optionalText(7), error: row.optionalText(8)))
        }
        return runs
    }
}
