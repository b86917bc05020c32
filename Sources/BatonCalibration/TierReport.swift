/// How a tier policy routes a labelled set of messages, next to one global threshold.
///
/// Definitions (``TierEvaluator`` computes them):
/// - A tier-1 answer is **correct** when the predicted intent is the true intent and the true
///   intent is not out-of-scope. A tier-1 answer to an out-of-scope message is wrong (the bot
///   answered something it should have handed off). A message whose true intent is out-of-scope
///   is handled correctly only in tier 3; ``outOfScope`` counts where those went.
/// - **Coverage** is tier-1 messages / all messages. **Precision** is correct tier-1 answers /
///   tier-1 messages, and nil when there are no tier-1 messages (no answer, no precision; a 1
///   would flatter a policy that resolves nothing).
/// - The **global** comparison ignores the policy entirely: tier 1 iff the top-label confidence
///   ≥ the global threshold.
public struct TierReport: Codable, Hashable, Sendable {
    /// Messages evaluated.
    public var rows: Int
    public var tier1Count: Int
    public var tier2Count: Int
    public var tier3Count: Int
    /// Shares of all messages; they sum to 1 (all 0 when there are no rows).
    public var tier1Share: Double
    public var tier2Share: Double
    public var tier3Share: Double
    /// Tier-1 messages / rows (equal to ``tier1Share``; named for the manifest's metric).
    public var tier1Coverage: Double
    /// Correct tier-1 answers / tier-1 messages; nil without tier-1 messages.
    public var tier1Precision: Double?

    /// The single threshold of the plain comparison.
    public var globalThreshold: Double
    public var globalTier1Count: Int
    public var globalTier1Coverage: Double
    public var globalTier1Precision: Double?

    /// Where messages whose TRUE intent is out-of-scope were routed.
    public var outOfScope: OutOfScopeRouting

    /// One row per intent of the model (by predicted intent), sorted by intent.
    public var perIntent: [IntentRow]

    /// Intents with at least this many tier-1 messages enter the worst-decile figures; fewer
    /// make a precision too noisy to rank.
    public var worstDecileMinimumTier1: Int
    /// How many intents the worst decile averages (10% of the eligible intents, rounded up, at
    /// least 1); 0 when none is eligible.
    public var worstDecileIntentCount: Int
    /// Mean tier-1 precision of the worst 10% of eligible intents under the policy; nil when none is eligible.
    public var worstDecileTier1Precision: Double?
    /// The single global threshold giving the policy's tier-1 coverage (the policy's tier-1
    /// count-th highest confidence; ties can add a few messages); nil when the policy has no tier 1.
    public var matchedGlobalThreshold: Double?
    /// Tier-1 coverage and precision under ``matchedGlobalThreshold``.
    public var matchedGlobalTier1Coverage: Double?
    public var matchedGlobalTier1Precision: Double?
    /// Mean tier-1 precision of the worst 10% of eligible intents under ``matchedGlobalThreshold``:
    /// what per-intent thresholds buy at equal coverage.
    public var matchedGlobalWorstDecileTier1Precision: Double?

    /// Risk (error rate among covered messages) against coverage, answering the most confident
    /// messages first; about 50 points, for plots.
    public var riskCoverage: [RiskCoveragePoint]

    /// One intent's thresholds and tier-1 outcome.
    public struct IntentRow: Codable, Hashable, Sendable {
        public var intent: String
        /// "thresholds", "always_human" or "out_of_scope": which rule governs the intent.
        public var rule: String
        /// Thresholds in use (the intent's own or the fallback).
        public var autoResolveThreshold: Double?
        public var reviewThreshold: Double?
        /// "intent", "pooled", "override" or "default".
        public var source: String
        /// Out-of-sample predictions behind the thresholds.
        public var evidence: Int
        /// Messages predicted as this intent.
        public var predicted: Int
        public var tier1Count: Int
        public var tier1Correct: Int
        /// nil without tier-1 messages.
        public var tier1Precision: Double?

        public init(
            intent: String, rule: String, autoResolveThreshold: Double?, reviewThreshold: Double?, source: String,
            evidence: Int, predicted: Int, tier1Count: Int, tier1Correct: Int, tier1Precision: Double?
        ) {
            self.intent = intent
            self.rule = rule
            self.autoResolveThreshold = autoResolveThreshold
            self.reviewThreshold = reviewThreshold
            self.source = source
            self.evidence = evidence
            self.predicted = predicted
            self.tier1Count = tier1Count
            self.tier1Correct = tier1Correct
            self.tier1Precision = tier1Precision
        }
    }

    /// Messages whose true intent is out-of-scope, by the tier they were given.
    public struct OutOfScopeRouting: Codable, Hashable, Sendable {
        public var messages: Int
        public var tier1: Int
        public var tier2: Int
        /// Handed off: the right outcome.
        public var tier3: Int

        public init(messages: Int = 0, tier1: Int = 0, tier2: Int = 0, tier3: Int = 0) {
            self.messages = messages
            self.tier1 = tier1
            self.tier2 = tier2
            self.tier3 = tier3
        }
    }

    /// One point of the risk–coverage curve.
    public struct RiskCoveragePoint: Codable, Hashable, Sendable {
        /// Share of messages answered (the most confident first).
        public var coverage: Double
        /// Share of the answered messages that were wrong.
        public var risk: Double
        /// The lowest confidence answered at this coverage.
        public var threshold: Double

        public init(coverage: Double, risk: Double, threshold: Double) {
            self.coverage = coverage
            self.risk = risk
            self.threshold = threshold
        }
    }
}
