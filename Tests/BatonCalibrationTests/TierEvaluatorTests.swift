import BatonCore
import BatonModel
import Foundation
import Testing

@testable import BatonCalibration

@Suite struct TierEvaluatorTests {
    static let intents = ["a", "b", "oos"]
    static let policy = TierPolicy(
        thresholds: ["a": .init(autoResolve: 0.8, review: 0.5, evidence: 100, source: "intent")],
        fallback: .init(autoResolve: 0.9, review: 0.6, evidence: 400, source: "pooled"),
        outOfScopeIntents: ["oos"])

    /// Ten messages worked through by hand (policy tier, and tier 1 at a global 0.85, in comments).
    static let rows: [([Double], String)] = [
        ([0.90, 0.05, 0.05], "a"),  // a ≥ .8: tier 1, right.        global: tier 1, right
        ([0.85, 0.10, 0.05], "b"),  // a ≥ .8: tier 1, wrong.        global: tier 1, wrong
        ([0.60, 0.30, 0.10], "a"),  // a ≥ .5: tier 2
        ([0.30, 0.60, 0.10], "b"),  // b (fallback) ≥ .6: tier 2
        ([0.02, 0.95, 0.03], "b"),  // b ≥ .9: tier 1, right.        global: tier 1, right
        ([0.05, 0.05, 0.90], "oos"),  // predicted oos: tier 3.      global: tier 1, wrong (answering oos)
        ([0.88, 0.06, 0.06], "oos"),  // a ≥ .8: tier 1, wrong.      global: tier 1, wrong
        ([0.40, 0.35, 0.25], "a"),  // a < .5: tier 3
        ([0.10, 0.86, 0.04], "b"),  // b ≥ .6: tier 2.               global: tier 1, right
        ([0.10, 0.20, 0.70], "unknown"),  // predicted oos: tier 3
    ]

    static func evaluateHandCase() -> TierReport {
        TierEvaluator.evaluate(
            probabilities: rows.flatMap(\.0), trueIntents: rows.map(\.1), intents: intents, policy: policy, globalThreshold: 0.85)
    }

    @Test func tiersAndPrecisionOfTheHandCase() throws {
        let report = Self.evaluateHandCase()
        #expect(report.rows == 10)
        #expect(report.tier1Count == 4 && report.tier2Count == 3 && report.tier3Count == 3)
        #expect(abs(report.tier1Share + report.tier2Share + report.tier3Share - 1) < 1e-12)
        #expect(report.tier1Coverage == 0.4)
        #expect(report.tier1Precision == 0.5)
        #expect(report.outOfScope == .init(messages: 2, tier1: 1, tier2: 0, tier3: 1))

        let byIntent = Dictionary(uniqueKeysWithValues: report.perIntent.map { ($0.intent, $0) })
        #expect(report.perIntent.map(\.intent) == ["a", "b", "oos"])
        let a = try #require(byIntent["a"])
        #expect((a.tier1Count, a.tier1Correct, a.predicted, a.source, a.evidence) == (3, 1, 5, "intent", 100))
        #expect(a.autoResolveThreshold == 0.8 && a.reviewThreshold == 0.5)
        let b = try #require(byIntent["b"])
        #expect((b.tier1Count, b.tier1Correct, b.source) == (1, 1, "pooled"))
        #expect(b.tier1Precision == 1)
        #expect(byIntent["oos"]?.rule == "out_of_scope")
        #expect(byIntent["oos"]?.tier1Precision == nil)
        #expect(report.perIntent.map(\.tier1Count).reduce(0, +) == report.tier1Count)
    }

    @Test func theGlobalThresholdComparisonMatchesAHandCount() {
        let report = Self.evaluateHandCase()
        // Rows 1, 2, 5, 6, 7, 9 reach 0.85; rows 1, 5, 9 are right.
        #expect(report.globalTier1Count == 6)
        #expect(report.globalTier1Coverage == 0.6)
        #expect(report.globalTier1Precision == 0.5)
        // The policy resolves 4: the 4th highest confidence is 0.88 (0.95, 0.9, 0.9, 0.88).
        #expect(report.matchedGlobalThreshold == 0.88)
        #expect(report.matchedGlobalTier1Coverage == 0.4)
        #expect(report.matchedGlobalTier1Precision == 0.5)
        // No intent has 5 tier-1 messages.
        #expect(report.worstDecileTier1Precision == nil)
        #expect(report.worstDecileIntentCount == 0)
    }

    @Test func riskCoverageOfTheHandCase() throws {
        let report = Self.evaluateHandCase()
        // Most confident first: .95 ✓, .9 ✓, .9 ✗(oos), .88 ✗, .86 ✓, .85 ✗, .7 ✗, .6 ✓, .6 ✓, .4 ✓.
        #expect(report.riskCoverage.count == 10)
        let expectedErrors = [0, 0, 1, 2, 2, 3, 4, 4, 4, 4]
        for (index, point) in report.riskCoverage.enumerated() {
            #expect(abs(point.coverage - Double(index + 1) / 10) < 1e-12)
            #expect(abs(point.risk - Double(expectedErrors[index]) / Double(index + 1)) < 1e-12)
        }
        #expect(report.riskCoverage.last?.threshold == 0.4)
    }

    @Test func perIntentThresholdsWinTheWorstDecileAtEqualCoverage() throws {
        // "a": confident but right only 6 times in 10; "b": less confident, always right.
        var probabilities: [Double] = []
        var truth: [String] = []
        for index in 0..<10 {
            probabilities += [0.95, 0.05]
            truth.append(index < 6 ? "a" : "b")
        }
        for _ in 0..<10 {
            probabilities += [0.3, 0.7]
            truth.append("b")
        }
        let policy = TierPolicy(
            thresholds: [
                "a": .init(autoResolve: nil, review: 0.5, evidence: 50, source: "intent"),
                "b": .init(autoResolve: 0.6, review: 0.5, evidence: 50, source: "intent"),
            ], fallback: .init(autoResolve: nil, review: nil, evidence: 0, source: "pooled"))
        let report = TierEvaluator.evaluate(probabilities: probabilities, trueIntents: truth, intents: ["a", "b"], policy: policy)
        #expect(report.tier1Count == 10)
        #expect(report.tier1Precision == 1)
        #expect(report.worstDecileIntentCount == 1)
        #expect(report.worstDecileTier1Precision == 1)
        // The global threshold with the same coverage (10 of 20) takes a's ten 0.95s.
        #expect(report.matchedGlobalThreshold == 0.95)
        #expect(report.matchedGlobalTier1Coverage == 0.5)
        let matched = try #require(report.matchedGlobalTier1Precision)
        #expect(abs(matched - 0.6) < 1e-12)
        let worst = try #require(report.matchedGlobalWorstDecileTier1Precision)
        #expect(abs(worst - 0.6) < 1e-12)
    }

    @Test(arguments: [UInt64(21), 22, 23])
    func countsAddUpOnRandomData(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let intents = (0..<12).map { "intent_\($0)" } + ["oos"]
        let k = intents.count
        var probabilities: [Double] = []
        var truth: [String] = []
        for _ in 0..<500 {
            let logits = (0..<k).map { _ in 2.5 * generator.normal() }
            let top = logits.max() ?? 0
            let weights = logits.map { exp($0 - top) }
            let total = weights.reduce(0, +)
            let row = weights.map { $0 / total }
            probabilities += row
            truth.append(intents[generator.categorical(row)])
        }
        var thresholds: [String: TierPolicy.Thresholds] = [:]
        for intent in intents.prefix(8) {
            let auto = Double.random(in: 0.3...0.95, using: &generator)
            thresholds[intent] = .init(autoResolve: auto, review: auto / 2, evidence: 40, source: "intent")
        }
        let policy = TierPolicy(
            thresholds: thresholds, fallback: .init(autoResolve: 0.7, review: 0.4, evidence: 500, source: "pooled"),
            alwaysHuman: ["intent_11"], outOfScopeIntents: ["oos"], ambiguityMargin: 0.05)
        let report = TierEvaluator.evaluate(probabilities: probabilities, trueIntents: truth, intents: intents, policy: policy, globalThreshold: 0.6)

        #expect(report.tier1Count + report.tier2Count + report.tier3Count == 500)
        #expect(abs(report.tier1Share + report.tier2Share + report.tier3Share - 1) < 1e-12)
        #expect(report.perIntent.map(\.tier1Count).reduce(0, +) == report.tier1Count)
        #expect(report.perIntent.map(\.predicted).reduce(0, +) == 500)
        #expect(report.perIntent.first { $0.intent == "intent_11" }?.tier1Count == 0)
        #expect(report.perIntent.first { $0.intent == "oos" }?.tier1Count == 0)

        // Brute-force the tier-1 counts from the policy itself and from the global threshold.
        var policyTier1 = 0
        var policyCorrect = 0
        var globalTier1 = 0
        var globalCorrect = 0
        var confidences: [Double] = []
        for row in 0..<500 {
            let prediction = IntentPrediction(probabilities: Array(probabilities[(row * k)..<((row + 1) * k)]), intents: intents)
            let right = prediction.intent == truth[row] && truth[row] != "oos"
            confidences.append(prediction.confidence)
            if policy.decide(prediction).tier == 1 {
                policyTier1 += 1
                if right { policyCorrect += 1 }
            }
            if prediction.confidence >= 0.6 {
                globalTier1 += 1
                if right { globalCorrect += 1 }
            }
        }
        #expect(report.tier1Count == policyTier1)
        #expect(report.tier1Precision == Double(policyCorrect) / Double(policyTier1))
        #expect(report.globalTier1Count == globalTier1)
        #expect(report.globalTier1Precision == Double(globalCorrect) / Double(globalTier1))
        let matched = try #require(report.matchedGlobalThreshold)
        #expect(confidences.filter { $0 >= matched }.count >= policyTier1)
        #expect(confidences.filter { $0 > matched }.count < policyTier1)

        let curve = report.riskCoverage
        #expect(curve.count == 50)
        #expect(curve.last?.coverage == 1)
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.coverage < $1.coverage && $0.threshold >= $1.threshold })
        let accuracy = Double((0..<500).filter { row in
            let prediction = IntentPrediction(probabilities: Array(probabilities[(row * k)..<((row + 1) * k)]), intents: intents)
            return prediction.intent == truth[row] && truth[row] != "oos"
        }.count) / 500
        #expect(abs((curve.last?.risk ?? -1) - (1 - accuracy)) < 1e-12)
    }

    @Test func noRowsGiveAnEmptyReport() throws {
        let report = TierEvaluator.evaluate(probabilities: [], trueIntents: [], intents: ["a"], policy: TierPolicy())
        #expect(report.rows == 0)
        #expect(report.tier1Precision == nil)
        #expect(report.riskCoverage.isEmpty)
        #expect(report.matchedGlobalThreshold == nil)
        // And it encodes (nil precision is written as absent, not as 1).
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("\"tier1Precision\""))
    }
}
