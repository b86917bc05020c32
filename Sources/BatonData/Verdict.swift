/// What an agent concluded about a handoff from the bot.
public enum Verdict: String, Sendable, Codable, CaseIterable, Equatable {
    /// The bot was right to hand the conversation over.
    case correctHandoff = "correct_handoff"
    /// The bot could have resolved the conversation itself.
    case unnecessaryHandoff = "unnecessary_handoff"
    /// The bot recognised the wrong intent; `corrected_intent` says the right one.
    case wrongIntent = "wrong_intent"
    /// The bot kept the conversation when it should have handed it over.
    case shouldHaveEscalated = "should_have_escalated"

    /// The raw values, for messages that list what is accepted.
    public static var acceptedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
