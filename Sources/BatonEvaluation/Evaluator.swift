import Foundation

/// Scores predicted probabilities against true intents.
public enum Evaluator {
    /// - Parameters:
    ///   - probabilities: row-major `rows × intents.count` calibrated probabilities.
    ///   - trueIntents: the true intent of each row (may name intents the model does not know).
    ///   - intents: the model's intents, in column order.
    ///   - confusedPairLimit: how many confusion pairs to keep.
    public static func evaluate(
        probabilities: [Double], trueIntents: [String], intents: [String], confusedPairLimit: Int = 10
    ) -> EvaluationReport {
        let k = intents.count
        let rows = trueIntents.count
        let columnOf = Dictionary(intents.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var correct = 0
        var logLossSum = 0.0
        var known = 0
        var support: [String: Int] = [:]
        var predictedCount: [String: Int] = [:]
        var truePositive: [String: Int] = [:]
        var confusions: [String: [String: Int]] = [:]
        for row in 0..<rows {
            let base = row * k
            var best = 0
            for j in 1..<max(k, 1) where probabilities[base + j] > probabilities[base + best] { best = j }
            let predicted = intents[best]
            let actual = trueIntents[row]
            support[actual, default: 0] += 1
            predictedCount[predicted, default: 0] += 1
            if predicted == actual {
                correct += 1
                truePositive[actual, default: 0] += 1
            } else {
                confusions[actual, default: [:]][predicted, default: 0] += 1
            }
            if let column = columnOf[actual] {
                known += 1
                // Clipped like scikit-learn's log_loss so one zero probability cannot make it infinite.
                logLossSum -= log(min(max(probabilities[base + column], 1e-15), 1 - 1e-15))
            }
        }
        let labels = Set(support.keys).union(predictedCount.keys).sorted()
        let scores = labels.map { intent -> EvaluationReport.IntentScore in
            let tp = Double(truePositive[intent] ?? 0)
            let predicted = predictedCount[intent] ?? 0
            let actual = support[intent] ?? 0
            let precision = predicted > 0 ? tp / Double(predicted) : 0
            let recall = actual > 0 ? tp / Double(actual) : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return .init(intent: intent, precision: precision, recall: recall, f1: f1, support: actual, predicted: predicted)
        }
        let pairs = confusions.flatMap { actual, row in
            row.map { EvaluationReport.ConfusedPair(actual: actual, predicted: $0.key, count: $0.value) }
        }
        .sorted { ($0.count, $1.actual, $1.predicted) > ($1.count, $0.actual, $0.predicted) }
        return EvaluationReport(
            rows: rows,
            accuracy: rows > 0 ? Double(correct) / Double(rows) : 0,
            macroF1: scores.isEmpty ? 0 : scores.map(\.f1).reduce(0, +) / Double(scores.count),
            logLoss: known > 0 ? logLossSum / Double(known) : 0,
            unknownIntentRows: rows - known,
            perIntent: scores,
            confusedPairs: Array(pairs.prefix(confusedPairLimit)))
    }
}
