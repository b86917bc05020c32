import BatonData

/// A conversation that agents rated, with the bot's decision and the latest verdict:
/// the raw material for recalibrating handoff thresholds.
public struct RatedConversation: Codable, Sendable, Equatable {
    public var conversationID: String
    public var text: String
    /// The training label: the latest `wrong_intent` correction, else the final intent.
    public var label: String?
    public var botIntent: String?
    public var botConfidence: Double?
    public var botTier: Int?
    /// The verdict of the latest rating (by rated_at, then ingestion order).
    public var latestVerdict: Verdict
    /// The corrected intent given with the latest rating, if any.
    public var correctedIntent: String?
    /// When the latest rating was made, UTC `yyyy-MM-ddTHH:mm:ssZ`.
    public var ratedAt: String?
    /// How many ratings the conversation has.
    public var ratingCount: Int
}
