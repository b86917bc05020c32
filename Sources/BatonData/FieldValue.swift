/// One value of an input row, before it is checked against a record type.
///
/// CSV cells are always text; JSON Lines values keep their JSON type so that, say,
/// `"bot_tier": true` can be rejected with a reason instead of being read as 1.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case null
    /// A JSON array or object, which no record field accepts.
    case nested(kind: String)

    /// How the value is named in a rejection reason.
    var kindName: String {
        switch self {
        case .text: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .nested(let kind): return kind
        }
    }
}
