import BatonCore
import BatonFeatures
import BatonModel
import BatonStore
import BatonTraining

/// Raw logits of every training example from a model that did not train on it.
///
/// Calibration (the temperature and the per-intent thresholds) must be fitted on predictions
/// the model did not train on, and the holdout must stay untouched for reporting. A 10 %
/// calibration slice leaves about a dozen messages per intent, too few for per-intent
/// thresholds; k-fold out-of-fold predictions give every training example one honest
/// prediction. Each fold fits its own vocabulary and idf on its training part (so nothing
/// about the held-out fold leaks in) and trains from zero to `gradientTolerance`.
/// Fold membership is a hash of the example id, so it is the same night after night.
struct OutOfFoldLogits {
    /// Row-major `examples × intents.count`, raw (temperature 1).
    var logits: [Float]
    var folds: Int

    static func compute(
        examples: [LabeledExample], intents: [String], settings: RetrainSettings, log: (String) -> Void
    ) throws -> OutOfFoldLogits {
        let k = intents.count
        let folds = settings.calibrationFolds
        let foldOf = examples.map { Int(SHA256.hash(Array("fold:\($0.id)".utf8)).prefix(4).reduce(0) { $0 << 8 | UInt32($1) } % UInt32(folds)) }
        var logits = [Float](repeating: 0, count: examples.count * k)
        var trainerSettings = settings.trainer
        trainerSettings.gradientTolerance = settings.calibrationGradientTolerance
        let trainer = SoftmaxRegressionTrainer(settings: trainerSettings)
        for fold in 0..<folds {
            let trainIndices = examples.indices.filter { foldOf[$0] != fold }
            let heldOut = examples.indices.filter { foldOf[$0] == fold }
            guard !heldOut.isEmpty else { continue }
            let foldIntents = Array(Set(trainIndices.map { examples[$0].intent })).sorted()
            let column = Dictionary(uniqueKeysWithValues: foldIntents.enumerated().map { ($1, $0) })
            let (vectorizer, matrix) = TFIDFVectorizer.fit(documents: trainIndices.map { examples[$0].text }, config: settings.featurizer)
            let outcome = try trainer.train(
                matrix: matrix, labels: trainIndices.map { column[examples[$0].intent] ?? 0 }, intents: foldIntents)
            log("  calibration fold \(fold + 1)/\(folds): \(trainIndices.count) train, \(heldOut.count) held out, \(outcome.iterations) iterations")
            let fullColumn = foldIntents.map { intent in intents.firstIndex(of: intent) ?? 0 }
            for index in heldOut {
                let z = outcome.model.logits(for: vectorizer.vector(for: examples[index].text))
                // An intent absent from this fold's training part gets a logit far below the rest:
                // the fold model could never have predicted it.
                let floor = (z.min() ?? 0) - 30
                for j in 0..<k { logits[index * k + j] = floor }
                for (position, value) in z.enumerated() { logits[index * k + fullColumn[position]] = value }
            }
        }
        return OutOfFoldLogits(logits: logits, folds: folds)
    }
}
