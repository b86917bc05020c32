import BatonModel

/// One version's calibrated probabilities for a list of messages, with the tier policy that
/// turns each prediction into a tier.
///
/// The caller featurizes the same messages with each version's own vectorizer, so two versions
/// with different vocabularies or intents are compared on equal terms: message `i` is the same
/// text for both.
public struct VersionPredictions: Sendable {
    /// "v7".
    public var version: String
    /// Column order of `probabilities`.
    public var intents: [String]
    /// Row-major `messages × intents.count`.
    public var probabilities: [Double]
    public var policy: TierPolicy

    public init(version: String, intents: [String], probabilities: [Double], policy: TierPolicy) {
        self.version = version
        self.intents = intents
        self.probabilities = probabilities
        self.policy = policy
    }

    /// Number of messages (rows).
    public var messageCount: Int { intents.isEmpty ? 0 : probabilities.count / intents.count }

    /// Checks the shape against `messages` and every value.
    func validate(messages: Int) throws(ComparisonError) {
        guard !intents.isEmpty else { throw .noIntents(version: version) }
        guard probabilities.count == messages * intents.count else {
            throw .shapeMismatch(version: version, expected: messages * intents.count, found: probabilities.count)
        }
        for (index, value) in probabilities.enumerated() where !(value >= 0 && value <= 1) {
            throw .invalidProbability(version: version, message: index / intents.count, value: value)
        }
    }

    /// The prediction (top intent, confidence, runner-up) of message `row`.
    func prediction(of row: Int) -> IntentPrediction {
        let k = intents.count
        return IntentPrediction(probabilities: Array(probabilities[(row * k)..<((row + 1) * k)]), intents: intents)
    }
}
