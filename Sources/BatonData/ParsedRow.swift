/// One row of an input file: a record, or the reason it could not become one.
///
/// Readers return every row, good and bad, each with the line on which it starts and
/// its raw text, so the store can accept the good ones and quarantine the bad ones
/// (including rows that only fail later, such as a rating of an unknown conversation).
public enum ParsedRow<Record> {
    /// A valid record that starts on the 1-based `line`, read from `raw`.
    case record(Record, line: Int, raw: String)
    /// A row that starts on `line`, with its raw text and what is wrong with it.
    case malformed(line: Int, raw: String, reason: String)

    /// The 1-based line on which the row starts.
    public var line: Int {
        switch self {
        case .record(_, let line, _): return line
        case .malformed(let line, _, _): return line
        }
    }

    /// The row's source text, without its final line break.
    public var raw: String {
        switch self {
        case .record(_, _, let raw): return raw
        case .malformed(_, let raw, _): return raw
        }
    }

    /// The record, if the row is valid.
    public var record: Record? {
        if case .record(let record, _, _) = self { return record }
        return nil
    }

    /// Why the row was rejected, if it was.
    public var malformedReason: String? {
        if case .malformed(_, _, let reason) = self { return reason }
        return nil
    }

    /// The same row with its record transformed.
    public func map<Other>(_ transform: (Record) -> Other) -> ParsedRow<Other> {
        switch self {
        case .record(let record, let line, let raw): return .record(transform(record), line: line, raw: raw)
        case .malformed(let line, let raw, let reason): return .malformed(line: line, raw: raw, reason: reason)
        }
    }
}

extension ParsedRow: Sendable where Record: Sendable {}
extension ParsedRow: Equatable where Record: Equatable {}
