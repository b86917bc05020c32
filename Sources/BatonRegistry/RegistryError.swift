import BatonFormat

/// Why the models folder could not be listed, published to, or have its `current` moved.
///
/// Errors about the content of one version folder are ``BatonFormat/ModelFormatError``; these
/// are about the folder of versions and the pointer.
public enum RegistryError: Error, CustomStringConvertible, Sendable {
    /// The models folder cannot be created, listed or fsynced.
    case directoryUnusable(directory: String, reason: String)
    /// A version name is not of the form `v<positive integer>` (e.g. "v7").
    case invalidVersionName(name: String)
    /// No complete version of that name exists. `available` lists the complete ones.
    case versionNotFound(version: String, directory: String, available: [String])
    /// `setCurrent` (or `publish`) refused to point `current` at a version that fails verification.
    case refusedDamagedVersion(version: String, directory: String, problem: ModelFormatError)
    /// The manifest inside folder `version` names another version.
    case versionNameMismatch(version: String, directory: String, manifestVersion: String)
    /// Something already occupies the folder name a publish was about to use.
    case versionAlreadyExists(version: String, directory: String)
    /// A file operation on the models folder failed.
    case fileSystem(operation: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .directoryUnusable(let directory, let reason):
            return "The models folder \(directory) cannot be used: \(reason). "
                + "Check that the path is a folder this user can write to."
        case .invalidVersionName(let name):
            return "\"\(name)\" is not a model version name; versions are named v1, v2, v3, …. "
                + "List the published versions and pass one of them."
        case .versionNotFound(let version, let directory, let available):
            let listing = available.isEmpty ? "none has been published yet" : "available: \(available.joined(separator: ", "))"
            return "There is no complete model version \(version) in \(directory) (\(listing)). Pass one of the listed versions."
        case .refusedDamagedVersion(let version, let directory, let problem):
            return "Refused to make \(version) in \(directory) current, and left `current` where it was: \(problem.problem) "
                + "Choose another version, or publish a new one."
        case .versionNameMismatch(let version, let directory, let manifestVersion):
            return "The folder \(version) in \(directory) holds a manifest for version \(manifestVersion): "
                + "the folder was renamed or copied by hand. Do not use it; publish a new version."
        case .versionAlreadyExists(let version, let directory):
            return "Cannot publish \(version) in \(directory): something named \(version) is already there and versions are never "
                + "replaced. Is another job publishing without holding the job lock?"
        case .fileSystem(let operation, let path, let reason):
            return "\(operation) failed for \(path): \(reason). Check free space and permissions; "
                + "`current` still points at the last complete version."
        }
    }
}
