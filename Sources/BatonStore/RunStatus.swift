/// How a run of the nightly job (or another command) ended.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// Begun and not finished: still going, or the process died.
    case running
    /// A new model version was published.
    case published
    /// Nothing to do (no new data).
    case skipped
    /// A candidate model was trained but did not pass the quality gate.
    case rejected
    /// The run stopped on an error.
    case failed
}
