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

/// SplitMix64, so generated cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
