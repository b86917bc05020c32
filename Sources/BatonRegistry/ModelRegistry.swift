import BatonFormat
import Foundation
import Glibc

/// The folder of published model versions: `v1/`, `v2/`, … and the `current` link to the one
/// routers serve.
///
/// Versions are immutable once renamed into place and `current` only ever moves by an atomic
/// rename, so a router that resolves `current` always finds a complete, verified version,
/// whatever instant a publishing job crashes at. Only one job may publish at a time: callers
/// of ``publish(_:makeCurrent:faultHook:)``, ``setCurrent(_:faultHook:)`` and
/// ``removeStaleLeftovers()`` must hold the ``JobLock`` at ``lockFile``. Reading needs no lock.
public struct ModelRegistry: Sendable {
    /// The models folder.
    public let directory: URL
    private let path: String

    /// Name of the link to the served version.
    public static let currentLinkName = "current"
    /// Name of the job lock file inside the models folder.
    public static let lockFileName = ".lock"
    /// Prefix of in-progress version folders.
    public static let stagingPrefix = ".staging-"
    /// Prefix of the temporary link that is renamed over `current`.
    public static let pointerTemporaryPrefix = ".current.tmp-"

    /// Opens the models folder at `directory`, creating it (and its parents) if missing.
    public init(directory: URL) throws {
        self.directory = directory
        self.path = directory.path
        switch DurableFileSystem.resolvedKind(at: path) {
        case .directory:
            return
        case nil:
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw RegistryError.directoryUnusable(directory: path, reason: "it could not be created (\(error.localizedDescription))")
            }
        case .regularFile, .symbolicLink, .other:
            throw RegistryError.directoryUnusable(directory: path, reason: "something other than a folder is there")
        }
    }

    /// The job lock file that publishing jobs hold.
    public var lockFile: URL { directory.appendingPathComponent(Self.lockFileName) }

    // MARK: - Reading

    /// Complete versions, oldest first: folders named `v<positive integer>` that hold a
    /// `manifest.json`, sorted by number (v2 before v10). Staging folders, dotfiles and
    /// anything else are ignored.
    public func versions() throws -> [String] {
        try entryNames()
            .compactMap { name -> (Int, String)? in
                guard let number = Self.versionNumber(of: name),
                    DurableFileSystem.entryKind(at: path + "/" + name) == .directory,
                    DurableFileSystem.entryKind(at: path + "/" + name + "/" + ModelArtifacts.manifestFileName) == .regularFile
                else { return nil }
                return (number, name)
            }
            .sorted { $0.0 < $1.0 }
            .map(\.1)
    }

    /// The version `current` points at, or nil if there is no `current` or it leads nowhere.
    public func currentVersion() -> String? {
        let link = path + "/" + Self.currentLinkName
        guard let target = DurableFileSystem.linkTarget(at: link),
            DurableFileSystem.resolvedKind(at: link) == .directory
        else { return nil }
        return target
    }

    /// The manifest of `version`, checked for format and consistency but without hashing the
    /// data files (use ``load(version:)`` for full verification).
    public func manifest(of version: String) throws -> ModelManifest {
        let folder = try existingVersionFolder(version)
        let manifest = try ModelFolderReader.readManifest(in: folder)
        try checkName(manifest, version: version)
        return manifest
    }

    /// Loads `version` with full verification of every file.
    public func load(version: String) throws -> ModelArtifacts {
        let folder = try existingVersionFolder(version)
        let artifacts = try ModelFolderReader.load(from: folder)
        try checkName(artifacts.manifest, version: version)
        return artifacts
    }

    /// The name the next publish will use: one more than the highest `v<N>` entry of any kind,
    /// complete or not, so that a leftover or foreign `vN` is never reused.
    public func nextVersion() throws -> String {
        let highest = try entryNames().compactMap(Self.versionNumber(of:)).max() ?? 0
        return "v\(highest + 1)"
    }

    /// The number of a version name: 7 for "v7"; nil for anything else ("v0", "v07", "x").
    public static func versionNumber(of name: String) -> Int? {
        guard name.hasPrefix("v") else { return nil }
        let digits = name.dropFirst()
        guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits), number > 0
        else { return nil }
        return number
    }

    // MARK: - Publishing (hold the job lock)

    /// Publishes `artifacts` as the next version and returns its name ("v4").
    ///
    /// Removes stale leftovers of crashed runs, writes the version into a fresh
    /// `.staging-<version>-<pid>-<random>` folder (every file fsynced, manifest last), renames
    /// that to `vN` and fsyncs the models folder; then, if `makeCurrent`, verifies the new
    /// folder like a router would and moves `current` to it atomically. `manifest.version` is
    /// set to the assigned name; everything else in the manifest is kept.
    ///
    /// - Parameter faultHook: called right after each ``PublishStep``; whatever it throws
    ///   propagates as is and nothing is cleaned up, exactly as if the process died there.
    @discardableResult
    public func publish(
        _ artifacts: ModelArtifacts, makeCurrent: Bool, faultHook: ((PublishStep) throws -> Void)? = nil
    ) throws -> String {
        try removeStaleLeftovers()
        let version = try nextVersion()
        let finalPath = path + "/" + version
        var named = artifacts
        named.manifest.version = version

        let stagingName = "\(Self.stagingPrefix)\(version)-\(getpid())-\(String(UInt64.random(in: .min ... .max), radix: 16))"
        let stagingPath = path + "/" + stagingName
        do {
            try ModelFolderWriter.write(named, to: URL(fileURLWithPath: stagingPath))
        } catch {
            // A refused or failed write leaves nothing behind; the next publish would clean it too.
            try? FileManager.default.removeItem(atPath: stagingPath)
            throw error
        }
        try faultHook?(.stagingWritten)

        // rename(2) silently replaces an empty directory, and glibc's renameat2(RENAME_NOREPLACE)
        // is not visible from Swift: this check plus the job lock keep versions from being replaced.
        guard DurableFileSystem.entryKind(at: finalPath) == nil else {
            throw RegistryError.versionAlreadyExists(version: version, directory: path)
        }
        try fileSystem { try DurableFileSystem.rename(stagingPath, to: finalPath) }
        try fileSystem { try DurableFileSystem.syncDirectory(at: path) }
        try faultHook?(.versionRenamed)

        if makeCurrent {
            try verify(version)
            try movePointer(to: version, faultHook: faultHook)
        }
        return version
    }

    /// Points `current` at an existing `version` (a rollback or roll-forward), after verifying
    /// every file of it. A missing or damaged version is refused and `current` stays as it was.
    ///
    /// - Parameter faultHook: called after ``PublishStep/pointerLinkCreated`` and
    ///   ``PublishStep/pointerRenamed``.
    public func setCurrent(_ version: String, faultHook: ((PublishStep) throws -> Void)? = nil) throws {
        try verify(version)
        try movePointer(to: version, faultHook: faultHook)
    }

    /// Removes `.staging-*` folders and `.current.tmp-*` links left by runs that crashed.
    /// Safe only while holding the job lock: otherwise they may belong to a live publish.
    public func removeStaleLeftovers() throws {
        for name in try entryNames() {
            let entry = path + "/" + name
            if name.hasPrefix(Self.stagingPrefix) {
                do {
                    try FileManager.default.removeItem(atPath: entry)
                } catch {
                    throw RegistryError.fileSystem(operation: "removing a stale staging folder", path: entry, reason: "\(error)")
                }
            } else if name.hasPrefix(Self.pointerTemporaryPrefix),
                DurableFileSystem.entryKind(at: entry) == .symbolicLink
            {
                try fileSystem { try DurableFileSystem.removeFile(at: entry) }
            }
        }
    }

    // MARK: - Implementation

    private func verify(_ version: String) throws {
        let folder = try existingVersionFolder(version)
        let artifacts: ModelArtifacts
        do {
            artifacts = try ModelFolderReader.load(from: folder)
        } catch let problem as ModelFormatError {
            throw RegistryError.refusedDamagedVersion(version: version, directory: path, problem: problem)
        }
        try checkName(artifacts.manifest, version: version)
    }

    /// `symlink(version, .current.tmp-<pid>)`, `rename` over `current`, fsync the folder.
    private func movePointer(to version: String, faultHook: ((PublishStep) throws -> Void)?) throws {
        let temporary = path + "/" + Self.pointerTemporaryPrefix + String(getpid())
        if DurableFileSystem.entryKind(at: temporary) != nil {
            try fileSystem { try DurableFileSystem.removeFile(at: temporary) }
        }
        try fileSystem { try DurableFileSystem.makeSymbolicLink(at: temporary, target: version) }
        try faultHook?(.pointerLinkCreated)
        try fileSystem { try DurableFileSystem.rename(temporary, to: path + "/" + Self.currentLinkName) }
        try fileSystem { try DurableFileSystem.syncDirectory(at: path) }
        try faultHook?(.pointerRenamed)
    }

    /// The folder of a complete version, or an error listing the complete versions.
    private func existingVersionFolder(_ version: String) throws -> URL {
        guard Self.versionNumber(of: version) != nil else { throw RegistryError.invalidVersionName(name: version) }
        let available = try versions()
        guard available.contains(version) else {
            throw RegistryError.versionNotFound(version: version, directory: path, available: available)
        }
        return URL(fileURLWithPath: path + "/" + version, isDirectory: true)
    }

    private func checkName(_ manifest: ModelManifest, version: String) throws {
        guard manifest.version == version else {
            throw RegistryError.versionNameMismatch(version: version, directory: path, manifestVersion: manifest.version)
        }
    }

    private func entryNames() throws -> [String] {
        do {
            return try DurableFileSystem.entryNames(in: path)
        } catch {
            throw RegistryError.directoryUnusable(directory: path, reason: error.description)
        }
    }

    /// Runs one file operation, turning its `FileSystemFailure` into a ``RegistryError``.
    private func fileSystem(_ operation: () throws -> Void) throws {
        do {
            try operation()
        } catch let failure as FileSystemFailure {
            throw RegistryError.fileSystem(operation: failure.operation, path: failure.path, reason: failure.reason)
        }
    }
}
