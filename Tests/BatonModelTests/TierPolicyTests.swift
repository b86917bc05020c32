import Testing

@testable import BatonModel

@Suite struct TierPolicyTests {
    let intents = ["cancel_subscription", "integration_help", "out_of_scope", "password_reset"]

    func prediction(_ probabilities: [Double]) -> IntentPrediction {
        IntentPrediction(probabilities: probabilities, intents: intents)
    }

    var policy: TierPolicy {
        TierPolicy(
            thresholds: [
                "integration_help": .init(autoResolve: 0.85, review: 0.6, evidence: 120, source: "intent"),
                "password_reset": .init(autoResolve: 0.6, review: 0.3, evidence: 300, source: "intent"),
            ],
            fallback: .init(autoResolve: 0.9, review: 0.5, evidence: 900, source: "pooled"),
            alwaysHuman: ["cancel_subscription"], outOfScopeIntents: ["out_of_scope"], ambiguityMargin: 0.1)
    }

    @Test func theQuickBooksExampleIsHandedOffBelowItsIntentsThreshold() {
        // integration_help at 0.72 against its 0.85 auto-resolve threshold: tier 2, not tier 1.
        let decision = policy.decide(prediction([0.1, 0.72, 0.08, 0.1]))
        #expect(decision.intent == "integration_help")
        #expect(decision.tier == 2)
        #expect(decision.reason == .betweenThresholds)
        #expect(decision.threshold == 0.6)
        let low = policy.decide(prediction([0.2, 0.55, 0.05, 0.2]))
        #expect(low.tier == 3)
        #expect(low.reason == .belowReviewThreshold)
    }

    @Test func perIntentThresholdsDifferForTheSameConfidence() {
        #expect(policy.decide(prediction([0.1, 0.05, 0.05, 0.8])).tier == 1)  // password_reset: 0.8 ≥ 0.6
        #expect(policy.decide(prediction([0.1, 0.8, 0.05, 0.05])).tier == 2)  // integration_help: 0.8 < 0.85
    }

    @Test func alwaysHumanIntentsAreTierThreeAtAnyConfidence() {
        for confidence in stride(from: 0.3, through: 1.0, by: 0.05) {
            let rest = (1 - confidence) / 3
            let decision = policy.decide(prediction([confidence, rest, rest, rest]))
            #expect(decision.tier == 3)
            #expect(decision.reason == .alwaysHuman)
        }
    }

    @Test func outOfScopeAndAmbiguityRules() {
        let oos = policy.decide(prediction([0.01, 0.01, 0.97, 0.01]))
        #expect(oos.tier == 3)
        #expect(oos.reason == .outOfScope)
        // password_reset 0.62 clears 0.6, but integration_help at 0.38 is within a 0.3 margin.
        var wide = policy
        wide.ambiguityMargin = 0.3
        #expect(policy.decide(prediction([0.0, 0.38, 0.0, 0.62])).tier == 1)
        let ambiguous = wide.decide(prediction([0.0, 0.38, 0.0, 0.62]))
        #expect(ambiguous.tier == 2)
        #expect(ambiguous.reason == .ambiguous)
        #expect(ambiguous.runnerUp == "integration_help")
    }

    @Test func aMissingThresholdIsNeverReached() {
        var never = policy
        never.thresholds["password_reset"] = .init(autoResolve: nil, review: nil, evidence: 3, source: "intent")
        #expect(never.decide(prediction([0, 0, 0, 1])).tier == 3)
    }
}
