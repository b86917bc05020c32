/// One training example: a distinct text and the intent it is labelled with.
public struct LabeledExample: Codable, Hashable, Sendable {
    /// The smallest conversation id among the conversations with this text.
    public var id: String
    /// The text with surrounding whitespace removed.
    public var text: String
    public var intent: String

    public init(id: String, text: String, intent: String) {
        self.id = id
        self.text = text
        self.intent = intent
    }
}
