import BatonFormat
import BatonModel
import Foundation
import Testing

@testable import BatonRouter

@Suite("Intent router: handoff packets")
struct HandoffPacketTests {
    let conversation = [
        ConversationTurn(role: .customer, text: "QuickBooks sync stopped after the update", at: "2026-12-04T09:15:02Z"),
        ConversationTurn(role: .bot, text: "Which QuickBooks edition do you use?"),
        ConversationTurn(role: .customer, text: "my invoice is wrong and the refund is missing", at: "2026-12-04T09:15:40Z"),
    ]

    func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func router(_ root: URL, _ policy: TierPolicy) throws -> IntentRouter {
        try IntentRouter(versionFolder: ModelsFolder(root: root).write("v4", tiers: policy))
    }

    @Test("tier 1 needs no packet")
    func noPacketForTierOne() throws {
        try TemporaryFolder.use { root in
            let router = try router(root, TierPolicy(fallback: .init(autoResolve: 0.1, review: 0.05, evidence: 0, source: "pooled")))
            let decision = router.decide("my invoice is wrong")
            #expect(decision.tier == 1)
            #expect(router.handoffPacket(for: decision, conversation: conversation, customer: CustomerContext(name: "Ana")) == nil)
        }
    }

    @Test("the packet carries the passed conversation and customer context, and nothing invented")
    func packetPassesContextThrough() throws {
        try TemporaryFolder.use { root in
            let router = try router(root, TierPolicy(alwaysHuman: ["billing"]))
            let decision = router.decide("my invoice is wrong and the refund is missing")
            #expect(decision.intent == "billing")
            #expect(decision.tier == 3)
            let customer = CustomerContext(
                name: "Ana Lima", plan: "Business", recentPurchases: ["Annual plan, 12 seats"], extra: ["accountAge": "3 years"])
            let packet = try #require(router.handoffPacket(for: decision, conversation: conversation, customer: customer))
            #expect(packet.customer == customer)
            #expect(packet.conversation == conversation)
            #expect(packet.detectedIntent == "billing")
            #expect(packet.confidence == decision.confidence)
            #expect(packet.runnerUps == decision.runnerUps)
            #expect(packet.reason == .alwaysHuman)
            #expect(packet.handoffReason.hasPrefix("billing is always handled by a human"))

            let json = try packet.json()
            let top = try object(json)
            #expect(top.keys.sorted() == [
                "confidence", "conversation", "customer", "detectedIntent", "handoffReason", "reason", "runnerUps", "tier", "version",
            ])
            let customerJSON = try #require(top["customer"] as? [String: Any])
            #expect(customerJSON.keys.sorted() == ["extra", "name", "plan", "recentPurchases"])
            #expect(customerJSON["name"] as? String == "Ana Lima")
            #expect(customerJSON["extra"] as? [String: String] == ["accountAge": "3 years"])
            let turns = try #require(top["conversation"] as? [[String: Any]])
            #expect(turns.map { $0["role"] as? String } == ["customer", "bot", "customer"])
            #expect(turns[1]["at"] == nil)  // not given, not made up
            #expect(try JSONDecoder().decode(HandoffPacket.self, from: Data(json.utf8)) == packet)
            // Sorted keys: the same packet always gives the same bytes.
            #expect(json == (try packet.json()))
            #expect(json.range(of: #""confidence""#)?.lowerBound ?? json.endIndex < json.range(of: #""version""#)?.lowerBound ?? json.startIndex)
        }
    }

    @Test("without a customer, the packet has no customer at all; partial context stays partial")
    func noInventedCustomer() throws {
        try TemporaryFolder.use { root in
            let router = try router(root, TierPolicy(alwaysHuman: ["billing"]))
            let decision = router.decide("my invoice is wrong")
            let bare = try #require(router.handoffPacket(for: decision, conversation: [], customer: nil))
            let top = try object(try bare.json())
            #expect(top["customer"] == nil)
            #expect((top["conversation"] as? [Any])?.isEmpty == true)

            let partial = try #require(router.handoffPacket(for: decision, conversation: [], customer: CustomerContext(plan: "Free")))
            let customer = try #require(try object(try partial.json())["customer"] as? [String: Any])
            #expect(customer.keys.sorted() == ["extra", "plan", "recentPurchases"])
            #expect((customer["recentPurchases"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("the handoff reason names the intent, its score and the threshold it missed")
    func handoffReasonSentences() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            let probe = try IntentRouter(versionFolder: models.write("v1")).decide("my invoice is wrong")
            let score = probe.confidence
            let auto = score + (1 - score) / 2
            let policy = TierPolicy(
                thresholds: ["billing": .init(autoResolve: auto, review: 0.1, evidence: 50, source: "intent")],
                fallback: .init(autoResolve: 0.999, review: 0.999, evidence: 0, source: "pooled"),
                outOfScopeIntents: ["out_of_scope"])
            let router = try IntentRouter(versionFolder: models.write("v2", tiers: policy))

            let review = router.decide("my invoice is wrong")
            #expect(review.tier == 2)
            let sentence = router.handoffPacket(for: review, conversation: [], customer: nil)?.handoffReason
            let (shown, limit) = HandoffPacket.numbers(score, auto)
            #expect(sentence == "billing scored \(shown), below its auto-resolve threshold \(limit)")

            let low = router.decide("reset my password")
            #expect(low.reason == .belowReviewThreshold)
            #expect(router.handoffPacket(for: low, conversation: [], customer: nil)?.handoffReason.contains("below its review threshold") == true)

            let outside = router.decide("tell me a joke")
            #expect(outside.reason == .outOfScope)
            #expect(router.handoffPacket(for: outside, conversation: [], customer: nil)?.handoffReason.hasPrefix("the message fits none") == true)
        }
    }

    @Test("numbers get enough decimals to differ")
    func numbersDiffer() {
        #expect(HandoffPacket.numbers(0.72, 0.85) == ("0.72", "0.85"))
        #expect(HandoffPacket.numbers(0.849, 0.85) == ("0.849", "0.850"))
        let between = RoutingDecision(
            version: "v9", intent: "integration_help", confidence: 0.72, runnerUps: [], tier: 2, reason: .betweenThresholds, threshold: 0.5)
        let policy = TierPolicy(thresholds: ["integration_help": .init(autoResolve: 0.85, review: 0.5, evidence: 90, source: "intent")])
        #expect(HandoffPacket.explanation(for: between, policy: policy) == "integration_help scored 0.72, below its auto-resolve threshold 0.85")
    }
}
