import BatonCore
/// Percentile intervals for the difference (B − A) of accuracy and macro-F1 by the paired
/// bootstrap: resample message indices with replacement, the same indices for both versions,
/// and recompute both metrics on every resample.
///
/// Pairing matters: the two versions' errors on the same message are correlated, and
/// resampling them together gives a much narrower (and honest) interval for the difference
/// than two independent intervals would.
enum PairedBootstrap {
    struct Labels {
        /// Label index of each message's true intent, A's prediction and B's prediction.
        var truth: [Int]
        var a: [Int]
        var b: [Int]
        var labelCount: Int
    }

    /// - Returns: intervals at `level` for Δaccuracy and Δmacro-F1 (B − A).
    static func intervals(
        _ labels: Labels, samples: Int, seed: UInt64, level: Double = 0.95
    ) -> (accuracy: ComparisonReport.Interval, macroF1: ComparisonReport.Interval) {
        let n = labels.truth.count
        let all = Array(0..<n)
        let observedAccuracy = accuracy(labels.truth, labels.b, all) - accuracy(labels.truth, labels.a, all)
        var counts = Counts(labelCount: labels.labelCount)
        let observedMacroF1 =
            counts.macroF1(labels.truth, labels.b, all) - counts.macroF1(labels.truth, labels.a, all)
        guard samples > 0, n > 0 else {
            return (
                .init(estimate: observedAccuracy, lower: observedAccuracy, upper: observedAccuracy, level: level),
                .init(estimate: observedMacroF1, lower: observedMacroF1, upper: observedMacroF1, level: level)
            )
        }
        var generator = SeededGenerator(seed: seed)
        var indices = [Int](repeating: 0, count: n)
        var accuracyDeltas: [Double] = []
        var macroF1Deltas: [Double] = []
        accuracyDeltas.reserveCapacity(samples)
        macroF1Deltas.reserveCapacity(samples)
        for _ in 0..<samples {
            for i in 0..<n { indices[i] = generator.index(below: n) }
            accuracyDeltas.append(accuracy(labels.truth, labels.b, indices) - accuracy(labels.truth, labels.a, indices))
            macroF1Deltas.append(counts.macroF1(labels.truth, labels.b, indices) - counts.macroF1(labels.truth, labels.a, indices))
        }
        let tail = (1 - level) / 2
        return (
            .init(
                estimate: observedAccuracy, lower: quantile(accuracyDeltas, tail), upper: quantile(accuracyDeltas, 1 - tail),
                level: level),
            .init(
                estimate: observedMacroF1, lower: quantile(macroF1Deltas, tail), upper: quantile(macroF1Deltas, 1 - tail),
                level: level)
        )
    }

    static func accuracy(_ truth: [Int], _ predicted: [Int], _ indices: [Int]) -> Double {
        guard !indices.isEmpty else { return 0 }
        var right = 0
        for i in indices where truth[i] == predicted[i] { right += 1 }
        return Double(right) / Double(indices.count)
    }

    /// Linear interpolation between order statistics (numpy's default "linear" method).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// Reusable per-label tallies, so a resample costs O(messages + labels) and no allocation.
    struct Counts {
        var truePositive: [Int]
        var predicted: [Int]
        var support: [Int]

        init(labelCount: Int) {
            truePositive = [Int](repeating: 0, count: labelCount)
            predicted = truePositive
            support = truePositive
        }

        /// Macro-F1 over the labels that occur among the true or predicted labels of the
        /// resample, as ``BatonEvaluation/Evaluator`` defines it on the full data.
        mutating func macroF1(_ truth: [Int], _ prediction: [Int], _ indices: [Int]) -> Double {
            for l in truePositive.indices {
                truePositive[l] = 0
                predicted[l] = 0
                support[l] = 0
            }
            for i in indices {
                support[truth[i]] += 1
                predicted[prediction[i]] += 1
                if truth[i] == prediction[i] { truePositive[truth[i]] += 1 }
            }
            var sum = 0.0
            var labels = 0
            for l in truePositive.indices where support[l] + predicted[l] > 0 {
                labels += 1
                let tp = Double(truePositive[l])
                let precision = predicted[l] > 0 ? tp / Double(predicted[l]) : 0
                let recall = support[l] > 0 ? tp / Double(support[l]) : 0
                if precision + recall > 0 { sum += 2 * precision * recall / (precision + recall) }
            }
            return labels > 0 ? sum / Double(labels) : 0
        }
    }
}
