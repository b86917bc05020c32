import BatonComparison
import BatonStore

/// The one JSON line `baton retrain` prints on stdout when it ends.
public struct RetrainSummary: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case published
        /// The data fingerprint equals the current model's: nothing to do.
        case skipped
        /// Written and kept, but the promotion gate refused it: `current` did not move.
        case rejected
        /// Written and kept, not made current (`--promote never`).
        case written
    }

    public var status: Status
    /// The version published, or the current one when skipped.
    public var version: String?
    public var parentVersion: String?
    public var reason: String?
    public var dataFingerprint: String
    public var ingested: [IngestReport]
    public var rows: Rows
    public var metrics: Metrics?
    public var training: Training?
    /// The promotion gate's verdict, when it ran.
    public var gate: GateVerdict?
    /// Wall seconds per phase, and in total.
    public var seconds: [String: Double]

    public struct Rows: Codable, Sendable {
        public var train: Int
        public var holdout: Int
        public var labelled: Int
        public var duplicatesCollapsed: Int
        public var conflictingTexts: Int
        public var correctionsApplied: Int
        public var features: Int?
        public var intents: Int?
    }

    public struct Metrics: Codable, Sendable {
        public var accuracy: Double
        public var macroF1: Double
        public var logLoss: Double
        public var evaluatedOn: Int
        public var temperature: Double
        public var eceBeforeCalibration: Double
        public var eceAfterCalibration: Double
        public var tier1Share: Double
        public var tier2Share: Double
        public var tier3Share: Double
        public var tier1Precision: Double?
        public var tier1Coverage: Double
        /// The same two numbers under one global 0.85 threshold, for comparison.
        public var globalThreshold: Double
        public var globalTier1Precision: Double?
        public var globalTier1Coverage: Double

        init(_ holdout: HoldoutReport) {
            accuracy = holdout.evaluation.accuracy
            macroF1 = holdout.evaluation.macroF1
            logLoss = holdout.evaluation.logLoss
            evaluatedOn = holdout.evaluation.rows
            temperature = holdout.temperature
            eceBeforeCalibration = holdout.eceBeforeCalibration
            eceAfterCalibration = holdout.eceAfterCalibration
            tier1Share = holdout.tiers.tier1Share
            tier2Share = holdout.tiers.tier2Share
            tier3Share = holdout.tiers.tier3Share
            tier1Precision = holdout.tiers.tier1Precision
            tier1Coverage = holdout.tiers.tier1Coverage
            globalThreshold = holdout.tiers.globalThreshold
            globalTier1Precision = holdout.tiers.globalTier1Precision
            globalTier1Coverage = holdout.tiers.globalTier1Coverage
        }
    }

    public struct Training: Codable, Sendable {
        public var iterations: Int
        public var converged: Bool
        public var stopReason: String
        public var objective: Double
        public var gradientMaxAbs: Double
    }
}
