/// Two versions evaluated on the same messages, side by side, with how sure we can be that
/// the differences are real.
///
/// Differences are always B − A: A is the version compared against (usually `current`), B the
/// candidate. Built by ``VersionComparison/compare(a:b:trueIntents:bootstrapSamples:seed:)``.
public struct ComparisonReport: Codable, Hashable, Sendable {
    /// Messages both versions were evaluated on.
    public var rows: Int
    public var a: VersionEvaluation
    public var b: VersionEvaluation
    /// Headline metrics of both versions and their difference.
    public var metrics: [MetricRow]
    public var bootstrap: Bootstrap
    public var mcnemar: McNemarTest
    /// Per-intent F1 of both versions, largest |Δ| first.
    public var perIntent: [IntentChange]
    /// Intents whose thresholds differ, largest move first.
    public var thresholdChanges: [ThresholdChange]
    /// How messages moved between tiers (every non-empty cell of the 3 × 3 matrix), moves
    /// first, most frequent first.
    public var tierTransitions: [TierTransition]
    /// (true, predicted) confusions whose count changed, largest |Δ| first.
    public var confusionChanges: [ConfusionChange]
    /// Intents B knows and A does not, and the reverse.
    public var intentsAdded: [String]
    public var intentsRemoved: [String]

    public struct MetricRow: Codable, Hashable, Sendable {
        /// "accuracy", "macro-F1", "log-loss", "tier-1 precision", "tier-1 coverage", "ECE", "AURC".
        public var name: String
        public var a: Double?
        public var b: Double?
        /// b − a, when both exist.
        public var delta: Double?
        /// Whether a larger value is an improvement (false for log-loss, ECE, AURC).
        public var higherIsBetter: Bool
    }

    /// A percentile bootstrap interval around an observed difference.
    public struct Interval: Codable, Hashable, Sendable {
        /// The difference on the full data.
        public var estimate: Double
        public var lower: Double
        public var upper: Double
        /// 0.95 for a 95% interval.
        public var level: Double

        public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    }

    public struct Bootstrap: Codable, Hashable, Sendable {
        public var samples: Int
        public var seed: UInt64
        public var accuracy: Interval
        public var macroF1: Interval
    }

    public struct IntentChange: Codable, Hashable, Sendable {
        public var intent: String
        /// Messages whose true intent is this one.
        public var support: Int
        /// nil when the intent occurs neither among the true labels nor among that version's predictions.
        public var f1A: Double?
        public var f1B: Double?
        /// f1B − f1A, a missing F1 counting as 0.
        public var delta: Double
    }

    public struct ThresholdChange: Codable, Hashable, Sendable {
        public var intent: String
        public var autoResolveA: Double?
        public var autoResolveB: Double?
        public var reviewA: Double?
        public var reviewB: Double?
        /// Where each version's thresholds come from ("intent", "pooled", "override", "default").
        public var sourceA: String
        public var sourceB: String
        /// The larger of the two moves; a threshold appearing or disappearing counts as 1.
        public var size: Double
    }

    public struct TierTransition: Codable, Hashable, Sendable {
        public var from: Int
        public var to: Int
        public var count: Int
        /// Up to five message indices (rows of the data) that made this move, lowest first.
        public var samples: [Int]
    }

    public struct ConfusionChange: Codable, Hashable, Sendable {
        public var actual: String
        public var predicted: String
        public var countA: Int
        public var countB: Int
        public var delta: Int { countB - countA }
    }
}

extension ComparisonReport {
    /// Threshold changes with identical values merged: intents that share pooled or default
    /// thresholds all move together, and are better shown as one line.
    public struct ThresholdChangeGroup: Hashable, Sendable {
        public var intents: [String]
        /// The move (its `intent` is the first of `intents`).
        public var change: ThresholdChange
    }

    /// ``thresholdChanges`` grouped by identical before and after values, largest move first.
    public var thresholdChangeGroups: [ThresholdChangeGroup] {
        var groups: [ThresholdChangeGroup] = []
        for change in thresholdChanges {
            if let index = groups.firstIndex(where: {
                let c = $0.change
                return c.autoResolveA == change.autoResolveA && c.autoResolveB == change.autoResolveB && c.reviewA == change.reviewA
                    && c.reviewB == change.reviewB && c.sourceA == change.sourceA && c.sourceB == change.sourceB
            }) {
                groups[index].intents.append(change.intent)
            } else {
                groups.append(ThresholdChangeGroup(intents: [change.intent], change: change))
            }
        }
        return groups
    }
}
