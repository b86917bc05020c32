/// Why a router could not start serving a models folder.
///
/// Problems inside one version folder (a damaged file, a wrong hash, an unknown format) are
/// ``BatonFormat/ModelFormatError``s, which name the file; these are about finding the version
/// to load in the first place.
public enum RouterError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The models folder has no `current` link, or the link leads nowhere.
    case noCurrentVersion(directory: String)
    /// `current` exists but is not a symbolic link, so it cannot be followed for hot reload.
    case currentIsNotALink(directory: String)
    /// The folder `current` points at holds a manifest for another version.
    case versionNameMismatch(directory: String, folder: String, manifestVersion: String)

    public var description: String {
        switch self {
        case .noCurrentVersion(let directory):
            return "The models folder \(directory) has no `current` version (the link is missing or points at nothing). "
                + "Publish a version with `baton retrain`, or pin a version folder."
        case .currentIsNotALink(let directory):
            return "\(directory)/current is not a symbolic link, so a router cannot follow it. "
                + "Let the nightly job move it (symlink + rename), or pin a version folder."
        case .versionNameMismatch(let directory, let folder, let manifestVersion):
            return "The folder \(folder) in \(directory) holds a manifest for version \(manifestVersion): "
                + "the folder was renamed or copied by hand. Point `current` back at a published version."
        }
    }
}
