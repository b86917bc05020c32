/// One prediction of a message by a model that did not train on it (an out-of-fold prediction),
/// reduced to what threshold fitting needs.
///
/// Why out-of-sample: on its own training data a model is right far more often than on new
/// messages, and thresholds fitted there would certify precision that live traffic never sees.
public struct OutOfSamplePrediction: Codable, Hashable, Sendable {
    /// The model's top intent.
    public var predictedIntent: String
    /// Its calibrated confidence (after temperature scaling), in [0, 1].
    public var confidence: Double
    /// Whether the top intent was the true one.
    public var correct: Bool

    public init(predictedIntent: String, confidence: Double, correct: Bool) {
        self.predictedIntent = predictedIntent
        self.confidence = confidence
        self.correct = correct
    }
}
