/// Replay counts for one intent (the intent the new policy predicted).
public struct FeedbackReplayRow: Codable, Hashable, Sendable {
    public var intent: String
    /// `unnecessary_handoff` ratings on this intent.
    public var unnecessaryHandoffs: Int
    /// Of those, how many the new policy would resolve: tier 1 or 2, and the predicted intent is
    /// the true intent when the true intent is known.
    public var unnecessaryHandoffsResolved: Int
    /// `should_have_escalated` ratings on this intent.
    public var shouldHaveEscalated: Int
    /// Of those, how many the new policy would still let the bot handle (tier 1 or 2).
    public var shouldHaveEscalatedLetThrough: Int
    /// Cases with any other verdict (not counted above).
    public var ignored: Int

    public init(
        intent: String, unnecessaryHandoffs: Int = 0, unnecessaryHandoffsResolved: Int = 0, shouldHaveEscalated: Int = 0,
        shouldHaveEscalatedLetThrough: Int = 0, ignored: Int = 0
    ) {
        self.intent = intent
        self.unnecessaryHandoffs = unnecessaryHandoffs
        self.unnecessaryHandoffsResolved = unnecessaryHandoffsResolved
        self.shouldHaveEscalated = shouldHaveEscalated
        self.shouldHaveEscalatedLetThrough = shouldHaveEscalatedLetThrough
        self.ignored = ignored
    }
}
