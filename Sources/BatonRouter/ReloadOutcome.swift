/// What one hot-reload check of the models folder did.
public enum ReloadOutcome: Sendable, Hashable, CustomStringConvertible {
    /// `current` still points where it did (or at a version already refused), or the router is
    /// pinned to one version folder: the served version did not change and nothing was loaded.
    case unchanged
    /// `current` moved and the new version passed verification; decisions that start from now
    /// on use `to`.
    case reloaded(from: String, to: String)
    /// `current` moved to `version`, which failed verification (`reason` names the file and the
    /// problem). The router keeps serving the version it had, and does not try `version` again
    /// until `current` moves or a reload is forced.
    case failed(version: String, reason: String)

    public var description: String {
        switch self {
        case .unchanged:
            return "unchanged"
        case .reloaded(let from, let to):
            return "reloaded \(from) -> \(to)"
        case .failed(let version, let reason):
            return "refused \(version), still serving the previous version: \(reason)"
        }
    }
}
