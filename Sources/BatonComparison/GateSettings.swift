/// What a candidate version must meet to replace the current one.
public struct GateSettings: Codable, Hashable, Sendable {
    /// Largest macro-F1 loss against the current version tolerated (0.005 = half a point):
    /// below that, holdout noise is bigger than the loss.
    public var maxMacroF1Drop: Double
    /// Tier-1 precision the candidate must reach on the holdout (e.g. 0.95); nil: not checked.
    public var minTier1Precision: Double?
    /// Largest F1 loss tolerated for any one intent with enough support (0.05 = five points).
    public var maxIntentF1Drop: Double
    /// Intents with fewer holdout messages are listed as too little support to judge, never failed.
    public var minIntentSupport: Int

    public init(maxMacroF1Drop: Double = 0.005, minTier1Precision: Double? = nil, maxIntentF1Drop: Double = 0.05, minIntentSupport: Int = 20) {
        self.maxMacroF1Drop = maxMacroF1Drop
        self.minTier1Precision = minTier1Precision
        self.maxIntentF1Drop = maxIntentF1Drop
        self.minIntentSupport = minIntentSupport
    }
}
