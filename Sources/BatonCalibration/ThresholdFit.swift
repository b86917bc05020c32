import BatonModel

/// Fitted thresholds: one pair per intent plus the pooled pair for everything else.
///
/// Shaped like ``TierPolicy`` so ``PolicyFile/tierPolicy(from:)`` only adds the policy rules.
public struct ThresholdFit: Codable, Hashable, Sendable {
    /// Thresholds of every intent the fit was asked about, by intent name; each says its source
    /// ("intent", "pooled" or "override") and the evidence behind it.
    public var perIntent: [String: TierPolicy.Thresholds]
    /// Thresholds fitted on all predictions pooled (source "pooled"), for intents the model
    /// learns later or that have no entry.
    public var fallback: TierPolicy.Thresholds

    public init(perIntent: [String: TierPolicy.Thresholds], fallback: TierPolicy.Thresholds) {
        self.perIntent = perIntent
        self.fallback = fallback
    }
}
