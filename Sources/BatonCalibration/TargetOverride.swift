/// Precision targets for one intent that replace the global ones.
///
/// Why: some intents cost more when wrong (a refund sent to the wrong flow) and deserve a
/// stricter auto-resolve target; others are harmless and may take a looser one. A nil field
/// keeps the global target.
public struct TargetOverride: Codable, Hashable, Sendable {
    /// Replaces ``ThresholdSettings/autoResolveTarget`` for this intent when set.
    public var autoResolveTarget: Double?
    /// Replaces ``ThresholdSettings/reviewTarget`` for this intent when set.
    public var reviewTarget: Double?

    public init(autoResolveTarget: Double? = nil, reviewTarget: Double? = nil) {
        self.autoResolveTarget = autoResolveTarget
        self.reviewTarget = reviewTarget
    }
}
