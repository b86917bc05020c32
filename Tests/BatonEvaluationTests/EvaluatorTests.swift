import Foundation
import Testing

@testable import BatonEvaluation

@Suite struct EvaluatorTests {
    /// Three intents, six rows, worked out by hand (and with scikit-learn's f1_score / log_loss).
    @Test func metricsMatchHandComputedValues() {
        let intents = ["billing", "refund", "sso"]
        let probabilities: [Double] = [
            0.7, 0.2, 0.1,  // billing → billing ✓
            0.6, 0.3, 0.1,  // refund → billing ✗
            0.1, 0.8, 0.1,  // refund → refund ✓
            0.2, 0.2, 0.6,  // sso → sso ✓
            0.5, 0.4, 0.1,  // refund → billing ✗
            0.1, 0.1, 0.8,  // billing → sso ✗
        ]
        let truth = ["billing", "refund", "refund", "sso", "refund", "billing"]
        let report = Evaluator.evaluate(probabilities: probabilities, trueIntents: truth, intents: intents)
        #expect(report.rows == 6)
        #expect(abs(report.accuracy - 3.0 / 6.0) < 1e-12)
        // billing: P = 1/3, R = 1/2, F1 = 0.4; refund: P = 1, R = 1/3, F1 = 0.5; sso: P = 1/2, R = 1, F1 = 2/3.
        let f1 = Dictionary(uniqueKeysWithValues: report.perIntent.map { ($0.intent, $0.f1) })
        #expect(abs((f1["billing"] ?? -1) - 0.4) < 1e-12)
        #expect(abs((f1["refund"] ?? -1) - 0.5) < 1e-12)
        #expect(abs((f1["sso"] ?? -1) - 2.0 / 3.0) < 1e-12)
        #expect(abs(report.macroF1 - (0.4 + 0.5 + 2.0 / 3.0) / 3) < 1e-12)
        let expectedLogLoss = -(log(0.7) + log(0.3) + log(0.8) + log(0.6) + log(0.4) + log(0.1)) / 6
        #expect(abs(report.logLoss - expectedLogLoss) < 1e-12)
        #expect(report.confusedPairs.first == .init(actual: "refund", predicted: "billing", count: 2))
        #expect(report.confusedPairs.map(\.count).reduce(0, +) == 3)
        #expect(report.perIntent.map(\.support).reduce(0, +) == 6)
        #expect(report.perIntent.map(\.predicted).reduce(0, +) == 6)
    }

    @Test func unknownIntentsCountAsErrorsAndAreLeftOutOfLogLoss() {
        let report = Evaluator.evaluate(
            probabilities: [0.9, 0.1, 0.2, 0.8], trueIntents: ["a", "zzz"], intents: ["a", "b"])
        #expect(report.unknownIntentRows == 1)
        #expect(report.accuracy == 0.5)
        #expect(abs(report.logLoss - -log(0.9)) < 1e-12)
        // Labels: a (F1 1), b (predicted once, never true: F1 0), zzz (never predicted: F1 0).
        #expect(abs(report.macroF1 - 1.0 / 3.0) < 1e-12)
    }
}
