import BatonEvaluation
import BatonModel

/// Everything a report shows about one version on one labelled data set: the standard
/// evaluation, what its tiers do, and how trustworthy its confidences are.
public struct VersionEvaluation: Codable, Hashable, Sendable {
    public var version: String
    /// Accuracy, macro-F1, log-loss, per-intent scores and confusions.
    public var report: EvaluationReport
    /// Share of tier-1 (auto-resolved) messages whose top intent is right; nil when none is tier 1.
    public var tier1Precision: Double?
    /// Share of messages that are tier 1.
    public var tier1Coverage: Double
    /// Messages in tier 1, 2 and 3, in that order.
    public var tierCounts: [Int]
    public var reliability: ReliabilityDiagram
    public var riskCoverage: RiskCoverageCurve

    /// Evaluates one version's predictions on `trueIntents` (one per row).
    public static func evaluate(_ predictions: VersionPredictions, trueIntents: [String]) throws(ComparisonError) -> VersionEvaluation {
        guard !trueIntents.isEmpty else { throw .noMessages }
        try predictions.validate(messages: trueIntents.count)
        return VersionEvaluation(predictions, trueIntents: trueIntents, scored: ScoredMessages(predictions, trueIntents: trueIntents))
    }

    init(_ predictions: VersionPredictions, trueIntents: [String], scored: ScoredMessages) {
        version = predictions.version
        report = Evaluator.evaluate(
            probabilities: predictions.probabilities, trueIntents: trueIntents, intents: predictions.intents, confusedPairLimit: 25)
        var counts = [0, 0, 0]
        var tier1Right = 0
        for row in 0..<scored.count {
            let tier = min(max(scored.tier[row], 1), 3)
            counts[tier - 1] += 1
            if tier == 1, scored.correct[row] { tier1Right += 1 }
        }
        tierCounts = counts
        tier1Precision = counts[0] > 0 ? Double(tier1Right) / Double(counts[0]) : nil
        tier1Coverage = scored.count > 0 ? Double(counts[0]) / Double(scored.count) : 0
        reliability = ReliabilityDiagram(confidences: scored.confidence, correct: scored.correct)
        riskCoverage = RiskCoverageCurve(confidences: scored.confidence, correct: scored.correct)
    }

    /// The numbers the promotion gate judges.
    public var summary: EvaluationSummary {
        EvaluationSummary(report: report, version: version, tier1Precision: tier1Precision, tier1Coverage: tier1Coverage)
    }
}
