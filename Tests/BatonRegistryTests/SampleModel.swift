import BatonCore
import BatonFeatures
import BatonFormat
import Foundation

/// Small, deterministic model artifacts for tests, including awkward floats and Unicode terms.
enum SampleModel {
    /// Floats a careless encoder gets wrong: signed zeros, subnormals, extremes.
    static let awkwardFloats: [Float] = [
        -0.0, 0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-38, -3.25e37, .pi, -1, 1.0000001,
    ]

    /// Terms with multi-byte UTF-8, a combining accent, an emoji, a tab and a carriage return.
    static let unicodeTerms = [
        "refund", "café", "naïve bigram", "日本語", "👋 hello", "e\u{0301}cole", "<PHONE>", "tab\there", "x\ry", "Ωmega",
        "straße", "кот",
    ]

    static let metricsJSON = Array(#"{"accuracy": 0.91, "perIntent": {"billing": 0.88}}"#.utf8)

    static func manifest(intents: [String], featureCount: Int) -> ModelManifest {
        ModelManifest(
            version: "v0", parentVersion: nil, createdAt: "2026-12-04T02:00:13Z", codeVersion: BatonVersion.current,
            dataFingerprint: SHA256.hex("training data"),
            rows: .init(train: 800, holdout: 200, labelled: 1_020, duplicatesCollapsed: 20),
            hyperparameters: .init(
                c: 4, gradientTolerance: 1e-4, maxIterations: 200, iterations: 57, converged: true, finalObjective: 0.318),
            featurizer: .default, intents: intents, featureCount: featureCount, temperature: 1.25,
            metrics: .init(accuracy: 0.91, macroF1: 0.87, logLoss: 0.33, evaluatedOn: 200))
    }

    /// Artifacts whose numbers depend on `seed`, so two publishes are distinguishable.
    static func artifacts(seed: Int = 1, intents: [String] = ["billing", "cancel", "human"]) -> ModelArtifacts {
        let vocabulary = unicodeTerms
        let featureCount = vocabulary.count
        let idf = (0..<featureCount).map { index in
            index < awkwardFloats.count ? awkwardFloats[index] : Float(index) * 0.5 + Float(seed)
        }
        let weights = (0..<(featureCount * intents.count)).map { index in
            index < awkwardFloats.count ? awkwardFloats[(index + seed) % awkwardFloats.count]
                : Float(sin(Double(index * 7 + seed))) * 3
        }
        let bias = intents.indices.map { Float($0) - 1.5 + Float(seed) / 8 }
        return ModelArtifacts(
            manifest: manifest(intents: intents, featureCount: featureCount), vocabulary: vocabulary, idf: idf,
            weights: weights, bias: bias, extraFiles: ["metrics.json": metricsJSON])
    }
}
