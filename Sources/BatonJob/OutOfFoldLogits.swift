import BatonCore
import BatonFeatures
import BatonModel
import BatonStore
import BatonTraining
import Dispatch
import Synchronization

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
    /// One fold's raw logits for its held-out examples, in the fold model's intent order.
    struct FoldResult: Sendable {
        var heldOut: [Int]
        var intents: [String]
        var logits: [[Float]]
        var trainCount: Int
        var iterations: Int
    }

    /// Row-major `examples × intents.count`, raw (temperature 1).
    var logits: [Float]
    var folds: Int

    static func compute(
        examples: [LabeledExample], intents: [String], settings: RetrainSettings, log: (String) -> Void
    ) throws -> OutOfFoldLogits {
        let k = intents.count
        let folds = settings.calibrationFolds
        let foldOf = examples.map { Int(SHA256.hash(Array("fold:\($0.id)".utf8)).prefix(4).reduce(0) { $0 << 8 | UInt32($1) } % UInt32(folds)) }
        var trainerSettings = settings.trainer
        trainerSettings.gradientTolerance = settings.calibrationGradientTolerance
        let trainer = SoftmaxRegressionTrainer(settings: trainerSettings)
        // Folds train two at a time: a fold's optimizer spends half its time in memory-bound
        // single-threaded vector work, which a second fold overlaps. Each fold writes only its
        // own rows, so the result does not depend on scheduling.
        let results = Mutex<[Int: Result<FoldResult, TrainingError>]>([:])
        DispatchQueue.concurrentPerform(iterations: folds) { fold in
            let trainIndices = examples.indices.filter { foldOf[$0] != fold }
            let heldOut = examples.indices.filter { foldOf[$0] == fold }
            guard !heldOut.isEmpty else { return }
            let foldIntents = Array(Set(trainIndices.map { examples[$0].intent })).sorted()
            let column = Dictionary(uniqueKeysWithValues: foldIntents.enumerated().map { ($1, $0) })
            let (vectorizer, matrix) = TFIDFVectorizer.fit(documents: trainIndices.map { examples[$0].text }, config: settings.featurizer)
            let result = Result { () throws(TrainingError) -> FoldResult in
                let outcome = try trainer.train(
                    matrix: matrix, labels: trainIndices.map { column[examples[$0].intent] ?? 0 }, intents: foldIntents)
                let logits = heldOut.map { outcome.model.logits(for: vectorizer.vector(for: examples[$0].text)) }
                return FoldResult(
                    heldOut: heldOut, intents: foldIntents, logits: logits, trainCount: trainIndices.count, iterations: outcome.iterations)
            }
            results.withLock { $0[fold] = result }
        }
        var logits = [Float](repeating: 0, count: examples.count * k)
        let finished = results.withLock { $0 }
        for fold in 0..<folds {
            guard let result = finished[fold] else { continue }
            let foldResult = try result.get()
            log("  calibration fold \(fold + 1)/\(folds): \(foldResult.trainCount) train, \(foldResult.heldOut.count) held out, \(foldResult.iterations) iterations")
            let fullColumn = foldResult.intents.map { intent in intents.firstIndex(of: intent) ?? 0 }
            for (position, index) in foldResult.heldOut.enumerated() {
                let z = foldResult.logits[position]
                // An intent absent from this fold's training part gets a logit far below the rest:
                // the fold model could never have predicted it.
                let floor = (z.min() ?? 0) - 30
                for j in 0..<k { logits[index * k + j] = floor }
                for (column, value) in z.enumerated() { logits[index * k + fullColumn[column]] = value }
            }
        }
        return OutOfFoldLogits(logits: logits, folds: folds)
    }
}
