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

    public init(
        holdoutPercent: Int = 10, featurizer: FeaturizerConfig = .default,
        trainer: SoftmaxRegressionTrainer.Settings = .init(), minimumTrainingExamples: Int = 20
    ) {
        self.holdoutPercent = holdoutPercent
        self.featurizer = featurizer
        self.trainer = trainer
        self.minimumTrainingExamples = minimumTrainingExamples
    }
}
