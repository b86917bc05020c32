/// Why a model folder could not be read or written: which folder, which file, what is wrong,
/// and what to do about it.
///
/// A router that gets one of these keeps serving the model it already has; the message is
/// written for the engineer who reads the router's log at night.
public enum ModelFormatError: Error, CustomStringConvertible, Sendable {
    /// There is no folder (or no resolvable `current` link) at the path.
    case folderMissing(folder: String)
    /// The folder has no `manifest.json`.
    case manifestMissing(folder: String)
    /// `manifest.json` exists but could not be read.
    case manifestUnreadable(folder: String, reason: String)
    /// `manifest.json` is not JSON or does not match the manifest's fields. `fieldPath` is the
    /// coding path of the offending field, e.g. "rows.train" ("" for the whole document).
    case manifestInvalid(folder: String, fieldPath: String, reason: String)
    /// `format` is not "baton-model".
    case unknownFormat(folder: String, found: String)
    /// `formatVersion` is one this code does not read.
    case unsupportedFormatVersion(folder: String, found: Int)
    /// A manifest field has an impossible value (a negative feature count, no intents, …).
    case manifestInconsistent(folder: String, field: String, problem: String)
    /// `manifest.files` names a file that is not a plain file name (e.g. "../x").
    case invalidFileName(folder: String, file: String)
    /// One of the four data files is not listed in `manifest.files`.
    case requiredFileNotListed(folder: String, file: String)
    /// A file listed in `manifest.files` is not in the folder.
    case listedFileMissing(folder: String, file: String)
    /// A listed file exists but could not be read.
    case fileUnreadable(folder: String, file: String, reason: String)
    /// A listed file's size differs from the manifest (typically a truncated copy).
    case sizeMismatch(folder: String, file: String, expected: Int, actual: Int)
    /// A listed file's SHA-256 differs from the manifest (a changed byte, a flipped bit).
    case digestMismatch(folder: String, file: String, expected: String, actual: String)
    /// A file holds a different number of items than the manifest's counts imply.
    /// `source` says where the expected number comes from, e.g. "manifest featureCount".
    case countMismatch(folder: String, file: String, actual: Int, expected: Int, unit: String, source: String)
    /// The same intent appears twice in `manifest.intents` (0-based positions).
    case duplicateIntent(folder: String, intent: String, first: Int, second: Int)
    /// The same term appears on two lines of the vocabulary (1-based lines).
    case duplicateTerm(folder: String, file: String, term: String, firstLine: Int, secondLine: Int)
    /// A text file is not what the format says: invalid UTF-8, no final newline, an empty term.
    case invalidText(folder: String, file: String, problem: String)
    /// A float32 file holds NaN or an infinity at `index` (0-based value index).
    case nonFiniteValue(folder: String, file: String, index: Int, value: Float)
    /// The writer refused artifacts that a reader would refuse; nothing was written.
    case refusedToWrite(folder: String, problem: String)
    /// The writer could not create or write a file.
    case writeFailed(folder: String, reason: String)

    /// What went wrong, without the advice.
    public var problem: String {
        switch self {
        case .folderMissing(let folder):
            return "No model folder at \(folder)."
        case .manifestMissing(let folder):
            return "Model folder \(folder) has no \(ModelArtifacts.manifestFileName)."
        case .manifestUnreadable(let folder, let reason):
            return "Cannot read \(ModelArtifacts.manifestFileName) in \(folder): \(reason)."
        case .manifestInvalid(let folder, let fieldPath, let reason):
            let location = fieldPath.isEmpty ? "" : " at field `\(fieldPath)`"
            let ending = reason.hasSuffix(".") ? "" : "."
            return "\(ModelArtifacts.manifestFileName) in \(folder) is not a valid manifest\(location): \(reason)\(ending)"
        case .unknownFormat(let folder, let found):
            return "\(ModelArtifacts.manifestFileName) in \(folder) has format \"\(found)\", not \"\(ModelManifest.formatName)\"."
        case .unsupportedFormatVersion(let folder, let found):
            return "\(ModelArtifacts.manifestFileName) in \(folder) has formatVersion \(found); "
                + "this code reads formatVersion \(ModelManifest.currentFormatVersion) only."
        case .manifestInconsistent(let folder, let field, let problem):
            return "\(ModelArtifacts.manifestFileName) in \(folder): field `\(field)` \(problem)."
        case .invalidFileName(let folder, let file):
            return "\(ModelArtifacts.manifestFileName) in \(folder) lists \"\(file)\", which is not a plain file name inside the folder."
        case .requiredFileNotListed(let folder, let file):
            return "\(ModelArtifacts.manifestFileName) in \(folder) does not list \(file), which every model folder must have."
        case .listedFileMissing(let folder, let file):
            return "\(file) is listed in \(ModelArtifacts.manifestFileName) but missing from \(folder)."
        case .fileUnreadable(let folder, let file, let reason):
            return "Cannot read \(file) in \(folder): \(reason)."
        case .sizeMismatch(let folder, let file, let expected, let actual):
            return "\(file) in \(folder) is \(actual) bytes but the manifest says \(expected) bytes"
                + (actual < expected ? " (truncated)." : ".")
        case .digestMismatch(let folder, let file, let expected, let actual):
            return "\(file) in \(folder) has SHA-256 \(actual) but the manifest says \(expected): its content changed after publishing."
        case .countMismatch(let folder, let file, let actual, let expected, let unit, let source):
            return "\(file) in \(folder) holds \(actual) \(unit) but \(source) requires \(expected)."
        case .duplicateIntent(let folder, let intent, let first, let second):
            return "\(ModelArtifacts.manifestFileName) in \(folder) lists intent \"\(intent)\" twice (positions \(first) and \(second))."
        case .duplicateTerm(let folder, let file, let term, let firstLine, let secondLine):
            return "\(file) in \(folder) has term \"\(term)\" on both line \(firstLine) and line \(secondLine)."
        case .invalidText(let folder, let file, let problem):
            return "\(file) in \(folder): \(problem)."
        case .nonFiniteValue(let folder, let file, let index, let value):
            return "\(file) in \(folder) holds \(value) at value index \(index); model numbers must be finite."
        case .refusedToWrite(let folder, let problem):
            let ending = problem.hasSuffix(".") ? "" : "."
            return "Refused to write a model folder at \(folder): \(problem)\(ending)"
        case .writeFailed(let folder, let reason):
            return "Could not write the model folder \(folder): \(reason)."
        }
    }

    /// What the reader of the message can do next.
    public var advice: String {
        switch self {
        case .folderMissing:
            return "Check the path, or publish a model version first."
        case .manifestUnreadable, .fileUnreadable:
            return "Check the folder's permissions and the disk; if the files are damaged, publish a new version or point `current` back at an earlier version."
        case .unknownFormat:
            return "This is not a Baton model folder: point the reader at a Baton models folder."
        case .unsupportedFormatVersion(_, let found):
            return "Load it with a Baton release that reads formatVersion \(found), or publish a version in formatVersion \(ModelManifest.currentFormatVersion)."
        case .refusedToWrite:
            return "Nothing was published; fix the model (its training run produced inconsistent output) and publish again."
        case .writeFailed:
            return "Nothing was published; check free space and permissions of the models folder, then publish again."
        case .manifestMissing, .manifestInvalid, .manifestInconsistent, .invalidFileName, .requiredFileNotListed,
            .listedFileMissing, .sizeMismatch, .digestMismatch, .countMismatch, .duplicateIntent, .duplicateTerm,
            .invalidText, .nonFiniteValue:
            return "Do not use this version: publish a new version, or point `current` back at an earlier version (roll back)."
        }
    }

    public var description: String { "\(problem) \(advice)" }
}
