/// The points of ``ModelRegistry/prune(keep:protectDays:now:actor:faultHook:)`` after which a
/// crash is survivable, for each version removed.
public enum PruneStep: String, Sendable, CaseIterable {
    /// `vN` was renamed to `.pruned-vN-…` and the folder fsynced: the version is no longer
    /// listed, its files are still there.
    case renamed
    /// The `pruned` event was appended to the history.
    case recorded
    /// The renamed folder was deleted.
    case deleted
}
