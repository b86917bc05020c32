/// Why the job lock could not be taken.
public enum JobLockError: Error, CustomStringConvertible, Sendable {
    /// Another process (or another open handle in this one) holds the lock. `holder` is the
    /// description the holder wrote into the lock file ("" if it has not written one yet).
    case held(path: String, holder: String)
    /// The lock file could not be opened, locked or written.
    case unusable(path: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, let holder):
            let who = holder.isEmpty ? "another process (it has not written its description yet)" : holder
            return "The job lock \(path) is held by \(who). Wait for that run to finish; the lock is released "
                + "automatically when its process exits, so a held lock always belongs to a live process."
        case .unusable(let path, let operation, let reason):
            return "Cannot take the job lock \(path): \(operation) failed: \(reason). "
                + "Check that the models folder exists and is writable by this user."
        }
    }
}
