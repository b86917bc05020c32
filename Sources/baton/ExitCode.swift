/// Every exit status `baton` can return, in one place (documented in the README).
enum ExitCode: Int32, CaseIterable {
    /// Success: published, or skipped because nothing changed.
    case success = 0
    /// An unexpected internal error.
    case internalError = 1
    /// Bad command line.
    case usage = 2
    /// A file, the store or a model could not be read.
    case inputError = 3
    /// Another run holds the job lock.
    case locked = 4
    /// Too little labelled data to train.
    case nothingToTrain = 5
    /// A new version was written but not made current.
    case notPromoted = 6
    /// Publishing failed; `current` is unchanged.
    case publishFailed = 7
}
