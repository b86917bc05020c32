import BatonModel
import Testing

@testable import BatonCalibration

@Suite struct FeedbackReplayTests {
    static let intents = ["a", "b", "c"]
    static let policy = TierPolicy(
        thresholds: ["a": .init(autoResolve: 0.8, review: 0.5, evidence: 100, source: "intent")],
        fallback: .init(autoResolve: 0.9, review: 0.6, evidence: 400, source: "pooled"))

    static func decide(_ probabilities: [Double]) -> TierDecision {
        policy.decide(IntentPrediction(probabilities: probabilities, intents: intents))
    }

    @Test func countsOfASmallHandMadeReplay() {
        let aTier1 = Self.decide([0.9, 0.05, 0.05])
        let aTier2 = Self.decide([0.6, 0.3, 0.1])
        let aTier3 = Self.decide([0.45, 0.3, 0.25])
        let bTier3 = Self.decide([0.2, 0.55, 0.25])
        let bTier1 = Self.decide([0.02, 0.95, 0.03])
        #expect([aTier1.tier, aTier2.tier, aTier3.tier, bTier3.tier, bTier1.tier] == [1, 2, 3, 3, 1])

        let rows = FeedbackReplay.evaluate([
            ReplayCase(verdict: "unnecessary_handoff", trueIntent: "a", decision: aTier1),  // resolved
            ReplayCase(verdict: "unnecessary_handoff", trueIntent: "b", decision: aTier1),  // wrong intent: not resolved
            ReplayCase(verdict: "unnecessary_handoff", trueIntent: nil, decision: aTier2),  // resolved (intent unknown)
            ReplayCase(verdict: "unnecessary_handoff", trueIntent: "a", decision: aTier3),  // still handed off
            ReplayCase(verdict: "should_have_escalated", trueIntent: nil, decision: aTier1),  // let through
            ReplayCase(verdict: "should_have_escalated", trueIntent: "b", decision: bTier3),  // now escalated
            ReplayCase(verdict: "should_have_escalated", trueIntent: "b", decision: bTier1),  // let through
            ReplayCase(verdict: "correct_handoff", trueIntent: "b", decision: bTier3),  // ignored
        ])
        #expect(rows == [
            FeedbackReplayRow(intent: "a", unnecessaryHandoffs: 4, unnecessaryHandoffsResolved: 2, shouldHaveEscalated: 1, shouldHaveEscalatedLetThrough: 1),
            FeedbackReplayRow(intent: "b", shouldHaveEscalated: 2, shouldHaveEscalatedLetThrough: 1, ignored: 1),
        ])
    }

    @Test func noCasesNoRows() {
        #expect(FeedbackReplay.evaluate([]).isEmpty)
    }
}
