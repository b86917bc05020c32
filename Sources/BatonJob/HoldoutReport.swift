import BatonCalibration
import BatonEvaluation
import BatonModel

/// Everything measured on the holdout when a version is trained; saved as `metrics.json`.
public struct HoldoutReport: Codable, Sendable {
    /// Accuracy, macro-F1, per-intent scores, log-loss and confusions of the calibrated model.
    public var evaluation: EvaluationReport
    /// Expected calibration error (15 bins) of the raw and of the calibrated confidences.
    public var eceBeforeCalibration: Double
    public var eceAfterCalibration: Double
    public var temperature: Double
    /// Tier shares, tier-1 precision and coverage, the global-threshold comparison, per-intent thresholds.
    public var tiers: TierReport
    /// Reliability bins of the calibrated confidences, for diagrams.
    public var reliability: [ReliabilityBin]
    /// What the new thresholds would have done with last period's rated handoffs.
    public var feedbackReplay: [FeedbackReplayRow]

    /// Scores calibrated and raw probabilities of the same messages.
    public static func make(
        rawProbabilities: [Double], calibratedProbabilities: [Double], trueIntents: [String], intents: [String],
        temperature: Double, policy: TierPolicy, feedbackReplay: [FeedbackReplayRow]
    ) -> HoldoutReport {
        let raw = TopLabel.of(rawProbabilities, trueIntents: trueIntents, intents: intents)
        let calibrated = TopLabel.of(calibratedProbabilities, trueIntents: trueIntents, intents: intents)
        return HoldoutReport(
            evaluation: Evaluator.evaluate(probabilities: calibratedProbabilities, trueIntents: trueIntents, intents: intents),
            eceBeforeCalibration: CalibrationError.expected(confidences: raw.map(\.confidence), correct: raw.map(\.correct)),
            eceAfterCalibration: CalibrationError.expected(confidences: calibrated.map(\.confidence), correct: calibrated.map(\.correct)),
            temperature: temperature,
            tiers: TierEvaluator.evaluate(
                probabilities: calibratedProbabilities, trueIntents: trueIntents, intents: intents, policy: policy),
            reliability: CalibrationError.reliability(confidences: calibrated.map(\.confidence), correct: calibrated.map(\.correct)),
            feedbackReplay: feedbackReplay)
    }
}
