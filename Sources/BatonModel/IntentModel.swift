import Foundation
import BatonFeatures

/// A trained multinomial logistic-regression intent model, ready to score messages.
///
/// Layout (the same as the published `weights.f32`): `weights` is a row-major
/// `featureCount × intents.count` matrix, so the weights of one feature for every intent are
/// contiguous and scoring a sparse message is one short, cache-friendly row update per feature.
/// Confidences are `softmax(logits / temperature)`; a temperature of 1 is the raw model.
public struct IntentModel: Sendable {
    public let intents: [String]
    public let featureCount: Int
    public let weights: [Float]
    public let bias: [Float]
    /// Logits are divided by this before the softmax (fitted by calibration; 1 = uncalibrated).
    public var temperature: Double

    public var intentCount: Int { intents.count }

    /// Checks shapes and values; a model that fails here must never score a message.
    public init(intents: [String], featureCount: Int, weights: [Float], bias: [Float], temperature: Double = 1) throws(IntentModelError) {
        guard !intents.isEmpty else { throw .noIntents }
        guard featureCount >= 0, weights.count == featureCount * intents.count else {
            throw .shapeMismatch(what: "weights", expected: featureCount * intents.count, found: weights.count)
        }
        guard bias.count == intents.count else { throw .shapeMismatch(what: "bias", expected: intents.count, found: bias.count) }
        guard temperature.isFinite, temperature > 0 else { throw .invalidTemperature(temperature) }
        self.intents = intents
        self.featureCount = featureCount
        self.weights = weights
        self.bias = bias
        self.temperature = temperature
    }

    /// Raw (uncalibrated) logits of one message: `bias + Σ x_f · W[f, :]`.
    public func logits(for message: SparseVector) -> [Float] {
        var z = bias
        let k = intentCount
        weights.withUnsafeBufferPointer { w in
            z.withUnsafeMutableBufferPointer { out in
                for (position, feature) in message.indices.enumerated() {
                    let f = Int(feature)
                    guard f >= 0, f < featureCount else { continue }
                    let x = message.values[position]
                    let row = f * k
                    for j in 0..<k { out[j] += x * w[row + j] }
                }
            }
        }
        return z
    }

    /// Calibrated probabilities of one message (sums to 1).
    public func probabilities(for message: SparseVector) -> [Double] {
        Self.softmax(logits(for: message), temperature: temperature)
    }

    /// Calibrated probabilities of every row of `matrix`, row-major `rowCount × intentCount`.
    public func probabilities(for matrix: SparseMatrix) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(matrix.rowCount * intentCount)
        for row in 0..<matrix.rowCount {
            out += probabilities(for: matrix.row(row))
        }
        return out
    }

    /// The most likely intent of one message with its calibrated confidence and the runner-up.
    public func predict(_ message: SparseVector) -> IntentPrediction {
        IntentPrediction(probabilities: probabilities(for: message), intents: intents)
    }

    /// Numerically stable `softmax(z / temperature)` in Double.
    public static func softmax(_ logits: [Float], temperature: Double = 1) -> [Double] {
        var maxLogit = -Double.infinity
        for z in logits { maxLogit = max(maxLogit, Double(z)) }
        var out = logits.map { exp((Double($0) - maxLogit) / temperature) }
        let total = out.reduce(0, +)
        for j in out.indices { out[j] /= total }
        return out
    }
}

/// The top intent of a message, its calibrated confidence, and the runner-up.
public struct IntentPrediction: Sendable, Hashable {
    public let intentIndex: Int
    public let intent: String
    public let confidence: Double
    public let runnerUpIndex: Int?
    public let runnerUpConfidence: Double
    /// The runner-up's name, if the model has more than one intent.
    public var runnerUp: String? { runnerUpIndex.map { intents[$0] } }
    private let intents: [String]

    public init(probabilities: [Double], intents: [String]) {
        self.intents = intents
        var best = 0
        var second: Int? = nil
        for j in probabilities.indices.dropFirst() {
            if probabilities[j] > probabilities[best] {
                second = best
                best = j
            } else if second.map({ probabilities[j] > probabilities[$0] }) ?? true {
                second = j
            }
        }
        intentIndex = best
        intent = intents[best]
        confidence = probabilities[best]
        runnerUpIndex = second
        runnerUpConfidence = second.map { probabilities[$0] } ?? 0
    }
}
