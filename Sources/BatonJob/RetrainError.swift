/// Why a nightly run stopped before publishing.
public enum RetrainError: Error, CustomStringConvertible {
    /// Too little labelled data to train a model worth publishing.
    case notEnoughData(examples: Int, intents: Int, minimumExamples: Int)
    /// The vocabulary still holds strings that look like customer data.
    case privacyAuditFailed(terms: [String])
    /// Writing the new version or moving `current` failed; `current` is unchanged.
    case publishFailed(underlying: String)

    public var description: String {
        switch self {
        case .notEnoughData(let examples, let intents, let minimum):
            return "Only \(examples) labelled training examples over \(intents) intents (at least \(minimum) examples and 2 intents are needed); ingest more resolved transcripts."
        case .privacyAuditFailed(let terms):
            let sample = terms.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            return "Refusing to publish: \(terms.count) vocabulary terms look like customer data (\(sample)); extend the PII placeholders or raise the minimum document frequency."
        case .publishFailed(let underlying):
            return "Publishing failed and `current` was left unchanged: \(underlying)"
        }
    }
}
