import BatonModel

/// Routes a labelled set of messages through a tier policy and measures the outcome, next to a
/// single global threshold, so a report can show what per-intent thresholds buy.
///
/// See ``TierReport`` for the definitions (what counts as a correct tier-1 answer, how
/// out-of-scope messages count, why precision is nil without tier-1 messages). Worst decile:
/// among intents with at least ``worstDecileMinimumTier1`` tier-1 messages, sort by tier-1
/// precision (ascending, then by name) and average the lowest 10% (rounded up, at least one).
/// One global threshold can look fine on average while a few intents are answered badly; the
/// worst decile is where per-intent thresholds should win, and comparing it at equal coverage
/// keeps the comparison fair.
public enum TierEvaluator {
    /// Fewest tier-1 messages for an intent to enter the worst-decile figures.
    public static let worstDecileMinimumTier1 = 5
    /// Points on the risk–coverage curve (fewer when there are fewer messages).
    public static let riskCoveragePointCount = 50

    /// - Parameters:
    ///   - probabilities: row-major `rows × intents.count` calibrated probabilities.
    ///   - trueIntents: each row's true intent (may be out-of-scope or unknown to the model).
    ///   - intents: the model's intents, in column order.
    ///   - policy: the tier policy to evaluate.
    ///   - globalThreshold: the single threshold of the plain comparison.
    /// Rows beyond the shorter of the two inputs are ignored.
    public static func evaluate(
        probabilities: [Double], trueIntents: [String], intents: [String], policy: TierPolicy, globalThreshold: Double = 0.85
    ) -> TierReport {
        let k = intents.count
        let rows = k > 0 ? min(trueIntents.count, probabilities.count / k) : 0
        let outOfScope = Set(policy.outOfScopeIntents)
        let intentNames = Array(Set(intents)).sorted()

        var predicted = [String](repeating: "", count: rows)
        var confidence = [Double](repeating: 0, count: rows)
        var correct = [Bool](repeating: false, count: rows)
        var tierCounts = [0, 0, 0]
        var routing = TierReport.OutOfScopeRouting()
        var policyTally: [String: Tally] = [:]
        var predictedCount: [String: Int] = [:]
        for row in 0..<rows {
            let prediction = IntentPrediction(probabilities: Array(probabilities[(row * k)..<((row + 1) * k)]), intents: intents)
            let decision = policy.decide(prediction)
            let truth = trueIntents[row]
            let right = prediction.intent == truth && !outOfScope.contains(truth)
            predicted[row] = prediction.intent
            confidence[row] = prediction.confidence
            correct[row] = right
            predictedCount[prediction.intent, default: 0] += 1
            let tier = min(max(decision.tier, 1), 3)
            tierCounts[tier - 1] += 1
            if tier == 1 { policyTally[prediction.intent, default: Tally()].add(right) }
            if outOfScope.contains(truth) {
                routing.messages += 1
                switch tier {
                case 1: routing.tier1 += 1
                case 2: routing.tier2 += 1
                default: routing.tier3 += 1
                }
            }
        }

        let global = tallies(predicted: predicted, confidence: confidence, correct: correct, threshold: globalThreshold)
        let policyTotal = policyTally.values.reduce(Tally()) { $0.merged($1) }
        let globalTotal = global.values.reduce(Tally()) { $0.merged($1) }
        let (worstPolicy, worstCount) = worstDecile(policyTally)

        var matchedThreshold: Double? = nil
        var matchedTotal: Tally? = nil
        var matchedWorst: Double? = nil
        if policyTotal.count > 0 {
            let sorted = confidence.sorted(by: >)
            let threshold = sorted[policyTotal.count - 1]
            let matched = tallies(predicted: predicted, confidence: confidence, correct: correct, threshold: threshold)
            matchedThreshold = threshold
            matchedTotal = matched.values.reduce(Tally()) { $0.merged($1) }
            matchedWorst = worstDecile(matched).mean
        }

        let perIntent = intentNames.map { intent -> TierReport.IntentRow in
            let limits = policy.thresholds(for: intent)
            let rule = outOfScope.contains(intent) ? "out_of_scope" : policy.alwaysHuman.contains(intent) ? "always_human" : "thresholds"
            let tally = policyTally[intent] ?? Tally()
            return TierReport.IntentRow(
                intent: intent, rule: rule, autoResolveThreshold: limits.autoResolve, reviewThreshold: limits.review,
                source: limits.source, evidence: limits.evidence, predicted: predictedCount[intent] ?? 0,
                tier1Count: tally.count, tier1Correct: tally.correct, tier1Precision: tally.precision)
        }

        func share(_ count: Int) -> Double { rows > 0 ? Double(count) / Double(rows) : 0 }
        return TierReport(
            rows: rows, tier1Count: tierCounts[0], tier2Count: tierCounts[1], tier3Count: tierCounts[2],
            tier1Share: share(tierCounts[0]), tier2Share: share(tierCounts[1]), tier3Share: share(tierCounts[2]),
            tier1Coverage: share(policyTotal.count), tier1Precision: policyTotal.precision,
            globalThreshold: globalThreshold, globalTier1Count: globalTotal.count,
            globalTier1Coverage: share(globalTotal.count), globalTier1Precision: globalTotal.precision,
            outOfScope: routing, perIntent: perIntent,
            worstDecileMinimumTier1: worstDecileMinimumTier1, worstDecileIntentCount: worstCount,
            worstDecileTier1Precision: worstPolicy,
            matchedGlobalThreshold: matchedThreshold,
            matchedGlobalTier1Coverage: matchedTotal.map { share($0.count) },
            matchedGlobalTier1Precision: matchedTotal?.precision,
            matchedGlobalWorstDecileTier1Precision: matchedWorst,
            riskCoverage: riskCoverage(confidence: confidence, correct: correct))
    }

    /// Tier-1 counts per predicted intent when tier 1 means `confidence ≥ threshold`, nothing else.
    private static func tallies(predicted: [String], confidence: [Double], correct: [Bool], threshold: Double) -> [String: Tally] {
        var result: [String: Tally] = [:]
        for row in predicted.indices where confidence[row] >= threshold {
            result[predicted[row], default: Tally()].add(correct[row])
        }
        return result
    }

    /// Mean precision of the worst 10% of intents with enough tier-1 messages, and how many were averaged.
    private static func worstDecile(_ tallies: [String: Tally]) -> (mean: Double?, count: Int) {
        let eligible = tallies.compactMap { intent, tally -> (String, Double)? in
            guard tally.count >= worstDecileMinimumTier1, let precision = tally.precision else { return nil }
            return (intent, precision)
        }
        .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard !eligible.isEmpty else { return (nil, 0) }
        let count = max(1, (eligible.count + 9) / 10)
        let worst = eligible.prefix(count)
        return (worst.map(\.1).reduce(0, +) / Double(count), count)
    }

    /// Risk against coverage, answering the most confident first (ties in row order).
    private static func riskCoverage(confidence: [Double], correct: [Bool]) -> [TierReport.RiskCoveragePoint] {
        let n = confidence.count
        guard n > 0 else { return [] }
        let order = confidence.indices.sorted { (confidence[$0], $1) > (confidence[$1], $0) }
        var errorsBefore = [Int](repeating: 0, count: n + 1)
        for (position, row) in order.enumerated() { errorsBefore[position + 1] = errorsBefore[position] + (correct[row] ? 0 : 1) }
        var points: [TierReport.RiskCoveragePoint] = []
        var lastCount = 0
        for step in 1...riskCoveragePointCount {
            let count = max(1, Int((Double(step) * Double(n) / Double(riskCoveragePointCount)).rounded()))
            guard count > lastCount else { continue }
            lastCount = count
            points.append(.init(
                coverage: Double(count) / Double(n), risk: Double(errorsBefore[count]) / Double(count),
                threshold: confidence[order[count - 1]]))
        }
        return points
    }

    /// Tier-1 messages and how many were answered correctly.
    private struct Tally {
        var count = 0
        var correct = 0
        var precision: Double? { count > 0 ? Double(correct) / Double(count) : nil }

        mutating func add(_ right: Bool) {
            count += 1
            if right { correct += 1 }
        }

        func merged(_ other: Tally) -> Tally { Tally(count: count + other.count, correct: correct + other.correct) }
    }
}
