import BatonCore
import BatonFeatures
import BatonFormat
import BatonModel
import Foundation

/// A small, real model: a vocabulary fitted with ``TFIDFVectorizer`` on a dozen support
/// messages and a hand-set weight matrix that favours, for each term, the intents whose
/// messages use it. `seed` scales the weights, so every version scores differently.
enum TinyModel {
    static let intents = ["billing", "legal_request", "out_of_scope", "password_reset"]

    static let training: [(text: String, intent: String)] = [
        ("my invoice is wrong", "billing"),
        ("refund my invoice please", "billing"),
        ("I was charged twice on my card", "billing"),
        ("reset my password", "password_reset"),
        ("I forgot my password", "password_reset"),
        ("the password reset link expired", "password_reset"),
        ("a subpoena for account records", "legal_request"),
        ("legal request for my data", "legal_request"),
        ("what is the weather today", "out_of_scope"),
        ("tell me a joke", "out_of_scope"),
    ]

    /// Messages that exercise every path: known terms, unknown terms, PII, Unicode, nothing.
    static let messages = [
        "my invoice is wrong", "refund please", "I forgot my password again", "password reset link",
        "subpoena", "legal request", "tell me a joke about the weather", "", "   ", "?!",
        "invoice password", "Hi, my name is Jane Doe and my card 4111 1111 1111 1111 was charged twice",
        "email me at jane@example.com about my invoice", "ＩＮＶＯＩＣＥ ｗｒｏｎｇ", "zzz qqq", "reset reset reset my password",
    ]

    static let config = FeaturizerConfig(maxNgram: 2, minDocumentFrequency: 1, sublinearTF: true, minTokenLength: 2)

    static func artifacts(version: String, seed: Int = 1, tiers: TierPolicy = TierPolicy(), temperature: Double = 1) -> ModelArtifacts {
        let (vectorizer, _) = TFIDFVectorizer.fit(documents: training.map(\.text), config: config)
        let vocabulary = vectorizer.vocabulary
        let normalizer = TextNormalizer()
        let tokenizer = Tokenizer(config: config)
        var usedBy = [Set<String>](repeating: [], count: vocabulary.count)
        for example in training {
            for term in tokenizer.terms(in: normalizer.normalize(example.text)) {
                if let column = vocabulary.index(of: term) { usedBy[column].insert(example.intent) }
            }
        }
        let scale = 1 + Float(seed) * 0.1
        var weights: [Float] = []
        for column in 0..<vocabulary.count {
            for intent in intents {
                weights.append(usedBy[column].contains(intent) ? 1.2 * scale : -0.2 * scale)
            }
        }
        let bias = intents.indices.map { Float($0) * 0.05 - Float(seed % 3) * 0.01 }
        let manifest = ModelManifest(
            version: version, parentVersion: nil, createdAt: "2026-12-04T02:00:13Z", codeVersion: BatonVersion.current,
            dataFingerprint: SHA256.hex("tiny \(seed)"),
            rows: .init(train: training.count, holdout: 0, labelled: training.count, duplicatesCollapsed: 0),
            hyperparameters: .init(c: 30, gradientTolerance: 1e-5, maxIterations: 100, iterations: 12, converged: true, finalObjective: 0.1),
            featurizer: config, intents: intents, featureCount: vocabulary.count, temperature: temperature, tiers: tiers,
            metrics: .init(accuracy: 1, macroF1: 1, logLoss: 0.1, evaluatedOn: 0))
        return ModelArtifacts(
            manifest: manifest, vocabulary: vocabulary.terms, idf: vocabulary.idf, weights: weights, bias: bias,
            extraFiles: ["metrics.json": Array(#"{"accuracy":1}"#.utf8)])
    }
}
