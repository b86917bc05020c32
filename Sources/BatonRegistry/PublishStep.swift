/// The points of `ModelRegistry.publish` and `setCurrent` after which a crash is survivable,
/// in order.
///
/// The registry calls its fault hook right after each step, so that tests (and the command
/// line, through an environment variable that ends the process there) can check that a crash
/// at any of them leaves a models folder whose `current` version loads.
public enum PublishStep: String, Sendable, CaseIterable {
    /// The staging folder holds every file and the manifest, fsynced; nothing is visible yet.
    case stagingWritten
    /// The staging folder was renamed to `vN` and the models folder fsynced: the version is
    /// listed, but `current` has not moved.
    case versionRenamed
    /// The temporary link `.current.tmp-<pid>` → `vN` exists; `current` has not moved.
    case pointerLinkCreated
    /// The temporary link was renamed over `current` and the models folder fsynced.
    case pointerRenamed
}
