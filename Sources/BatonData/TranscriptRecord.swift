import BatonCore

/// A resolved conversation: what the customer wrote and how it was finally classified.
public struct TranscriptRecord: Sendable, Equatable, Codable {
    /// The export's `conversation_id`, or a stable id derived from text and intent.
    public var conversationID: String
    /// What the customer wrote, exactly as exported.
    public var text: String
    /// The intent the ticket was finally filed under (`intent`, alias `final_intent`).
    public var finalIntent: String?
    /// Who resolved the conversation (`resolved_by`), e.g. "bot" or an agent team.
    public var resolvedBy: String?
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    public var startedAt: String?
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    public var resolvedAt: String?
    /// The intent the bot predicted at the time.
    public var botIntent: String?
    /// The bot's confidence in `botIntent`, in [0, 1].
    public var botConfidence: Double?
    /// The bot's routing tier at the time: 1, 2 or 3.
    public var botTier: Int?

    /// The longest text accepted, in characters; longer texts are pasted logs, not messages.
    public static let maximumTextLength = 20_000
    /// The longest conversation id accepted.
    public static let maximumIDLength = 200

    /// A record; a nil `conversationID` is replaced by `stableID(text:finalIntent:)`.
    public init(
        conversationID: String? = nil, text: String, finalIntent: String? = nil, resolvedBy: String? = nil,
        startedAt: String? = nil, resolvedAt: String? = nil, botIntent: String? = nil,
        botConfidence: Double? = nil, botTier: Int? = nil
    ) {
        self.conversationID = conversationID ?? Self.stableID(text: text, finalIntent: finalIntent)
        self.text = text
        self.finalIntent = finalIntent
        self.resolvedBy = resolvedBy
        self.startedAt = startedAt
        self.resolvedAt = resolvedAt
        self.botIntent = botIntent
        self.botConfidence = botConfidence
        self.botTier = botTier
    }

    /// The id of a conversation exported without one: "h-" and 32 hex digits of
    /// SHA-256(text, U+001F, intent). The same row exported twice gets the same id, so
    /// re-ingesting it is recognised as a duplicate.
    public static func stableID(text: String, finalIntent: String?) -> String {
        "h-" + SHA256.hex(text + "\u{1F}" + (finalIntent ?? "")).prefix(32)
    }

    /// Validates one input row; every failing field is named in the reason.
    static func validated(_ row: SourceRow) -> Result<TranscriptRecord, SourceRow.Problem> {
        var validation = RowValidation()
        let text = validation.require("text is required and must not be blank") { try row.verbatimText("text") }
        if let text, text.utf8.count > maximumTextLength, text.count > maximumTextLength {
            validation.fail("text is \(text.count) characters long; at most \(maximumTextLength) are accepted")
        }
        let conversationID = validation.check { try row.trimmedText("conversation_id") }
        if let conversationID, conversationID.count > maximumIDLength {
            validation.fail("conversation_id is \(conversationID.count) characters long; at most \(maximumIDLength) are accepted")
        }
        let finalIntent = validation.check { try row.intentLabel("intent", "final_intent") }
        let resolvedBy = validation.check { try row.trimmedText("resolved_by") }
        let startedAt = validation.check { try row.timestamp("started_at") }
        let resolvedAt = validation.check { try row.timestamp("resolved_at") }
        let botIntent = validation.check { try row.intentLabel("bot_intent") }
        let botConfidence = validation.check { try row.number("bot_confidence") }
        if let botConfidence, !(0...1).contains(botConfidence) {
            validation.fail("bot_confidence \(botConfidence) is outside [0, 1]")
        }
        let botTier = validation.check { try row.integer("bot_tier") }
        if let botTier, !(1...3).contains(botTier) {
            validation.fail("bot_tier \(botTier) is not 1, 2 or 3")
        }
        if let reason = validation.reason { return .failure(SourceRow.Problem(reason: reason)) }
        guard let text else { return .failure(SourceRow.Problem(reason: "text is required and must not be blank")) }
        return .success(
            TranscriptRecord(
                conversationID: conversationID, text: text, finalIntent: finalIntent, resolvedBy: resolvedBy,
                startedAt: startedAt, resolvedAt: resolvedAt, botIntent: botIntent, botConfidence: botConfidence,
                botTier: botTier))
    }
}
