/// Why a policy file was refused. Every message names the file and, where there is one, the
/// field path (`overrides.refund_request.autoResolveTarget`, `alwaysHuman[2]`), and says what
/// is allowed, so the person editing the file can fix it without reading code.
public enum PolicyFileError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// The bytes are not JSON; the position is given when the parser reported one.
    case invalidJSON(file: String, detail: String, byteOffset: Int?, line: Int?, column: Int?)
    /// A key the format does not know (often a typo); `suggestion` is the closest known key.
    case unknownKey(file: String, path: String, suggestion: String?, allowed: [String])
    /// A value of the wrong JSON type (a string where a number belongs, …).
    case wrongType(file: String, path: String, expected: String, found: String)
    /// A value of the right type outside what is allowed.
    case invalidValue(file: String, path: String, value: String, allowed: String)

    /// The file (as given to ``PolicyFile/parse(_:source:)`` or the URL's path).
    public var file: String {
        switch self {
        case .unreadable(let file, _), .invalidJSON(let file, _, _, _, _), .unknownKey(let file, _, _, _),
            .wrongType(let file, _, _, _), .invalidValue(let file, _, _, _):
            return file
        }
    }

    /// The field path the problem is in; nil when the problem is the whole file.
    public var path: String? {
        switch self {
        case .unreadable, .invalidJSON: return nil
        case .unknownKey(_, let path, _, _), .wrongType(_, let path, _, _), .invalidValue(_, let path, _, _): return path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "policy file '\(file)' cannot be read: \(reason). Check the path and its permissions."
        case .invalidJSON(let file, let detail, let byteOffset, let line, let column):
            var position = ""
            if let line, let column, let byteOffset {
                position = " at line \(line), column \(column) (byte \(byteOffset))"
            } else if let byteOffset {
                position = " at byte \(byteOffset)"
            }
            return "policy file '\(file)' is not valid JSON\(position): \(detail). "
                + "Fix the syntax there (a trailing comma or a missing quote is common)."
        case .unknownKey(let file, let path, let suggestion, let allowed):
            let hint = suggestion.map { " Did you mean `\($0)`?" } ?? ""
            return "policy file '\(file)': unknown field `\(path)`.\(hint) Known fields here: \(allowed.joined(separator: ", "))."
        case .wrongType(let file, let path, let expected, let found):
            return "policy file '\(file)': field `\(path)` must be \(expected), found \(found)."
        case .invalidValue(let file, let path, let value, let allowed):
            return "policy file '\(file)': field `\(path)` is \(value); \(allowed)."
        }
    }
}
