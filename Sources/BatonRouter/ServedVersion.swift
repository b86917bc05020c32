import BatonFormat
import BatonModel
import Foundation

/// One verified model version as a router serves it: the loaded model, its tier policy, and
/// the `current` link text it was found through.
///
/// Immutable, so any number of threads may score with it while a newer version replaces it in
/// the router; each decision runs to the end on the instance it started with.
final class ServedVersion: Sendable {
    let loaded: LoadedModel
    /// `manifest.version` ("v7").
    let version: String
    /// What `current` pointed at when this version was loaded; nil for a pinned folder.
    let linkTarget: String?
    private let policy: TierPolicy

    init(loaded: LoadedModel, linkTarget: String?) {
        self.loaded = loaded
        self.version = loaded.manifest.version
        self.linkTarget = linkTarget
        self.policy = loaded.manifest.tiers
    }

    /// Runner-ups reported after the top intent.
    static let runnerUpCount = 3

    /// Featurizes, scores and decides one message.
    ///
    /// The scores are computed exactly as ``BatonModel/IntentModel/probabilities(for:)`` does
    /// (same operations in the same order, so the same bits), but with the logits on the stack
    /// and the top four intents picked in one pass instead of sorting every intent.
    func decide(_ text: String) -> RoutingDecision {
        let vector = loaded.vectorizer.vector(for: text)
        let model = loaded.model
        let intentCount = model.intentCount
        let featureCount = model.featureCount
        let temperature = model.temperature
        let probabilities = [Double](unsafeUninitializedCapacity: intentCount) { out, initialized in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: intentCount) { z in
                model.bias.withUnsafeBufferPointer { bias in
                    for j in 0..<intentCount { z[j] = bias[j] }
                }
                model.weights.withUnsafeBufferPointer { w in
                    vector.indices.withUnsafeBufferPointer { indices in
                        vector.values.withUnsafeBufferPointer { values in
                            for position in 0..<indices.count {
                                let feature = Int(indices[position])
                                guard feature >= 0, feature < featureCount else { continue }
                                let x = values[position]
                                let row = feature * intentCount
                                for j in 0..<intentCount { z[j] += x * w[row + j] }
                            }
                        }
                    }
                }
                var maxLogit = -Double.infinity
                for j in 0..<intentCount { maxLogit = max(maxLogit, Double(z[j])) }
                var total = 0.0
                for j in 0..<intentCount {
                    let value = exp((Double(z[j]) - maxLogit) / temperature)
                    out.initializeElement(at: j, to: value)
                    total += value
                }
                for j in 0..<intentCount { out[j] /= total }
            }
            initialized = intentCount
        }
        let tier = policy.decide(IntentPrediction(probabilities: probabilities, intents: model.intents))
        return RoutingDecision(
            version: version, intent: tier.intent, confidence: tier.confidence,
            runnerUps: Self.runnerUps(probabilities, intents: model.intents), tier: tier.tier, reason: tier.reason,
            threshold: tier.threshold)
    }

    /// The intents ranked 2nd to 4th, most likely first; equal scores keep manifest order, as
    /// ``BatonModel/IntentPrediction`` does for the runner-up.
    static func runnerUps(_ probabilities: [Double], intents: [String]) -> [RoutingDecision.RunnerUp] {
        let keep = runnerUpCount + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: keep) { top in
            var count = 0
            probabilities.withUnsafeBufferPointer { p in
                for j in 0..<p.count {
                    let value = p[j]
                    // Insert after every kept index with a greater or equal score.
                    var slot = count
                    while slot > 0 && p[top[slot - 1]] < value { slot -= 1 }
                    guard slot < keep else { continue }
                    var move = min(count, keep - 1)
                    while move > slot {
                        top[move] = top[move - 1]
                        move -= 1
                    }
                    top[slot] = j
                    count = min(count + 1, keep)
                }
            }
            guard count > 1 else { return [] }
            var result: [RoutingDecision.RunnerUp] = []
            result.reserveCapacity(count - 1)
            for rank in 1..<count {
                result.append(RoutingDecision.RunnerUp(intent: intents[top[rank]], confidence: probabilities[top[rank]]))
            }
            return result
        }
    }
}
