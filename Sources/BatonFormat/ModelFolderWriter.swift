import Foundation

/// Writes model artifacts as a format-1 model folder, durably, with `manifest.json` last.
///
/// The writer fills in `manifest.files` (size and SHA-256 of every other file) and runs the
/// reader's own checks on the encoded bytes before creating anything, so a folder it writes
/// always loads. Each file is fsynced as it is written and the folder is fsynced at the end;
/// because `manifest.json` comes last, a folder with a manifest has all its files on disk.
/// Callers that publish versions use `ModelRegistry`, which writes into a staging folder and
/// renames it into place.
public enum ModelFolderWriter {
    /// Writes `artifacts` into `folder`, which must not exist yet or be empty.
    ///
    /// - Returns: the manifest as written, with `files`, `format` and `formatVersion` set.
    @discardableResult
    public static func write(_ artifacts: ModelArtifacts, to folder: URL) throws -> ModelManifest {
        let path = folder.path
        let files = try encodedFiles(of: artifacts, folder: path)
        var manifest = artifacts.manifest
        manifest.format = ModelManifest.formatName
        manifest.formatVersion = ModelManifest.currentFormatVersion
        manifest.files = files.mapValues {
            ModelManifest.FileDigest(bytes: $0.count, sha256: ModelFileEncoding.sha256Hex($0))
        }
        do {
            try ModelFolderReader.validate(manifest, folder: path)
            _ = try ModelFolderReader.decode(manifest: manifest, files: files, folder: path)
        } catch let error as ModelFormatError {
            throw ModelFormatError.refusedToWrite(folder: path, problem: error.problem)
        }
        let manifestBytes: [UInt8]
        do {
            manifestBytes = try manifestJSON(manifest)
        } catch {
            throw ModelFormatError.refusedToWrite(folder: path, problem: "the manifest cannot be encoded as JSON: \(error)")
        }

        try prepareEmptyFolder(path)
        do {
            for name in files.keys.sorted() {
                try DurableFileSystem.writeNewFile(files[name] ?? [], to: path + "/" + name)
            }
            try DurableFileSystem.writeNewFile(manifestBytes, to: path + "/" + ModelArtifacts.manifestFileName)
            try DurableFileSystem.syncDirectory(at: path)
        } catch {
            throw ModelFormatError.writeFailed(folder: path, reason: error.description)
        }
        return manifest
    }

    /// The bytes of `manifest.json`: JSON with sorted keys, pretty-printed, UTF-8, ending in a
    /// newline. Sorted keys make the file stable, so two writes of one manifest are identical.
    public static func manifestJSON(_ manifest: ModelManifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(manifest)) + [UInt8(ascii: "\n")]
    }

    /// Every file of the folder except the manifest, by name.
    private static func encodedFiles(of artifacts: ModelArtifacts, folder: String) throws -> [String: [UInt8]] {
        if let index = artifacts.vocabulary.firstIndex(where: { $0.utf8.contains(UInt8(ascii: "\n")) }) {
            throw ModelFormatError.refusedToWrite(
                folder: folder,
                problem: "vocabulary term \(index) contains a newline, which a one-term-per-line file cannot hold.")
        }
        var files: [String: [UInt8]] = [
            ModelArtifacts.vocabularyFileName: ModelFileEncoding.vocabularyText(artifacts.vocabulary),
            ModelArtifacts.idfFileName: ModelFileEncoding.float32LittleEndian(artifacts.idf),
            ModelArtifacts.weightsFileName: ModelFileEncoding.float32LittleEndian(artifacts.weights),
            ModelArtifacts.biasFileName: ModelFileEncoding.float32LittleEndian(artifacts.bias),
        ]
        for (name, bytes) in artifacts.extraFiles {
            guard ModelArtifacts.isValidFileName(name), name != ModelArtifacts.manifestFileName,
                files[name] == nil
            else {
                throw ModelFormatError.refusedToWrite(
                    folder: folder,
                    problem: "extra file name \"\(name)\" is not a plain file name, or it clashes with a file of the format.")
            }
            files[name] = bytes
        }
        return files
    }

    /// Creates the folder, or accepts an existing empty one; a version folder is written once.
    private static func prepareEmptyFolder(_ path: String) throws {
        switch DurableFileSystem.entryKind(at: path) {
        case nil:
            do {
                try DurableFileSystem.makeDirectory(at: path)
            } catch {
                throw ModelFormatError.writeFailed(folder: path, reason: error.description)
            }
        case .directory:
            let existing: [String]
            do {
                existing = try DurableFileSystem.entryNames(in: path)
            } catch {
                throw ModelFormatError.writeFailed(folder: path, reason: error.description)
            }
            guard existing.isEmpty else {
                throw ModelFormatError.writeFailed(
                    folder: path, reason: "the folder already holds \(existing.count) entries and model folders are written once")
            }
        case .regularFile, .symbolicLink, .other:
            throw ModelFormatError.writeFailed(folder: path, reason: "something other than a folder is already there")
        }
    }
}
