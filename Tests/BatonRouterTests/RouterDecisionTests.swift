import BatonFeatures
import BatonFormat
import BatonModel
import Foundation
import Testing

@testable import BatonRouter

@Suite("Intent router: decisions")
struct RouterDecisionTests {
    /// The folder's model as the format library loads it, for reference values.
    func reference(_ folder: URL) throws -> LoadedModel {
        try LoadedModel(artifacts: ModelFolderReader.load(from: folder))
    }

    @Test("intent, confidence and runner-ups are LoadedModel's probabilities, bit for bit, with a temperature")
    func matchesLoadedModelProbabilities() throws {
        try TemporaryFolder.use { root in
            let folder = try ModelsFolder(root: root).write("v1", seed: 3, temperature: 1.7)
            let router = try IntentRouter(versionFolder: folder)
            let loaded = try reference(folder)
            for message in TinyModel.messages {
                let decision = router.decide(message)
                let probabilities = loaded.probabilities(for: message)
                let prediction = loaded.predict(message)
                #expect(decision.intent == prediction.intent, "\(message)")
                #expect(decision.confidence == prediction.confidence, "\(message)")
                let ranked = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1) }
                #expect(TinyModel.intents[ranked[0]] == decision.intent)
                let expected = ranked[1...3].map { RoutingDecision.RunnerUp(intent: TinyModel.intents[$0], confidence: probabilities[$0]) }
                #expect(decision.runnerUps == expected, "\(message)")
                #expect(decision.runnerUps.first?.intent == prediction.runnerUp)
            }
            // The temperature flattens the scores: the same weights at temperature 1 are surer.
            let sharp = try IntentRouter(versionFolder: ModelsFolder(root: root).write("v2", seed: 3, temperature: 1))
            #expect(sharp.decide("reset my password").confidence > router.decide("reset my password").confidence)
        }
    }

    @Test("ties keep manifest order, and a message with no known term scores the biases")
    func tiesAndEmptyMessages() {
        let ranked = ServedVersion.runnerUps([0.1, 0.3, 0.3, 0.1, 0.2], intents: ["a", "b", "c", "d", "e"])
        #expect(ranked.map(\.intent) == ["c", "e", "a"])
        let few = ServedVersion.runnerUps([0.4, 0.6], intents: ["a", "b"])
        #expect(few == [RoutingDecision.RunnerUp(intent: "a", confidence: 0.4)])
        #expect(ServedVersion.runnerUps([1], intents: ["only"]).isEmpty)
    }

    @Test("the default policy: 0.85 auto-resolve and 0.5 review for every intent")
    func defaultPolicyThresholds() throws {
        try TemporaryFolder.use { root in
            let folder = try ModelsFolder(root: root).write("v1")
            let router = try IntentRouter(versionFolder: folder)
            let loaded = try reference(folder)
            #expect(loaded.manifest.tiers == TierPolicy())
            var tiersSeen = Set<Int>()
            for message in TinyModel.messages {
                let decision = router.decide(message)
                let expected = TierPolicy().decide(loaded.predict(message))
                #expect(decision.tier == expected.tier)
                #expect(decision.reason == expected.reason)
                #expect(decision.threshold == expected.threshold)
                switch decision.confidence {
                case 0.85...: #expect(decision.tier == 1 && decision.threshold == 0.85)
                case 0.5..<0.85: #expect(decision.tier == 2 && decision.threshold == 0.5)
                default: #expect(decision.tier == 3 && decision.threshold == 0.5)
                }
                tiersSeen.insert(decision.tier)
            }
            #expect(tiersSeen == [1, 2, 3])
        }
    }

    @Test("fitted thresholds, always-human, out-of-scope, ambiguity and a nil threshold are applied")
    func fittedPolicyRules() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            let plain = try reference(try models.write("v1"))
            let billing = plain.predict("my invoice is wrong")
            let password = plain.predict("reset my password")
            #expect(billing.intent == "billing")
            #expect(password.intent == "password_reset")

            func router(_ version: String, _ policy: TierPolicy) throws -> IntentRouter {
                try IntentRouter(versionFolder: models.write(version, tiers: policy))
            }
            let fitted = TierPolicy(
                thresholds: [
                    "billing": .init(autoResolve: billing.confidence + 0.001, review: billing.confidence - 0.001, evidence: 40, source: "intent"),
                    "password_reset": .init(autoResolve: nil, review: password.confidence + 0.001, evidence: 40, source: "intent"),
                ],
                fallback: .init(autoResolve: 0.3, review: 0.2, evidence: 400, source: "pooled"),
                alwaysHuman: ["legal_request"], outOfScopeIntents: ["out_of_scope"])
            let served = try router("v2", fitted)

            let between = served.decide("my invoice is wrong")
            #expect(between.tier == 2)
            #expect(between.reason == .betweenThresholds)
            #expect(between.threshold == billing.confidence - 0.001)

            let noAuto = served.decide("reset my password")  // autoResolve nil: never tier 1
            #expect(noAuto.tier == 3)
            #expect(noAuto.reason == .belowReviewThreshold)

            let legal = served.decide("subpoena for account records")
            #expect(legal.intent == "legal_request")
            #expect(legal.confidence > 0.9)
            #expect(legal.tier == 3)
            #expect(legal.reason == .alwaysHuman)
            #expect(legal.threshold == nil)

            let joke = served.decide("tell me a joke")
            #expect(joke.intent == "out_of_scope")
            #expect(joke.tier == 3)
            #expect(joke.reason == .outOfScope)

            var lenient = fitted
            lenient.thresholds["billing"] = .init(autoResolve: billing.confidence - 0.001, review: 0.1, evidence: 40, source: "intent")
            #expect(try router("v3", lenient).decide("my invoice is wrong").tier == 1)
            lenient.ambiguityMargin = 1.0  // every runner-up is "close"
            let ambiguous = try router("v4", lenient).decide("my invoice is wrong")
            #expect(ambiguous.tier == 2)
            #expect(ambiguous.reason == .ambiguous)
        }
    }

    @Test("a batch gives the single-message decisions, in input order")
    func batchEqualsSingle() throws {
        try TemporaryFolder.use { root in
            let router = try IntentRouter(versionFolder: ModelsFolder(root: root).write("v1", seed: 2))
            // Long enough to be split over cores, with varied messages in every chunk.
            let texts = (0..<500).map { index in
                TinyModel.messages[index % TinyModel.messages.count] + (index % 7 == 0 ? " invoice" : "") + (index % 11 == 0 ? " password" : "")
            }
            let batch = router.decide(texts)
            #expect(batch.count == texts.count)
            #expect(batch == texts.map { router.decide($0) })
            #expect(router.decide(Array(texts.prefix(3))) == texts.prefix(3).map { router.decide($0) })
            #expect(router.decide([String]()).isEmpty)
        }
    }

    @Test("decisions encode to JSON with the documented keys; threshold only when one decided")
    func decisionJSON() throws {
        try TemporaryFolder.use { root in
            let router = try IntentRouter(
                versionFolder: ModelsFolder(root: root).write("v1", tiers: TierPolicy(alwaysHuman: ["legal_request"])))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            func keys(_ decision: RoutingDecision) throws -> [String] {
                let object = try JSONSerialization.jsonObject(with: encoder.encode(decision)) as? [String: Any]
                return (object ?? [:]).keys.sorted()
            }
            #expect(try keys(router.decide("my invoice is wrong")) == ["confidence", "intent", "reason", "runnerUps", "threshold", "tier", "version"])
            #expect(try keys(router.decide("subpoena")) == ["confidence", "intent", "reason", "runnerUps", "tier", "version"])
            let text = String(decoding: try encoder.encode(router.decide("subpoena")), as: UTF8.self)
            #expect(text.contains(#""reason":"always_human""#))
        }
    }
}
