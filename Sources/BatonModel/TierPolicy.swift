/// How a router turns a calibrated prediction into a tier: per-intent thresholds fitted by the
/// nightly job, plus the business rules of the policy file. Stored in every model manifest.
///
/// The decision, in order (the first rule that applies wins):
/// 1. the top intent is an out-of-scope label → tier 3 (`out_of_scope`);
/// 2. the top intent is always handled by a human → tier 3 (`always_human`);
/// 3. the intent's thresholds (or the pooled ``fallback`` when the intent has none):
///    confidence ≥ `autoResolve` → tier 1 (`above_auto_resolve_threshold`), but tier 2
///    (`ambiguous`) when the runner-up is within ``ambiguityMargin`` of the top confidence;
///    confidence ≥ `review` → tier 2 (`between_thresholds`); otherwise tier 3
///    (`below_review_threshold`).
/// A threshold of `nil` is never reached (no confidence met the target for that intent).
public struct TierPolicy: Codable, Hashable, Sendable {
    public struct Thresholds: Codable, Hashable, Sendable {
        /// Lowest calibrated confidence that is auto-resolved (tier 1); nil: never.
        public var autoResolve: Double?
        /// Lowest calibrated confidence that the bot answers with human review (tier 2); nil: never.
        public var review: Double?
        /// Out-of-sample predictions of this intent the thresholds were fitted on.
        public var evidence: Int
        /// Where the thresholds come from: "intent", "pooled", "override" or "default".
        public var source: String

        public init(autoResolve: Double?, review: Double?, evidence: Int, source: String) {
            self.autoResolve = autoResolve
            self.review = review
            self.evidence = evidence
            self.source = source
        }
    }

    /// Per-intent thresholds, by intent name.
    public var thresholds: [String: Thresholds]
    /// Thresholds pooled over all intents, for intents with too little evidence of their own.
    public var fallback: Thresholds
    /// Intents that always go to a human, at any confidence.
    public var alwaysHuman: [String]
    /// Labels that mean "fits no intent"; a message predicted as one is handed off.
    public var outOfScopeIntents: [String]
    /// Top-two confidences closer than this make a tier-1 message tier 2.
    public var ambiguityMargin: Double

    public init(
        thresholds: [String: Thresholds] = [:],
        fallback: Thresholds = Thresholds(autoResolve: 0.85, review: 0.5, evidence: 0, source: "default"),
        alwaysHuman: [String] = [], outOfScopeIntents: [String] = [], ambiguityMargin: Double = 0
    ) {
        self.thresholds = thresholds
        self.fallback = fallback
        self.alwaysHuman = alwaysHuman
        self.outOfScopeIntents = outOfScopeIntents
        self.ambiguityMargin = ambiguityMargin
    }

    /// The thresholds that apply to `intent`.
    public func thresholds(for intent: String) -> Thresholds { thresholds[intent] ?? fallback }

    /// The tier of one prediction, with the rule that decided it.
    public func decide(_ prediction: IntentPrediction) -> TierDecision {
        let intent = prediction.intent
        let confidence = prediction.confidence
        func decision(_ tier: Int, _ reason: TierDecision.Reason, threshold: Double? = nil) -> TierDecision {
            TierDecision(
                intent: intent, confidence: confidence, runnerUp: prediction.runnerUp,
                runnerUpConfidence: prediction.runnerUpConfidence, tier: tier, reason: reason, threshold: threshold)
        }
        if outOfScopeIntents.contains(intent) { return decision(3, .outOfScope) }
        if alwaysHuman.contains(intent) { return decision(3, .alwaysHuman) }
        let limits = thresholds(for: intent)
        if let auto = limits.autoResolve, confidence >= auto {
            if confidence - prediction.runnerUpConfidence < ambiguityMargin { return decision(2, .ambiguous, threshold: auto) }
            return decision(1, .aboveAutoResolveThreshold, threshold: auto)
        }
        if let review = limits.review, confidence >= review { return decision(2, .betweenThresholds, threshold: review) }
        return decision(3, .belowReviewThreshold, threshold: limits.review)
    }
}

/// A message's tier and why.
public struct TierDecision: Codable, Hashable, Sendable {
    public enum Reason: String, Codable, Sendable {
        case aboveAutoResolveThreshold = "above_auto_resolve_threshold"
        case betweenThresholds = "between_thresholds"
        case belowReviewThreshold = "below_review_threshold"
        case ambiguous
        case alwaysHuman = "always_human"
        case outOfScope = "out_of_scope"
    }

    public var intent: String
    /// Calibrated confidence of `intent`.
    public var confidence: Double
    public var runnerUp: String?
    public var runnerUpConfidence: Double
    /// 1 (bot resolves), 2 (bot resolves, human may review) or 3 (handoff).
    public var tier: Int
    public var reason: Reason
    /// The threshold the confidence was compared with, when one decided.
    public var threshold: Double?
}
