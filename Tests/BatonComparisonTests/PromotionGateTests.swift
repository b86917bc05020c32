import BatonComparison
import Testing

@Suite("Promotion gate")
struct PromotionGateTests {
    static let intents = ["billing", "cancel", "refund", "upgrade", "rare_case"]
    /// 40 messages of each common intent, 6 of the rare one.
    static let truth: [String] = intents.flatMap { intent in [String](repeating: intent, count: intent == "rare_case" ? 6 : 40) }

    /// The current model: right on 90% of every intent, sure of itself when right.
    static func current() throws -> VersionEvaluation {
        let predicted = truth.enumerated().map { row, intent in row % 10 == 0 ? "billing" : intent }
        let confidence = truth.indices.map { $0 % 10 == 0 ? 0.5 : 0.97 }
        return try VersionEvaluation.evaluate(
            SyntheticVersion.predictions("v1", predicted: predicted, confidence: confidence, intents: intents), trueIntents: truth)
    }

    @Test("a candidate trained on corrupted labels (refund relabelled cancel) is rejected, naming the intent")
    func corruptedLabelsRejected() throws {
        // What a model trained on corrections that relabelled most refunds as cancel does:
        // it predicts cancel for three quarters of the refund messages.
        var refundSeen = 0
        let predicted = Self.truth.enumerated().map { row, intent -> String in
            if row % 10 == 0 { return "billing" }
            if intent == "refund" {
                refundSeen += 1
                return refundSeen % 4 == 0 ? "refund" : "cancel"
            }
            return intent
        }
        let confidence = Self.truth.indices.map { $0 % 10 == 0 ? 0.5 : 0.97 }
        let candidate = try VersionEvaluation.evaluate(
            SyntheticVersion.predictions("v2", predicted: predicted, confidence: confidence, intents: Self.intents),
            trueIntents: Self.truth)
        let current = try Self.current()
        #expect(candidate.report.macroF1 < current.report.macroF1 - 0.05)

        let verdict = PromotionGate.judge(
            candidate: candidate.summary, current: current.summary, settings: GateSettings(minTier1Precision: 0.95))
        #expect(!verdict.passed)
        #expect(verdict.failures.count == 3, "\(verdict.failures)")
        #expect(verdict.failures.contains { $0.contains("macro-F1") && $0.contains("dropped too much") })
        #expect(verdict.failures.contains { $0.contains("refund") && $0.contains("support 40") })
        // cancel's precision collapses too (it swallows the refunds): it is named as well.
        #expect(verdict.failures.contains { $0.contains("cancel:") })
        #expect(verdict.failures.contains { $0.contains("tier-1 precision") && $0.contains("below target") })
        #expect(verdict.reasons.starts(with: verdict.failures))
    }

    @Test("an equal candidate passes, and says why")
    func equalCandidatePasses() throws {
        let current = try Self.current()
        var candidate = current.summary
        candidate.version = "v2"
        let verdict = PromotionGate.judge(candidate: candidate, current: current.summary, settings: GateSettings(minTier1Precision: 0.95))
        #expect(verdict.passed && verdict.failures.isEmpty)
        #expect(verdict.reasons.contains { $0.contains("macro-F1") })
        #expect(verdict.reasons.contains { $0.contains("tier-1 precision 100.0%") })
    }

    @Test("macro-F1 within the tolerance passes; just beyond it fails")
    func macroF1Tolerance() throws {
        let current = EvaluationSummary(version: "v1", rows: 100, accuracy: 0.9, macroF1: 0.870, tier1Precision: nil, tier1Coverage: nil, perIntent: [])
        var candidate = current
        candidate.macroF1 = 0.866
        #expect(PromotionGate.judge(candidate: candidate, current: current).passed)
        candidate.macroF1 = 0.864
        let verdict = PromotionGate.judge(candidate: candidate, current: current)
        #expect(!verdict.passed)
        #expect(verdict.failures.first?.contains("87.0%") == true && verdict.failures.first?.contains("−0.6 points") == true)
    }

    @Test("an intent with too little support is listed, not failed")
    func smallIntentNotFailed() throws {
        let current = EvaluationSummary(
            version: "v1", rows: 100, accuracy: 0.9, macroF1: 0.8, tier1Precision: nil, tier1Coverage: nil,
            perIntent: [.init(intent: "rare_case", f1: 0.9, support: 6), .init(intent: "billing", f1: 0.8, support: 94)])
        var candidate = current
        candidate.perIntent = [.init(intent: "rare_case", f1: 0.5, support: 6), .init(intent: "billing", f1: 0.8, support: 94)]
        let verdict = PromotionGate.judge(candidate: candidate, current: current)
        #expect(verdict.passed)
        #expect(verdict.reasons.contains { $0.contains("too little support") && $0.contains("rare_case") })
    }

    @Test("the first model passes unless it misses the precision target")
    func firstModel() {
        let candidate = EvaluationSummary(
            version: "v1", rows: 100, accuracy: 0.9, macroF1: 0.8, tier1Precision: 0.9, tier1Coverage: 0.5, perIntent: [])
        #expect(PromotionGate.judge(candidate: candidate, current: nil).passed)
        let strict = PromotionGate.judge(candidate: candidate, current: nil, settings: GateSettings(minTier1Precision: 0.95))
        #expect(!strict.passed && strict.failures.first?.contains("90.0%") == true)
    }
}
