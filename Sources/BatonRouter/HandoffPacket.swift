import BatonModel
import Foundation

/// Everything an agent needs when the bot hands a conversation over (tier 3) or asks for a
/// review (tier 2): what the bot thought the customer wanted, how sure it was, why it did not
/// answer alone, the conversation so far and what the chat system knows about the customer.
///
/// The customer context and the conversation are exactly what the caller passed: the router
/// adds only its own decision and a sentence explaining it. Encode with ``json()`` (sorted keys).
public struct HandoffPacket: Codable, Sendable, Hashable {
    /// The model version that made the decision.
    public var version: String
    /// 2 (the bot answers, a human may review) or 3 (a human takes over).
    public var tier: Int
    /// The rule of the tier policy that decided the tier.
    public var reason: TierDecision.Reason
    public var detectedIntent: String
    /// Calibrated confidence of `detectedIntent`.
    public var confidence: Double
    public var runnerUps: [RoutingDecision.RunnerUp]
    /// One sentence for the agent, e.g. "integration_help scored 0.72, below its auto-resolve
    /// threshold 0.85".
    public var handoffReason: String
    public var conversation: [ConversationTurn]
    /// Absent from the JSON when the caller knows nothing about the customer.
    public var customer: CustomerContext?

    public init(
        version: String, tier: Int, reason: TierDecision.Reason, detectedIntent: String, confidence: Double,
        runnerUps: [RoutingDecision.RunnerUp], handoffReason: String, conversation: [ConversationTurn],
        customer: CustomerContext?
    ) {
        self.version = version
        self.tier = tier
        self.reason = reason
        self.detectedIntent = detectedIntent
        self.confidence = confidence
        self.runnerUps = runnerUps
        self.handoffReason = handoffReason
        self.conversation = conversation
        self.customer = customer
    }

    /// The packet as compact JSON with sorted keys, ready to send to the agent desk.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The sentence that explains why `decision` was not resolved by the bot alone.
    ///
    /// - Parameter policy: the tier policy of the decision's version, for the thresholds the
    ///   decision does not carry (the auto-resolve threshold of a tier-2 message, the ambiguity
    ///   margin); without it the sentence leaves those numbers out.
    public static func explanation(for decision: RoutingDecision, policy: TierPolicy?) -> String {
        let intent = decision.intent
        let limits = policy?.thresholds(for: intent)
        switch decision.reason {
        case .outOfScope:
            return "the message fits none of the supported intents (\(intent), confidence \(number(decision.confidence)))"
        case .alwaysHuman:
            return "\(intent) is always handled by a human (confidence \(number(decision.confidence)))"
        case .betweenThresholds:
            guard let limits else {
                return "\(intent) scored \(number(decision.confidence)), below its auto-resolve threshold"
            }
            guard let auto = limits.autoResolve else {
                return "\(intent) scored \(number(decision.confidence)); it has no auto-resolve threshold, so the bot never answers it alone"
            }
            let (scored, limit) = numbers(decision.confidence, auto)
            return "\(intent) scored \(scored), below its auto-resolve threshold \(limit)"
        case .belowReviewThreshold:
            guard let review = decision.threshold else {
                return "\(intent) scored \(number(decision.confidence)); it has no review threshold, so the bot never answers it"
            }
            let (scored, limit) = numbers(decision.confidence, review)
            return "\(intent) scored \(scored), below its review threshold \(limit)"
        case .ambiguous:
            let above = decision.threshold.map { ", above its auto-resolve threshold \(number($0))" } ?? ""
            guard let second = decision.runnerUps.first else {
                return "\(intent) scored \(number(decision.confidence))\(above)"
            }
            let (top, next) = numbers(decision.confidence, second.confidence)
            let margin = policy.map { ", within the ambiguity margin \(number($0.ambiguityMargin))" } ?? ""
            return "\(intent) scored \(top)\(above), but \(second.intent) scored \(next)\(margin)"
        case .aboveAutoResolveThreshold:
            let threshold = decision.threshold.map { ", above its auto-resolve threshold \(number($0))" } ?? ""
            return "\(intent) scored \(number(decision.confidence))\(threshold)"
        }
    }

    /// A probability with two decimals.
    static func number(_ value: Double) -> String { String(format: "%.2f", value) }

    /// Two numbers with as many decimals (2 to 6) as it takes to show that they differ, so that
    /// "0.849, below 0.85" is never printed as "0.85, below 0.85".
    static func numbers(_ a: Double, _ b: Double) -> (String, String) {
        for digits in 2...6 {
            let left = String(format: "%.\(digits)f", a)
            let right = String(format: "%.\(digits)f", b)
            if left != right || digits == 6 { return (left, right) }
        }
        return (number(a), number(b))
    }
}
