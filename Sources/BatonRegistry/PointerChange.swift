/// What a promote or rollback did to `current` and the history.
public struct PointerChange: Codable, Hashable, Sendable {
    /// `current` before the command (after any reconciliation), nil if nothing was current.
    public var from: String?
    /// `current` after the command.
    public var to: String
    /// The event appended for this change; nil when nothing changed (already current).
    public var recorded: HistoryEvent?
    /// An event appended first because `current` had moved without being recorded (a run that
    /// crashed between moving the pointer and appending to the history).
    public var reconciled: HistoryEvent?

    public init(from: String?, to: String, recorded: HistoryEvent?, reconciled: HistoryEvent?) {
        self.from = from
        self.to = to
        self.recorded = recorded
        self.reconciled = reconciled
    }
}
