import Foundation

/// Reading an input file and turning it into named rows, whatever its format.
///
/// The feedback store needs the file's exact bytes (their SHA-256 identifies the file)
/// and its rows; reading once and parsing from the bytes gives both.
public enum DataFile {
    /// The file's bytes. Throws only when the file itself cannot be read.
    public static func readBytes(at url: URL) throws(DataFileError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataFileError.missing(path: url.path)
        }
        if isDirectory.boolValue { throw DataFileError.isDirectory(path: url.path) }
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw DataFileError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Every non-blank row of the file as named values.
    /// - Parameter requiredColumns: CSV header columns without which no row could be valid;
    ///   their absence is a file-level error rather than one bad row per line.
    static func rows(
        bytes: [UInt8], format: InputFormat, path: String, requiredColumns: [String]
    ) throws(DataFileError) -> [ParsedRow<SourceRow>] {
        switch format {
        case .csv: return try csvRows(bytes: bytes, path: path, requiredColumns: requiredColumns)
        case .jsonLines: return try jsonRows(bytes: bytes, path: path)
        }
    }

    private static func csvRows(
        bytes: [UInt8], path: String, requiredColumns: [String]
    ) throws(DataFileError) -> [ParsedRow<SourceRow>] {
        var reader = CSVReader(bytes: bytes)
        guard let headerRow = reader.next() else { throw DataFileError.emptyFile(path: path) }
        let header: [String]
        switch headerRow {
        case .malformed(_, _, let reason): throw DataFileError.malformedHeader(path: path, reason: reason)
        case .record(let fields, _, _): header = fields.map { SourceRow.trimmed($0).lowercased() }
        }
        var seen = Set<String>()
        for column in header where !column.isEmpty {
            if !seen.insert(column).inserted { throw DataFileError.duplicateColumn(path: path, column: column) }
        }
        for column in requiredColumns where !seen.contains(column) {
            throw DataFileError.missingColumn(path: path, column: column, found: header.filter { !$0.isEmpty })
        }
        reader.expectedFieldCount = header.count

        return reader.map { row in
            row.map { fields in
                var values: [String: FieldValue] = [:]
                values.reserveCapacity(header.count)
                for (column, value) in zip(header, fields) where !column.isEmpty {
                    values[column] = value.isEmpty ? .null : .text(value)
                }
                return SourceRow(values: values)
            }
        }
    }

    private static func jsonRows(bytes: [UInt8], path: String) throws(DataFileError) -> [ParsedRow<SourceRow>] {
        let reader = JSONLinesReader(bytes: bytes)
        if reader.startsWithJSONArray { throw DataFileError.jsonArrayInsteadOfLines(path: path) }
        return reader.map { row in row.map { SourceRow(values: $0) } }
    }

    /// Validates each row into a record, keeping bad rows with their reason.
    static func records<Record>(
        _ rows: [ParsedRow<SourceRow>], validate: (SourceRow) -> Result<Record, SourceRow.Problem>
    ) -> [ParsedRow<Record>] {
        rows.map { row in
            switch row {
            case .malformed(let line, let raw, let reason):
                return .malformed(line: line, raw: raw, reason: reason)
            case .record(let source, let line, let raw):
                switch validate(source) {
                case .success(let record): return .record(record, line: line, raw: raw)
                case .failure(let problem): return .malformed(line: line, raw: raw, reason: problem.reason)
                }
            }
        }
    }
}
