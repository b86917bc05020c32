import BatonComparison
import BatonModel

/// Builds a version's probabilities from the intent it predicts for each message and how sure it is,
/// so tests state what a model does rather than train one.
enum SyntheticVersion {
    /// Row-major probabilities: `confidence` on the predicted intent, the rest spread evenly.
    static func probabilities(predicted: [String], confidence: [Double], intents: [String]) -> [Double] {
        var out: [Double] = []
        for (row, intent) in predicted.enumerated() {
            let top = confidence[row]
            let rest = intents.count > 1 ? (1 - top) / Double(intents.count - 1) : 0
            out += intents.map { $0 == intent ? top : rest }
        }
        return out
    }

    static func predictions(
        _ version: String, predicted: [String], confidence: [Double], intents: [String], policy: TierPolicy = TierPolicy()
    ) -> VersionPredictions {
        VersionPredictions(
            version: version, intents: intents,
            probabilities: probabilities(predicted: predicted, confidence: confidence, intents: intents), policy: policy)
    }
}
