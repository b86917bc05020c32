/// Row counts of the store, for status output and checks.
public struct StoreCounts: Codable, Sendable, Equatable {
    public var conversations: Int
    /// Conversations with a final intent or an agent's correction.
    public var labelled: Int
    public var ratings: Int
    public var quarantined: Int
    public var runs: Int
}
