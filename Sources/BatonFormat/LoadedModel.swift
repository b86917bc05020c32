import BatonFeatures
import BatonModel

/// A verified model version ready to score text: its manifest, featurizer and weights.
///
/// Built only from ``ModelArtifacts`` that ``ModelFolderReader`` has verified, so nothing here
/// ever reads an unchecked byte. Immutable and `Sendable`: many threads may score at once.
public struct LoadedModel: Sendable {
    public let manifest: ModelManifest
    public let vectorizer: TFIDFVectorizer
    public let model: IntentModel

    public init(artifacts: ModelArtifacts) throws(ModelFormatError) {
        let manifest = artifacts.manifest
        do {
            model = try IntentModel(
                intents: manifest.intents, featureCount: manifest.featureCount, weights: artifacts.weights,
                bias: artifacts.bias, temperature: manifest.temperature)
        } catch {
            throw ModelFormatError.manifestInconsistent(folder: manifest.version, field: "weights", problem: error.description)
        }
        do {
            vectorizer = TFIDFVectorizer(vocabulary: try Vocabulary(terms: artifacts.vocabulary, idf: artifacts.idf), config: manifest.featurizer)
        } catch {
            throw ModelFormatError.manifestInconsistent(folder: manifest.version, field: "vocabulary", problem: error.description)
        }
        self.manifest = manifest
    }

    /// Calibrated probabilities of one message, in `manifest.intents` order.
    public func probabilities(for text: String) -> [Double] {
        model.probabilities(for: vectorizer.vector(for: text))
    }

    /// The top intent, its calibrated confidence and the runner-up.
    public func predict(_ text: String) -> IntentPrediction {
        model.predict(vectorizer.vector(for: text))
    }
}
