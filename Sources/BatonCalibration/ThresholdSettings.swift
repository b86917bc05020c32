/// What the per-intent thresholds must guarantee, and how strongly.
///
/// Built from the policy file (``PolicyFile/thresholdSettings``). The defaults say: auto-resolve
/// only where we are 95% confident that at least 95% of auto-resolved answers are right, offer
/// review where at least 80% are, and give an intent its own thresholds only from 30
/// out-of-sample predictions on.
public struct ThresholdSettings: Codable, Hashable, Sendable {
    /// Lower-bounded precision the auto-resolve (tier 1) set must reach.
    public var autoResolveTarget: Double
    /// Lower-bounded precision the review (tier 2 and up) set must reach.
    public var reviewTarget: Double
    /// One-sided confidence level of the lower bound (e.g. 0.95).
    public var confidenceLevel: Double
    /// Which lower bound certifies a threshold.
    public var bound: PrecisionBound
    /// Fewest out-of-sample predictions of an intent for thresholds of its own; fewer use the
    /// pooled thresholds.
    public var minimumEvidence: Int
    /// No fitted threshold is below this (a business floor; it outranks the evidence).
    ///
    /// Default 0.5: a threshold is certified on the whole set of messages above it, whose
    /// precision can be high while the messages near the threshold are mostly wrong (with
    /// calibrated confidences, a message at 0.3 is right about 3 times in 10). Below 0.5 the model
    /// itself says the answer is more likely wrong than right, so the bot never answers there.
    public var floor: Double
    /// No fitted threshold is above this (a business ceiling; it outranks the evidence, so a
    /// ceiling below the certified threshold admits messages the bound did not certify).
    public var ceiling: Double
    /// Per-intent targets, by intent name.
    public var overrides: [String: TargetOverride]

    /// The same type under its other spelling, for readers who look for it here.
    public typealias TargetOverride = BatonCalibration.TargetOverride

    public init(
        autoResolveTarget: Double = 0.95, reviewTarget: Double = 0.80, confidenceLevel: Double = 0.95,
        bound: PrecisionBound = .clopperPearson, minimumEvidence: Int = 30, floor: Double = 0.5, ceiling: Double = 1.0,
        overrides: [String: TargetOverride] = [:]
    ) {
        self.autoResolveTarget = autoResolveTarget
        self.reviewTarget = reviewTarget
        self.confidenceLevel = confidenceLevel
        self.bound = bound
        self.minimumEvidence = minimumEvidence
        self.floor = floor
        self.ceiling = ceiling
        self.overrides = overrides
    }

    private enum CodingKeys: String, CodingKey {
        case autoResolveTarget, reviewTarget, confidenceLevel, bound, minimumEvidence, floor, ceiling, overrides
    }

    /// Missing keys take their defaults, so settings stored by an older version still decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ThresholdSettings()
        autoResolveTarget = try container.decodeIfPresent(Double.self, forKey: .autoResolveTarget) ?? defaults.autoResolveTarget
        reviewTarget = try container.decodeIfPresent(Double.self, forKey: .reviewTarget) ?? defaults.reviewTarget
        confidenceLevel = try container.decodeIfPresent(Double.self, forKey: .confidenceLevel) ?? defaults.confidenceLevel
        bound = try container.decodeIfPresent(PrecisionBound.self, forKey: .bound) ?? defaults.bound
        minimumEvidence = try container.decodeIfPresent(Int.self, forKey: .minimumEvidence) ?? defaults.minimumEvidence
        floor = try container.decodeIfPresent(Double.self, forKey: .floor) ?? defaults.floor
        ceiling = try container.decodeIfPresent(Double.self, forKey: .ceiling) ?? defaults.ceiling
        overrides = try container.decodeIfPresent([String: TargetOverride].self, forKey: .overrides) ?? [:]
    }
}
