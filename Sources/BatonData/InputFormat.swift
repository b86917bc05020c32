import Foundation

/// The layout of an input file, chosen by its extension.
///
/// Exports come from different tools (a ticketing system's CSV, a log pipeline's JSON
/// Lines); the extension is the one signal both reliably set, so it decides.
public enum InputFormat: String, Sendable, Equatable {
    /// RFC 4180 CSV whose first row names the columns.
    case csv
    /// One JSON object per line (`.jsonl`, `.ndjson`, and `.json`).
    case jsonLines

    /// The format for a file name's extension (case-insensitive).
    public init(fileURL: URL) throws(DataFileError) {
        let fileExtension = fileURL.pathExtension.lowercased()
        switch fileExtension {
        case "csv": self = .csv
        case "jsonl", "ndjson", "json": self = .jsonLines
        default: throw DataFileError.unknownFormat(path: fileURL.path, fileExtension: fileURL.pathExtension)
        }
    }
}
