/// The labelled examples of the store, split into training and holdout sets.
public struct CollectedExamples: Codable, Hashable, Sendable {
    /// Training examples, sorted by id.
    public var train: [LabeledExample]
    /// Holdout examples, sorted by id.
    public var holdout: [LabeledExample]
    /// Conversations that have a label (before duplicate texts collapse).
    public var labelled: Int
    /// Labelled conversations merged into another one with the same text.
    public var duplicatesCollapsed: Int
    /// Distinct texts whose conversations carry more than one label.
    public var conflictingTexts: Int
    /// Conversations whose label is an agent's correction that differs from the ticket's final intent.
    public var correctionsApplied: Int
    /// SHA-256 hex identifying exactly this data set and split (see `FeedbackStore.collect`).
    public var fingerprint: String

    public init(
        train: [LabeledExample], holdout: [LabeledExample], labelled: Int, duplicatesCollapsed: Int,
        conflictingTexts: Int, correctionsApplied: Int, fingerprint: String
    ) {
        self.train = train
        self.holdout = holdout
        self.labelled = labelled
        self.duplicatesCollapsed = duplicatesCollapsed
        self.conflictingTexts = conflictingTexts
        self.correctionsApplied = correctionsApplied
        self.fingerprint = fingerprint
    }
}
