import BatonFeatures
import BatonModel

/// `manifest.json` of a published model version: what the version is, where it came from,
/// how to featurize text for it, and the SHA-256 of every other file in its folder.
///
/// Encoded with sorted keys and ISO 8601 UTC timestamps. Readers must refuse a manifest whose
/// `format` is not ``ModelManifest/formatName`` or whose `formatVersion` they do not know.
public struct ModelManifest: Codable, Hashable, Sendable {
    public static let formatName = "baton-model"
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    /// "v1", "v2", …
    public var version: String
    /// The version that was `current` when this one was trained, if any.
    public var parentVersion: String?
    /// ISO 8601 UTC, e.g. "2026-12-04T02:00:13Z".
    public var createdAt: String
    /// Baton's own version string (``BatonVersion/current``).
    public var codeVersion: String
    /// SHA-256 over the collected training and holdout examples and the training settings.
    public var dataFingerprint: String
    public var rows: RowCounts
    public var hyperparameters: Hyperparameters
    public var featurizer: FeaturizerConfig
    /// Column order of the weight matrix: index k is `intents[k]`.
    public var intents: [String]
    /// Number of vocabulary features F (rows of the weight matrix).
    public var featureCount: Int
    /// Logits are divided by this before the softmax. 1 means uncalibrated.
    public var temperature: Double
    /// Per-intent thresholds and policy rules that turn a prediction into a tier.
    public var tiers: TierPolicy
    /// How `temperature` and the thresholds were fitted; nil for an uncalibrated model.
    public var calibration: CalibrationRecord?
    /// Holdout metrics of this version, as measured when it was trained.
    public var metrics: ManifestMetrics
    /// File name (relative to the version folder) → size and SHA-256. Every file of the folder
    /// except `manifest.json` itself is listed.
    public var files: [String: FileDigest]

    public init(
        version: String, parentVersion: String?, createdAt: String, codeVersion: String,
        dataFingerprint: String, rows: RowCounts, hyperparameters: Hyperparameters,
        featurizer: FeaturizerConfig, intents: [String], featureCount: Int, temperature: Double,
        tiers: TierPolicy = TierPolicy(), calibration: CalibrationRecord? = nil,
        metrics: ManifestMetrics, files: [String: FileDigest] = [:]
    ) {
        self.format = Self.formatName
        self.formatVersion = Self.currentFormatVersion
        self.version = version
        self.parentVersion = parentVersion
        self.createdAt = createdAt
        self.codeVersion = codeVersion
        self.dataFingerprint = dataFingerprint
        self.rows = rows
        self.hyperparameters = hyperparameters
        self.featurizer = featurizer
        self.intents = intents
        self.featureCount = featureCount
        self.temperature = temperature
        self.tiers = tiers
        self.calibration = calibration
        self.metrics = metrics
        self.files = files
    }

    public struct RowCounts: Codable, Hashable, Sendable {
        public var train: Int
        public var holdout: Int
        /// Conversations in the store with a usable label before de-duplication.
        public var labelled: Int
        /// Exact duplicates collapsed away.
        public var duplicatesCollapsed: Int
        public init(train: Int, holdout: Int, labelled: Int, duplicatesCollapsed: Int) {
            self.train = train
            self.holdout = holdout
            self.labelled = labelled
            self.duplicatesCollapsed = duplicatesCollapsed
        }
    }

    public struct Hyperparameters: Codable, Hashable, Sendable {
        /// Inverse L2 strength, as scikit-learn's `C`.
        public var c: Double
        /// Stop when max |gradient| falls to this.
        public var gradientTolerance: Double
        public var maxIterations: Int
        public var iterations: Int
        public var converged: Bool
        public var finalObjective: Double
        public init(c: Double, gradientTolerance: Double, maxIterations: Int, iterations: Int, converged: Bool, finalObjective: Double) {
            self.c = c
            self.gradientTolerance = gradientTolerance
            self.maxIterations = maxIterations
            self.iterations = iterations
            self.converged = converged
            self.finalObjective = finalObjective
        }
    }

    public struct FileDigest: Codable, Hashable, Sendable {
        public var bytes: Int
        public var sha256: String
        public init(bytes: Int, sha256: String) {
            self.bytes = bytes
            self.sha256 = sha256
        }
    }
}

/// Headline holdout metrics kept in the manifest (full reports live in `metrics.json`).
public struct ManifestMetrics: Codable, Hashable, Sendable {
    public var accuracy: Double
    public var macroF1: Double
    public var logLoss: Double
    public var evaluatedOn: Int
    /// Expected calibration error of the calibrated confidences (15 bins).
    public var ece: Double?
    /// Share of holdout messages the bot resolves on its own (tier 1).
    public var tier1Coverage: Double?
    /// How often a tier-1 message had the right intent.
    public var tier1Precision: Double?
    public init(
        accuracy: Double, macroF1: Double, logLoss: Double, evaluatedOn: Int, ece: Double? = nil,
        tier1Coverage: Double? = nil, tier1Precision: Double? = nil
    ) {
        self.accuracy = accuracy
        self.macroF1 = macroF1
        self.logLoss = logLoss
        self.evaluatedOn = evaluatedOn
        self.ece = ece
        self.tier1Coverage = tier1Coverage
        self.tier1Precision = tier1Precision
    }
}

/// How a version's confidence was calibrated and its thresholds fitted.
public struct CalibrationRecord: Codable, Hashable, Sendable {
    /// "temperature": one scalar dividing the logits, fitted by minimum negative log-likelihood.
    public var method: String
    /// Out-of-sample predictions the temperature and thresholds were fitted on.
    public var fittedOn: Int
    /// Cross-validation folds that produced those predictions.
    public var folds: Int
    public var nllBefore: Double
    public var nllAfter: Double
    /// Expected calibration error (15 equal-width bins of top-label confidence) on those predictions.
    public var eceBefore: Double
    public var eceAfter: Double
    /// Precision the auto-resolve (tier 1) thresholds must reach, judged by a lower confidence bound.
    public var autoResolveTarget: Double
    /// Precision the review (tier 2) thresholds must reach.
    public var reviewTarget: Double
    /// Level of the one-sided lower confidence bound (e.g. 0.95).
    public var confidenceLevel: Double
    /// Fewest out-of-sample predictions of an intent for thresholds of its own.
    public var minimumEvidence: Int

    public init(
        method: String, fittedOn: Int, folds: Int, nllBefore: Double, nllAfter: Double, eceBefore: Double, eceAfter: Double,
        autoResolveTarget: Double, reviewTarget: Double, confidenceLevel: Double, minimumEvidence: Int
    ) {
        self.method = method
        self.fittedOn = fittedOn
        self.folds = folds
        self.nllBefore = nllBefore
        self.nllAfter = nllAfter
        self.eceBefore = eceBefore
        self.eceAfter = eceAfter
        self.autoResolveTarget = autoResolveTarget
        self.reviewTarget = reviewTarget
        self.confidenceLevel = confidenceLevel
        self.minimumEvidence = minimumEvidence
    }
}
