import BatonCore

/// An agent's rating of one bot handoff.
public struct RatingRecord: Sendable, Equatable, Codable {
    /// The export's `rating_id`, or a stable id derived from the rating's fields.
    public var ratingID: String
    /// The rated conversation; it must already be in the store.
    public var conversationID: String
    public var verdict: Verdict
    /// The right intent; required when `verdict` is `.wrongIntent`.
    public var correctedIntent: String?
    public var agentID: String?
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    public var ratedAt: String?

    /// A record; a nil `ratingID` is replaced by `stableID(...)`.
    public init(
        ratingID: String? = nil, conversationID: String, verdict: Verdict, correctedIntent: String? = nil,
        agentID: String? = nil, ratedAt: String? = nil
    ) {
        self.ratingID =
            ratingID
            ?? Self.stableID(
                conversationID: conversationID, verdict: verdict, correctedIntent: correctedIntent, agentID: agentID,
                ratedAt: ratedAt)
        self.conversationID = conversationID
        self.verdict = verdict
        self.correctedIntent = correctedIntent
        self.agentID = agentID
        self.ratedAt = ratedAt
    }

    /// The id of a rating exported without one: "h-" and 32 hex digits of the SHA-256 of
    /// its fields joined by U+001F, so the same rating exported twice is one rating.
    public static func stableID(
        conversationID: String, verdict: Verdict, correctedIntent: String?, agentID: String?, ratedAt: String?
    ) -> String {
        let joined = [conversationID, verdict.rawValue, correctedIntent ?? "", agentID ?? "", ratedAt ?? ""]
            .joined(separator: "\u{1F}")
        return "h-" + SHA256.hex(joined).prefix(32)
    }

    /// Validates one input row; every failing field is named in the reason.
    static func validated(_ row: SourceRow) -> Result<RatingRecord, SourceRow.Problem> {
        var validation = RowValidation()
        let ratingID = validation.check { try row.trimmedText("rating_id") }
        if let ratingID, ratingID.count > TranscriptRecord.maximumIDLength {
            validation.fail("rating_id is \(ratingID.count) characters long; at most \(TranscriptRecord.maximumIDLength) are accepted")
        }
        let conversationID = validation.require("conversation_id is required: a rating must name the conversation it rates") {
            try row.trimmedText("conversation_id")
        }
        if let conversationID, conversationID.count > TranscriptRecord.maximumIDLength {
            validation.fail("conversation_id is \(conversationID.count) characters long; at most \(TranscriptRecord.maximumIDLength) are accepted")
        }
        let verdictText = validation.require("verdict is required; use one of \(Verdict.acceptedValues)") {
            try row.trimmedText("verdict")
        }
        var verdict: Verdict?
        if let verdictText {
            verdict = Verdict(rawValue: verdictText.lowercased())
            if verdict == nil {
                validation.fail("verdict \"\(SourceRow.excerpt(verdictText))\" is not one of \(Verdict.acceptedValues)")
            }
        }
        let correctedIntent: String?
        if verdict == .wrongIntent {
            correctedIntent = validation.require("corrected_intent is required when verdict is wrong_intent") {
                try row.intentLabel("corrected_intent")
            }
        } else {
            correctedIntent = validation.check { try row.intentLabel("corrected_intent") }
        }
        let agentID = validation.check { try row.trimmedText("agent_id") }
        let ratedAt = validation.check { try row.timestamp("rated_at") }
        if let reason = validation.reason { return .failure(SourceRow.Problem(reason: reason)) }
        guard let conversationID, let verdict else {
            return .failure(SourceRow.Problem(reason: "conversation_id and verdict are required"))
        }
        return .success(
            RatingRecord(
                ratingID: ratingID, conversationID: conversationID, verdict: verdict, correctedIntent: correctedIntent,
                agentID: agentID, ratedAt: ratedAt))
    }
}
