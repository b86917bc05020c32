import BatonModel

/// One rated conversation from production, replayed against a new policy.
///
/// Why: agents' ratings are the ground truth about handoffs. An `unnecessary_handoff` the new
/// policy would now resolve is a win; a `should_have_escalated` it would still (or now) let
/// through is a risk the report must show before the version goes live.
public struct ReplayCase: Codable, Hashable, Sendable {
    /// The agent's verdict: "unnecessary_handoff" or "should_have_escalated"; other verdicts
    /// are counted as ignored.
    public var verdict: String
    /// The intent the conversation really had, when known (from a correction or its final intent).
    public var trueIntent: String?
    /// The new policy's decision on the conversation's first message.
    public var decision: TierDecision

    public init(verdict: String, trueIntent: String?, decision: TierDecision) {
        self.verdict = verdict
        self.trueIntent = trueIntent
        self.decision = decision
    }
}
