/// How well a model's predictions match labelled messages.
///
/// Macro-F1 averages over every intent that occurs among the true labels or the predictions
/// (scikit-learn's `f1_score(average="macro")`); an intent with no predictions has precision 0.
public struct EvaluationReport: Codable, Hashable, Sendable {
    public var rows: Int
    public var accuracy: Double
    public var macroF1: Double
    /// Mean negative log-probability of the true intent, over rows whose intent the model knows.
    public var logLoss: Double
    /// Rows whose true intent is not one of the model's intents (always counted as errors).
    public var unknownIntentRows: Int
    public var perIntent: [IntentScore]
    /// The most frequent (true, predicted) confusions, most frequent first.
    public var confusedPairs: [ConfusedPair]

    public struct IntentScore: Codable, Hashable, Sendable {
        public var intent: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Messages whose true intent is this one.
        public var support: Int
        /// Messages predicted as this intent.
        public var predicted: Int
    }

    public struct ConfusedPair: Codable, Hashable, Sendable {
        public var actual: String
        public var predicted: String
        public var count: Int
    }
}
