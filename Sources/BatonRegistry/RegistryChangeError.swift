/// Why a promote, rollback or prune was refused. Nothing was changed.
public enum RegistryChangeError: Error, CustomStringConvertible, Sendable {
    /// A rollback needs a current version to roll back from.
    case noCurrentVersion(directory: String)
    /// Neither the history nor the manifest names a version to roll back to that is still on disk.
    case noRollbackTarget(current: String, directory: String, reason: String)
    /// The rollback target is already current.
    case alreadyCurrent(version: String)
    /// `prune --keep` must keep at least the newest version, so that its name is never reused.
    case invalidKeep(Int)
    /// `--protect-days` cannot be negative.
    case invalidProtectDays(Int)

    public var description: String {
        switch self {
        case .noCurrentVersion(let directory):
            return "There is no current version in \(directory) to roll back from. Use `baton promote VERSION` to choose one."
        case .noRollbackTarget(let current, let directory, let reason):
            return "Cannot roll back from \(current) in \(directory): \(reason). Name the version with `--to VERSION`."
        case .alreadyCurrent(let version):
            return "\(version) is already current; nothing to roll back. Name another version with `--to VERSION`."
        case .invalidKeep(let keep):
            return "--keep must be at least 1 (got \(keep)): the newest version is always kept so its name is never reused."
        case .invalidProtectDays(let days):
            return "--protect-days must be 0 or more (got \(days))."
        }
    }
}
