import BatonModel

/// Each message's top intent, whether it is right, its confidence and its tier under one
/// version: the per-message facts every metric and chart of a comparison is built from.
struct ScoredMessages: Sendable {
    var predicted: [String]
    var correct: [Bool]
    var confidence: [Double]
    var tier: [Int]

    init(_ predictions: VersionPredictions, trueIntents: [String]) {
        let n = trueIntents.count
        predicted = []
        correct = []
        confidence = []
        tier = []
        predicted.reserveCapacity(n)
        correct.reserveCapacity(n)
        confidence.reserveCapacity(n)
        tier.reserveCapacity(n)
        for row in 0..<n {
            let prediction = predictions.prediction(of: row)
            predicted.append(prediction.intent)
            correct.append(prediction.intent == trueIntents[row])
            confidence.append(prediction.confidence)
            tier.append(predictions.policy.decide(prediction).tier)
        }
    }

    var count: Int { correct.count }
}
