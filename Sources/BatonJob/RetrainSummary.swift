import BatonStore

/// The one JSON line `baton retrain` prints on stdout when it ends.
public struct RetrainSummary: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case published
        /// The data fingerprint equals the current model's: nothing to do.
        case skipped
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
    }

    public struct Training: Codable, Sendable {
        public var iterations: Int
        public var converged: Bool
        public var stopReason: String
        public var objective: Double
        public var gradientMaxAbs: Double
    }
}
