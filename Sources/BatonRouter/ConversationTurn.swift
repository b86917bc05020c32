/// One message of the conversation so far, as the chat system recorded it; passed through into
/// a ``HandoffPacket`` unchanged so that the agent does not ask the customer to repeat it.
public struct ConversationTurn: Codable, Sendable, Hashable {
    /// Who wrote the message.
    public enum Role: String, Codable, Sendable {
        case customer, bot, agent
    }

    public var role: Role
    public var text: String
    /// When it was sent, as the chat system gave it (ISO 8601 recommended); nil if unknown.
    public var at: String?

    public init(role: Role, text: String, at: String? = nil) {
        self.role = role
        self.text = text
        self.at = at
    }
}
