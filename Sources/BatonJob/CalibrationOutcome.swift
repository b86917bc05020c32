import BatonCalibration
import BatonFormat
import BatonModel
import BatonStore

/// The calibration step of the nightly job: a temperature and per-intent thresholds fitted
/// on out-of-fold predictions over the training part (the holdout stays for reporting).
struct CalibrationOutcome {
    var temperature: TemperatureFit
    var tiers: TierPolicy
    var record: CalibrationRecord
    /// Out-of-fold calibrated probabilities of the training examples, row-major.
    var probabilities: [Double]

    static func fit(
        logits: OutOfFoldLogits, examples: [LabeledExample], intents: [String], policy: PolicyFile
    ) -> CalibrationOutcome {
        let k = intents.count
        let column = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })
        let labels = examples.map { column[$0.intent] ?? 0 }
        let temperature = TemperatureScaling.fit(logits: logits.logits, labels: labels, classCount: k)
        let raw = TemperatureScaling.probabilities(logits: logits.logits, classCount: k, temperature: 1)
        let calibrated = TemperatureScaling.probabilities(logits: logits.logits, classCount: k, temperature: temperature.temperature)
        let rawTop = TopLabel.of(raw, trueIntents: examples.map(\.intent), intents: intents)
        let calibratedTop = TopLabel.of(calibrated, trueIntents: examples.map(\.intent), intents: intents)
        let predictions = calibratedTop.indices.map {
            OutOfSamplePrediction(
                predictedIntent: calibratedTop[$0].intent, confidence: calibratedTop[$0].confidence, correct: calibratedTop[$0].correct)
        }
        let settings = policy.thresholdSettings
        let fit = ThresholdCalibrator.fit(predictions, intents: intents, settings: settings)
        let record = CalibrationRecord(
            method: "temperature", fittedOn: examples.count, folds: logits.folds,
            nllBefore: temperature.nllBefore, nllAfter: temperature.nllAfter,
            eceBefore: CalibrationError.expected(confidences: rawTop.map(\.confidence), correct: rawTop.map(\.correct)),
            eceAfter: CalibrationError.expected(confidences: calibratedTop.map(\.confidence), correct: calibratedTop.map(\.correct)),
            autoResolveTarget: settings.autoResolveTarget, reviewTarget: settings.reviewTarget,
            confidenceLevel: settings.confidenceLevel, minimumEvidence: settings.minimumEvidence)
        return CalibrationOutcome(temperature: temperature, tiers: policy.tierPolicy(from: fit), record: record, probabilities: calibrated)
    }
}

/// Each row's top intent, its probability, and whether it is the true intent.
struct TopLabel {
    var intent: String
    var index: Int
    var confidence: Double
    var correct: Bool

    static func of(_ probabilities: [Double], trueIntents: [String], intents: [String]) -> [TopLabel] {
        let k = intents.count
        return trueIntents.indices.map { row in
            let prediction = IntentPrediction(probabilities: Array(probabilities[(row * k)..<((row + 1) * k)]), intents: intents)
            return TopLabel(
                intent: prediction.intent, index: prediction.intentIndex, confidence: prediction.confidence,
                correct: prediction.intent == trueIntents[row])
        }
    }
}
