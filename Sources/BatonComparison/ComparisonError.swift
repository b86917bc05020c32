/// Why two versions' predictions cannot be evaluated or compared.
public enum ComparisonError: Error, CustomStringConvertible, Sendable {
    /// A version has no intents.
    case noIntents(version: String)
    /// The probability matrix is not `messages × intents`.
    case shapeMismatch(version: String, expected: Int, found: Int)
    /// A probability is NaN, infinite or outside [0, 1].
    case invalidProbability(version: String, message: Int, value: Double)
    /// The two versions were scored on different numbers of messages.
    case differentMessageCounts(a: String, aMessages: Int, b: String, bMessages: Int)
    /// There are no messages to evaluate.
    case noMessages

    public var description: String {
        switch self {
        case .noIntents(let version):
            return "Version \(version) has no intents, so its predictions cannot be scored. Check that its manifest lists intents."
        case .shapeMismatch(let version, let expected, let found):
            return "The probabilities of \(version) hold \(found) values where messages × intents = \(expected) were expected. "
                + "Score every message with every intent of that version, row-major."
        case .invalidProbability(let version, let message, let value):
            return "Version \(version) gave message \(message) the probability \(value), which is not in [0, 1]. "
                + "The model's weights may be damaged; load the version with verification."
        case .differentMessageCounts(let a, let aMessages, let b, let bMessages):
            return "\(a) was scored on \(aMessages) messages and \(b) on \(bMessages): a paired comparison needs the same messages "
                + "in the same order for both versions."
        case .noMessages:
            return "There are no labelled messages to evaluate on. Pass a file with text and intent columns, or a store with a holdout."
        }
    }
}
