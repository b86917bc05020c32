/// One version's headline holdout metrics, as recorded in its manifest when it was trained,
/// for the chart of metrics across all versions.
public struct VersionTrendPoint: Codable, Hashable, Sendable {
    public var version: String
    public var createdAt: String
    public var macroF1: Double
    public var tier1Coverage: Double?
    public var tier1Precision: Double?

    public init(version: String, createdAt: String, macroF1: Double, tier1Coverage: Double?, tier1Precision: Double?) {
        self.version = version
        self.createdAt = createdAt
        self.macroF1 = macroF1
        self.tier1Coverage = tier1Coverage
        self.tier1Precision = tier1Precision
    }
}
