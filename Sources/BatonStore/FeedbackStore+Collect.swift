import BatonCore
import BatonData
import Foundation

extension FeedbackStore {
    /// The store's labelled examples, deduplicated and split into train and holdout.
    ///
    /// The rules, in order:
    /// 1. Label. A conversation's label is the `corrected_intent` of its latest
    ///    `wrong_intent` rating (latest by `rated_at`, an undated rating counting as
    ///    oldest, then by ingestion order), else its `final_intent`. A conversation with
    ///    neither is unlabelled and skipped. An agent's correction beats the ticket
    ///    category because the agent read the conversation.
    /// 2. Duplicates. Conversations whose texts are byte-identical after trimming
    ///    surrounding whitespace collapse into one example. The majority label wins; a tie
    ///    goes to the label of the most recently resolved conversation among the tied
    ///    labels (`resolved_at`, then the larger id). Texts with more than one label are
    ///    counted in `conflictingTexts`.
    /// 3. Identity. The example's id is the smallest conversation id of its group (by
    ///    UTF-8 bytes) and its text is the trimmed text.
    /// 4. Split. An example is in the holdout when the first 8 bytes of
    ///    SHA-256("holdout:" + id), read as a big-endian UInt64, mod 100, are below
    ///    `holdoutPercent`; the split depends on the id alone, so the holdout stays the
    ///    same night after night and models stay comparable.
    /// 5. Order and fingerprint. Both lists are sorted by id. `fingerprint` is the
    ///    SHA-256 hex of one `split\tintent\ttext\n` line per example, train first, with
    ///    `\`, tab, LF and CR in the text escaped as `\\`, `\t`, `\n`, `\r`. Equal
    ///    fingerprints mean the same examples, labels and split.
    ///
    /// The result depends only on the stored rows, not on the order they were ingested in.
    /// - Parameter holdoutPercent: 0...100.
    public func collect(holdoutPercent: Int = 10) throws -> CollectedExamples {
        guard (0...100).contains(holdoutPercent) else { throw StoreError.invalidHoldoutPercent(holdoutPercent) }
        var conversations: [ExampleSelection.Conversation] = []
        try database.prepare("SELECT id, text, final_intent, resolved_at FROM conversations").forEachRow { row in
            conversations.append(
                ExampleSelection.Conversation(
                    id: row.text(0), text: row.text(1), finalIntent: row.optionalText(2), resolvedAt: row.optionalText(3)))
        }
        var corrections: [ExampleSelection.Correction] = []
        try database.prepare(
            """
            SELECT conversation_id, corrected_intent, rated_at, seq FROM ratings
            WHERE verdict = 'wrong_intent' AND corrected_intent IS NOT NULL
            """
        ).forEachRow { row in
            corrections.append(
                ExampleSelection.Correction(
                    conversationID: row.text(0), intent: row.text(1), ratedAt: row.optionalText(2),
                    sequence: row.integer(3)))
        }
        return ExampleSelection.select(
            conversations: conversations, corrections: corrections, holdoutPercent: holdoutPercent)
    }

    /// Every conversation with at least one rating, with the bot's decision at the time
    /// and the latest verdict (by `rated_at`, then ingestion order), sorted by id.
    /// Threshold recalibration reads this: a `correct_handoff` at confidence 0.4 says the
    /// threshold for that intent may stay; an `unnecessary_handoff` at 0.7 says it is too high.
    public func ratedConversations() throws -> [RatedConversation] {
        var result: [RatedConversation] = []
        let statement = try database.prepare(
            """
            SELECT c.id, c.text, c.final_intent, c.bot_intent, c.bot_confidence, c.bot_tier,
                   r.verdict, r.corrected_intent, r.rated_at
            FROM ratings r JOIN conversations c ON c.id = r.conversation_id
            ORDER BY c.id, r.rated_at IS NOT NULL, r.rated_at, r.seq
            """)
        var latestCorrection: String?
        try statement.forEachRow { row in
            let id = row.text(0)
            let verdict = Verdict(rawValue: row.text(6)) ?? .correctHandoff
            let correctedIntent = row.optionalText(7)
            let isNewConversation = result.last?.conversationID != id
            if isNewConversation { latestCorrection = nil }
            if verdict == .wrongIntent, let correctedIntent { latestCorrection = correctedIntent }
            let rated = RatedConversation(
                conversationID: id, text: row.text(1), label: latestCorrection ?? row.optionalText(2),
                botIntent: row.optionalText(3), botConfidence: row.optionalDouble(4),
                botTier: row.optionalInteger(5).map { Int($0) }, latestVerdict: verdict, correctedIntent: correctedIntent,
                ratedAt: row.optionalText(8), ratingCount: isNewConversation ? 1 : (result.last?.ratingCount ?? 0) + 1)
            if isNewConversation {
                result.append(rated)
            } else {
                result[result.count - 1] = rated
            }
        }
        return result
    }
}
