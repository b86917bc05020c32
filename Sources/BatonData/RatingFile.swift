import Foundation

/// A file of agent ratings of handoffs: CSV with a header, or JSON Lines.
///
/// Columns / keys: rating_id, conversation_id, verdict, corrected_intent, agent_id,
/// rated_at; names are matched case-insensitively and unknown ones are ignored.
public enum RatingFile {
    /// Header columns a CSV ratings file must have.
    public static let requiredColumns = ["conversation_id", "verdict"]

    /// Every row of the file at `url`, valid or not.
    /// - Throws: `DataFileError` only when the file itself can't be read: missing, a
    ///   folder, an unknown extension, or a CSV header without `conversation_id` / `verdict`.
    public static func read(at url: URL) throws(DataFileError) -> [ParsedRow<RatingRecord>] {
        let format = try InputFormat(fileURL: url)
        return try parse(bytes: try DataFile.readBytes(at: url), format: format, path: url.path)
    }

    /// Every row of a file already read into memory; `path` is used in error messages.
    public static func parse(
        bytes: [UInt8], format: InputFormat, path: String
    ) throws(DataFileError) -> [ParsedRow<RatingRecord>] {
        let rows = try DataFile.rows(bytes: bytes, format: format, path: path, requiredColumns: requiredColumns)
        return DataFile.records(rows, validate: RatingRecord.validated)
    }
}
