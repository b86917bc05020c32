import BatonCalibration
import BatonFeatures
import BatonTraining

/// Everything that decides what a nightly run trains. Part of the data fingerprint: changing
/// any setting makes the next run retrain even when the data did not change.
public struct RetrainSettings: Codable, Hashable, Sendable {
    /// Share of conversations (by a hash of their id) kept out of training for evaluation.
    public var holdoutPercent: Int
    public var featurizer: FeaturizerConfig
    public var trainer: SoftmaxRegressionTrainer.Settings
    /// Below this many training examples the job refuses to train (exit code 5).
    public var minimumTrainingExamples: Int
    /// Business rules and precision targets for the tiers (the policy file, or its defaults).
    public var policy: PolicyFile
    /// Folds of the out-of-fold predictions that calibration is fitted on.
    public var calibrationFolds: Int
    /// Convergence of the fold models: scikit-learn's default `tol`, looser than the published
    /// model's, because their predictions only feed the temperature and thresholds.
    public var calibrationGradientTolerance: Double

    public init(
        holdoutPercent: Int = 10, featurizer: FeaturizerConfig = .default,
        trainer: SoftmaxRegressionTrainer.Settings = .init(), minimumTrainingExamples: Int = 20,
        policy: PolicyFile = PolicyFile(), calibrationFolds: Int = 5, calibrationGradientTolerance: Double = 1e-4
    ) {
        self.holdoutPercent = holdoutPercent
        self.featurizer = featurizer
        self.trainer = trainer
        self.minimumTrainingExamples = minimumTrainingExamples
        self.policy = policy
        self.calibrationFolds = calibrationFolds
        self.calibrationGradientTolerance = calibrationGradientTolerance
    }
}
