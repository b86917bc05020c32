/// The store's schema, as an ordered list of migrations keyed by `PRAGMA user_version`.
///
/// Migration `n` (1-based) takes a store from version `n - 1` to `n`. Each runs in its own
/// transaction together with the version bump, so a crash leaves the store at a whole
/// version. Never edit a released migration: append a new one.
enum StoreSchema {
    static let migrations: [String] = [
        // Version 1: conversations, ratings, quarantine, ingested files, runs.
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY NOT NULL,
            text TEXT NOT NULL,
            final_intent TEXT,
            resolved_by TEXT,
            started_at TEXT,
            resolved_at TEXT,
            bot_intent TEXT,
            bot_confidence REAL CHECK (bot_confidence IS NULL OR bot_confidence BETWEEN 0 AND 1),
            bot_tier INTEGER CHECK (bot_tier IS NULL OR bot_tier IN (1, 2, 3)),
            source_file TEXT NOT NULL,
            source_line INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE ratings (
            id TEXT PRIMARY KEY NOT NULL,
            conversation_id TEXT NOT NULL REFERENCES conversations(id),
            verdict TEXT NOT NULL CHECK (verdict IN
                ('correct_handoff', 'unnecessary_handoff', 'wrong_intent', 'should_have_escalated')),
            corrected_intent TEXT,
            agent_id TEXT,
            rated_at TEXT,
            source_file TEXT NOT NULL,
            source_line INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            seq INTEGER NOT NULL UNIQUE
        );
        CREATE INDEX ratings_by_conversation ON ratings(conversation_id, rated_at, seq);
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('transcripts', 'ratings')),
            source_file TEXT NOT NULL,
            file_digest TEXT NOT NULL,
            line INTEGER NOT NULL,
            raw TEXT NOT NULL,
            reason TEXT NOT NULL,
            quarantined_at TEXT NOT NULL,
            UNIQUE (file_digest, line)
        );
        CREATE TABLE ingested_files (
            digest TEXT PRIMARY KEY NOT NULL,
            path TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('transcripts', 'ratings')),
            rows_read INTEGER NOT NULL,
            accepted INTEGER NOT NULL,
            duplicates INTEGER NOT NULL,
            quarantined INTEGER NOT NULL,
            first_ingested_at TEXT NOT NULL,
            last_ingested_at TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'published', 'skipped', 'rejected', 'failed')),
            version TEXT,
            data_fingerprint TEXT,
            summary_json TEXT,
            error TEXT
        );
        """
    ]

    /// The newest schema version this code knows.
    static var latestVersion: Int { migrations.count }

    /// The store's schema version; throws `StoreError.schemaTooNew` if this code is older.
    @discardableResult
    static func refuseNewerVersion(_ database: SQLiteDatabase) throws(StoreError) -> Int {
        let found = Int(try database.integer("PRAGMA user_version") ?? 0)
        if found > latestVersion {
            throw StoreError.schemaTooNew(path: database.path, found: found, known: latestVersion)
        }
        return found
    }

    /// Brings the store up to `latestVersion`, or refuses a store from a newer Baton
    /// without touching it.
    static func migrate(_ database: SQLiteDatabase) throws {
        let found = try refuseNewerVersion(database)
        for version in (found + 1)..<(latestVersion + 1) {
            try database.transaction {
                try database.execute(migrations[version - 1])
                try database.execute("PRAGMA user_version = \(version)")
            }
        }
    }
}
