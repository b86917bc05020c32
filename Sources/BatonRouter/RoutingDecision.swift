import BatonModel

/// What a router decided for one live message: the intent, its calibrated confidence, the
/// next most likely intents, and the tier with the rule that chose it.
///
/// Built from ``BatonModel/TierPolicy/decide(_:)`` on the model version named in `version`, so
/// that a decision logged today can be traced to the exact model and thresholds that made it.
/// Encodes to JSON with the keys `version`, `intent`, `confidence`, `runnerUps`, `tier`,
/// `reason` and, when a threshold decided, `threshold` (absent otherwise).
public struct RoutingDecision: Codable, Sendable, Hashable {
    /// An intent that scored below the top one, with its calibrated confidence.
    public struct RunnerUp: Codable, Sendable, Hashable {
        public var intent: String
        public var confidence: Double

        public init(intent: String, confidence: Double) {
            self.intent = intent
            self.confidence = confidence
        }
    }

    /// The model version that scored the message ("v7").
    public var version: String
    /// The most likely intent.
    public var intent: String
    /// Calibrated confidence of `intent`: `softmax(z / temperature)`.
    public var confidence: Double
    /// Up to three intents after the first, most likely first (ties: manifest order).
    public var runnerUps: [RunnerUp]
    /// 1 (the bot resolves it), 2 (the bot resolves it, a human may review) or 3 (handoff).
    public var tier: Int
    /// The rule of the tier policy that decided the tier.
    public var reason: TierDecision.Reason
    /// The threshold the confidence was compared with, when a threshold decided.
    public var threshold: Double?

    public init(
        version: String, intent: String, confidence: Double, runnerUps: [RunnerUp], tier: Int,
        reason: TierDecision.Reason, threshold: Double?
    ) {
        self.version = version
        self.intent = intent
        self.confidence = confidence
        self.runnerUps = runnerUps
        self.tier = tier
        self.reason = reason
        self.threshold = threshold
    }
}
