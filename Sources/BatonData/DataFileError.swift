import Foundation

/// Why a whole input file could not be read.
///
/// Only problems with the file itself end up here: a bad row never does (it becomes a
/// `ParsedRow.malformed` with a reason), so one odd line never stops a nightly ingest.
public enum DataFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Nothing exists at the path.
    case missing(path: String)
    /// The path names a folder, not a file.
    case isDirectory(path: String)
    /// The file exists but reading it failed (permissions, I/O error).
    case unreadable(path: String, reason: String)
    /// The extension does not say which format the file is in.
    case unknownFormat(path: String, fileExtension: String)
    /// A CSV file has no header row at all.
    case emptyFile(path: String)
    /// The CSV header row itself could not be parsed.
    case malformedHeader(path: String, reason: String)
    /// The CSV header lacks a column the record type needs.
    case missingColumn(path: String, column: String, found: [String])
    /// The CSV header names the same column twice, so a value would be ambiguous.
    case duplicateColumn(path: String, column: String)
    /// A `.json` file holds one JSON array instead of one object per line.
    case jsonArrayInsteadOfLines(path: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file. Check the path, or that the export finished writing it."
        case .isDirectory(let path):
            return "\(path): is a folder, not a file. Pass one CSV or JSON Lines file."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)). Check its permissions."
        case .unknownFormat(let path, let fileExtension):
            let shown = fileExtension.isEmpty ? "no extension" : "extension .\(fileExtension)"
            return "\(path): \(shown) is not a known format. Name the file .csv (with a header row) or .jsonl / .ndjson / .json (one JSON object per line)."
        case .emptyFile(let path):
            return "\(path): the CSV file is empty; it needs a header row such as `text,intent`."
        case .malformedHeader(let path, let reason):
            return "\(path): line 1: the CSV header row is malformed (\(reason)). Fix the header and ingest the file again."
        case .missingColumn(let path, let column, let found):
            let columns = found.isEmpty ? "none" : found.joined(separator: ", ")
            return "\(path): the CSV header has no `\(column)` column (found: \(columns)). Add the column, or check that this is the right kind of file."
        case .duplicateColumn(let path, let column):
            return "\(path): the CSV header names the column `\(column)` more than once. Keep one of them and ingest the file again."
        case .jsonArrayInsteadOfLines(let path):
            return "\(path): the file holds a JSON array; Baton reads JSON Lines (one JSON object per line). Write one object per line and ingest it again."
        }
    }
}
