import Foundation

/// A file of resolved transcripts: CSV with a header (at least `text`), or JSON Lines.
///
/// Columns / keys: conversation_id, text, intent (alias final_intent), resolved_by,
/// started_at, resolved_at, bot_intent, bot_confidence, bot_tier; names are matched
/// case-insensitively and unknown ones are ignored, so the smallest file is `text,intent`.
public enum TranscriptFile {
    /// Header columns a CSV transcript file must have.
    public static let requiredColumns = ["text"]

    /// Every row of the file at `url`, valid or not.
    /// - Throws: `DataFileError` only when the file itself can't be read: missing, a
    ///   folder, an unknown extension, or a CSV header without a `text` column.
    public static func read(at url: URL) throws(DataFileError) -> [ParsedRow<TranscriptRecord>] {
        let format = try InputFormat(fileURL: url)
        return try parse(bytes: try DataFile.readBytes(at: url), format: format, path: url.path)
    }

    /// Every row of a file already read into memory; `path` is used in error messages.
    public static func parse(
        bytes: [UInt8], format: InputFormat, path: String
    ) throws(DataFileError) -> [ParsedRow<TranscriptRecord>] {
        let rows = try DataFile.rows(bytes: bytes, format: format, path: path, requiredColumns: requiredColumns)
        return DataFile.records(rows, validate: TranscriptRecord.validated)
    }
}
