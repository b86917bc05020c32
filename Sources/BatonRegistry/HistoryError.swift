/// Why the models folder's history file could not be read or appended to.
public enum HistoryError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, operation: String, reason: String)
    case unencodable(reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "Cannot read the model history \(path): \(reason). Check its permissions; the versions themselves are unaffected."
        case .unwritable(let path, let operation, let reason):
            return "Cannot append to the model history \(path): \(operation) failed: \(reason). "
                + "Check free space and permissions; the change it was recording has been made, so record it again with the same command."
        case .unencodable(let reason):
            return "A history event could not be encoded as JSON: \(reason)."
        }
    }
}
