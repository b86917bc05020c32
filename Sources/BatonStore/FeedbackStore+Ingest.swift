import BatonCore
import BatonData
import Foundation

extension FeedbackStore {
    /// Adds the conversations of a transcript file (CSV or JSON Lines) to the store.
    ///
    /// Rows are keyed by conversation id (or the stable id derived from text and intent),
    /// so ingesting a file again adds nothing and reports its rows as duplicates. Rows
    /// that fail validation are quarantined with their line, raw text and reason; they
    /// never stop the rest of the file. The whole file is one transaction.
    /// - Throws: `DataFileError` when the file itself can't be read (missing, a folder,
    ///   unknown extension, no `text` column); `StoreError` when the store fails.
    public func ingestTranscripts(fileAt url: URL, now: Date = Date()) throws -> IngestReport {
        let format = try InputFormat(fileURL: url)
        let bytes = try DataFile.readBytes(at: url)
        let rows = try TranscriptFile.parse(bytes: bytes, format: format, path: url.path)
        let insert = try database.prepare(
            """
            INSERT INTO conversations (id, text, final_intent, resolved_by, started_at, resolved_at,
                bot_intent, bot_confidence, bot_tier, source_file, source_line, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """)
        let ingestedAt = UTCTimestamp.string(from: now)
        return try ingest(kind: .transcripts, path: url.path, bytes: bytes, rows: rows, now: now) { record, line in
            try insert.run([
                .text(record.conversationID), .text(record.text), .optional(record.finalIntent),
                .optional(record.resolvedBy), .optional(record.startedAt), .optional(record.resolvedAt),
                .optional(record.botIntent), .optional(record.botConfidence), .optional(record.botTier),
                .text(url.path), .integer(Int64(line)), .text(ingestedAt),
            ])
            return database.changes == 1 ? .accepted : .duplicate
        }
    }

    /// Adds the ratings of a ratings file (CSV or JSON Lines) to the store.
    ///
    /// A rating must name a conversation already in the store. One that does not is
    /// quarantined with a reason saying to ingest the transcript first and then this
    /// file again; that re-ingest accepts it and clears it from quarantine. Otherwise the
    /// rules of `ingestTranscripts` apply: keyed by rating id, idempotent, one transaction.
    /// - Throws: `DataFileError` when the file itself can't be read (missing, a folder,
    ///   unknown extension, no `conversation_id` or `verdict` column); `StoreError` when
    ///   the store fails.
    public func ingestRatings(fileAt url: URL, now: Date = Date()) throws -> IngestReport {
        let format = try InputFormat(fileURL: url)
        let bytes = try DataFile.readBytes(at: url)
        let rows = try RatingFile.parse(bytes: bytes, format: format, path: url.path)
        let conversationExists = try database.prepare("SELECT 1 FROM conversations WHERE id = ?")
        let ratingExists = try database.prepare("SELECT 1 FROM ratings WHERE id = ?")
        let insert = try database.prepare(
            """
            INSERT INTO ratings (id, conversation_id, verdict, corrected_intent, agent_id, rated_at,
                source_file, source_line, ingested_at, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let ingestedAt = UTCTimestamp.string(from: now)
        var nextSequence: Int64 = 0
        return try ingest(kind: .ratings, path: url.path, bytes: bytes, rows: rows, now: now) { record, line in
            try ratingExists.bind([.text(record.ratingID)])
            if try ratingExists.step() { return .duplicate }
            try conversationExists.bind([.text(record.conversationID)])
            guard try conversationExists.step() else {
                return .quarantined(
                    reason: "conversation_id \"\(record.conversationID)\" is not in the store; "
                        + "ingest the transcript file that contains it first, then ingest this ratings file again")
            }
            if nextSequence == 0 {
                nextSequence = (try database.integer("SELECT MAX(seq) FROM ratings") ?? 0) + 1
            }
            try insert.run([
                .text(record.ratingID), .text(record.conversationID), .text(record.verdict.rawValue),
                .optional(record.correctedIntent), .optional(record.agentID), .optional(record.ratedAt),
                .text(url.path), .integer(Int64(line)), .text(ingestedAt), .integer(nextSequence),
            ])
            nextSequence += 1
            return .accepted
        }
    }

    /// What happened to one valid row.
    enum RowOutcome {
        case accepted
        case duplicate
        case quarantined(reason: String)
    }

    /// The part of an ingest common to both kinds: one transaction, quarantine, the
    /// per-file bookkeeping, and the report.
    ///
    /// `ingested_files` keeps each file's cumulative outcome: rows accepted by any ingest
    /// of it, rows still quarantined, and the rest as duplicates.
    private func ingest<Record>(
        kind: IngestKind, path: String, bytes: [UInt8], rows: [ParsedRow<Record>], now: Date,
        store: (Record, Int) throws -> RowOutcome
    ) throws -> IngestReport {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bytes: $0) }
        let digest = hexString(hasher.finalize())
        let timestamp = UTCTimestamp.string(from: now)
        let quarantine = try database.prepare(
            """
            INSERT INTO quarantine (kind, source_file, file_digest, line, raw, reason, quarantined_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (file_digest, line) DO NOTHING
            """)
        let release = try database.prepare("DELETE FROM quarantine WHERE file_digest = ? AND line = ?")

        return try database.transaction {
            let previouslyIngested = try hasIngested(fileDigest: digest)
            var report = IngestReport(
                file: path, digest: digest, kind: kind, rowsRead: rows.count, accepted: 0, duplicates: 0,
                quarantined: 0, previouslyIngested: previouslyIngested)

            func setAside(line: Int, raw: String, reason: String) throws {
                try quarantine.run([
                    .text(kind.rawValue), .text(path), .text(digest), .integer(Int64(line)), .text(raw), .text(reason),
                    .text(timestamp),
                ])
                report.quarantined += 1
            }

            for row in rows {
                switch row {
                case .malformed(let line, let raw, let reason):
                    try setAside(line: line, raw: raw, reason: reason)
                case .record(let record, let line, let raw):
                    switch try store(record, line) {
                    case .accepted:
                        report.accepted += 1
                        // A row quarantined by an earlier ingest of this file (a rating that
                        // arrived before its transcript) is no longer a problem.
                        if previouslyIngested { try release.run([.text(digest), .integer(Int64(line))]) }
                    case .duplicate:
                        report.duplicates += 1
                    case .quarantined(let reason):
                        try setAside(line: line, raw: raw, reason: reason)
                    }
                }
            }

            try database.run(
                """
                INSERT INTO ingested_files (digest, path, kind, rows_read, accepted, duplicates, quarantined,
                    first_ingested_at, last_ingested_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                ON CONFLICT (digest) DO UPDATE SET
                    rows_read = excluded.rows_read,
                    accepted = ingested_files.accepted + excluded.accepted,
                    quarantined = excluded.quarantined,
                    duplicates = MAX(0, excluded.rows_read - ingested_files.accepted - excluded.accepted
                                        - excluded.quarantined),
                    last_ingested_at = excluded.last_ingested_at
                """,
                [
                    .text(digest), .text(path), .text(kind.rawValue), .integer(Int64(report.rowsRead)),
                    .integer(Int64(report.accepted)), .integer(Int64(report.duplicates)),
                    .integer(Int64(report.quarantined)), .text(timestamp),
                ])
            return report
        }
    }
}
