import Foundation
import Glibc

/// Loads a published model folder and verifies every byte of it before trusting any.
///
/// Routers call this at start-up and whenever `current` moves. A folder is refused unless its
/// manifest is of a known format, every listed file has the listed size and SHA-256, and the
/// decoded contents agree with the manifest's counts; sizes and digests are all checked before
/// anything is decoded, so a damaged file is reported as damaged rather than as odd numbers.
public enum ModelFolderReader {
    /// Reads and checks `manifest.json` only (format, version, field values); the data files
    /// are not opened. Cheap enough for listing versions.
    public static func readManifest(in folder: URL) throws -> ModelManifest {
        let path = folder.path
        guard DurableFileSystem.resolvedKind(at: path) == .directory else {
            throw ModelFormatError.folderMissing(folder: path)
        }
        return try readManifest(folderPath: path, display: path)
    }

    /// Loads and fully verifies the model folder at `folder`.
    ///
    /// A symbolic link (such as `models/current`) is resolved once, first, so that every file
    /// comes from the same version even if the link moves while the folder is being read.
    public static func load(from folder: URL) throws -> ModelArtifacts {
        let given = folder.path
        let resolved: String
        do {
            resolved = try DurableFileSystem.resolvedPath(given)
        } catch {
            throw ModelFormatError.folderMissing(folder: given)
        }
        guard DurableFileSystem.entryKind(at: resolved) == .directory else {
            throw ModelFormatError.folderMissing(folder: given)
        }
        let display = resolved == given ? given : "\(given) (resolved to \(resolved))"
        let manifest = try readManifest(folderPath: resolved, display: display)

        var files: [String: [UInt8]] = [:]
        for (name, listed) in manifest.files.sorted(by: { $0.key < $1.key }) {
            let bytes: [UInt8]
            do {
                bytes = try DurableFileSystem.readFile(at: resolved + "/" + name)
            } catch {
                if error.code == ENOENT { throw ModelFormatError.listedFileMissing(folder: display, file: name) }
                throw ModelFormatError.fileUnreadable(folder: display, file: name, reason: error.reason)
            }
            guard bytes.count == listed.bytes else {
                throw ModelFormatError.sizeMismatch(folder: display, file: name, expected: listed.bytes, actual: bytes.count)
            }
            let digest = ModelFileEncoding.sha256Hex(bytes)
            guard digest == listed.sha256.lowercased() else {
                throw ModelFormatError.digestMismatch(folder: display, file: name, expected: listed.sha256, actual: digest)
            }
            files[name] = bytes
        }
        return try decode(manifest: manifest, files: files, folder: display)
    }

    // MARK: - Manifest

    /// Just the two fields that decide whether the rest can be read at all, decoded before the
    /// full manifest so that a newer format is reported as such and not as a missing field.
    private struct FormatProbe: Decodable {
        var format: String?
        var formatVersion: Int?
    }

    static func readManifest(folderPath: String, display: String) throws -> ModelManifest {
        let bytes: [UInt8]
        do {
            bytes = try DurableFileSystem.readFile(at: folderPath + "/" + ModelArtifacts.manifestFileName)
        } catch {
            if error.code == ENOENT { throw ModelFormatError.manifestMissing(folder: display) }
            throw ModelFormatError.manifestUnreadable(folder: display, reason: error.reason)
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let probe: FormatProbe
        do {
            probe = try decoder.decode(FormatProbe.self, from: data)
        } catch {
            throw invalidManifest(folder: display, error: error)
        }
        guard probe.format == ModelManifest.formatName else {
            throw ModelFormatError.unknownFormat(folder: display, found: probe.format ?? "(missing)")
        }
        guard let formatVersion = probe.formatVersion else {
            throw ModelFormatError.manifestInvalid(folder: display, fieldPath: "formatVersion", reason: "the field is missing")
        }
        guard formatVersion == ModelManifest.currentFormatVersion else {
            throw ModelFormatError.unsupportedFormatVersion(folder: display, found: formatVersion)
        }
        let manifest: ModelManifest
        do {
            manifest = try decoder.decode(ModelManifest.self, from: data)
        } catch {
            throw invalidManifest(folder: display, error: error)
        }
        try validate(manifest, folder: display)
        return manifest
    }

    /// Checks the manifest's own values: what can be wrong before any data file is opened.
    static func validate(_ manifest: ModelManifest, folder: String) throws {
        guard manifest.featureCount >= 0 else {
            throw ModelFormatError.manifestInconsistent(
                folder: folder, field: "featureCount", problem: "is \(manifest.featureCount); it must be 0 or more")
        }
        guard !manifest.intents.isEmpty else {
            throw ModelFormatError.manifestInconsistent(folder: folder, field: "intents", problem: "is empty; a model needs at least one intent")
        }
        var firstPosition: [String: Int] = [:]
        for (position, intent) in manifest.intents.enumerated() {
            guard !intent.isEmpty else {
                throw ModelFormatError.manifestInconsistent(folder: folder, field: "intents[\(position)]", problem: "is an empty name")
            }
            if let first = firstPosition[intent] {
                throw ModelFormatError.duplicateIntent(folder: folder, intent: intent, first: first, second: position)
            }
            firstPosition[intent] = position
        }
        guard manifest.temperature.isFinite, manifest.temperature > 0 else {
            throw ModelFormatError.manifestInconsistent(
                folder: folder, field: "temperature", problem: "is \(manifest.temperature); it must be a positive finite number")
        }
        for (name, listed) in manifest.files {
            guard ModelArtifacts.isValidFileName(name), name != ModelArtifacts.manifestFileName else {
                throw ModelFormatError.invalidFileName(folder: folder, file: name)
            }
            guard listed.bytes >= 0 else {
                throw ModelFormatError.manifestInconsistent(folder: folder, field: "files.\(name).bytes", problem: "is negative")
            }
            guard listed.sha256.utf8.count == 64, listed.sha256.utf8.allSatisfy(isHexDigit) else {
                throw ModelFormatError.manifestInconsistent(
                    folder: folder, field: "files.\(name).sha256", problem: "is not 64 hexadecimal digits")
            }
        }
        for required in ModelArtifacts.requiredFileNames where manifest.files[required] == nil {
            throw ModelFormatError.requiredFileNotListed(folder: folder, file: required)
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    private static func invalidManifest(folder: String, error: Error) -> ModelFormatError {
        guard let decodingError = error as? DecodingError else {
            return .manifestInvalid(folder: folder, fieldPath: "", reason: String(describing: error))
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            return .manifestInvalid(
                folder: folder, fieldPath: fieldPath(context.codingPath + [key]), reason: "the field is missing")
        case .typeMismatch(let type, let context):
            return .manifestInvalid(
                folder: folder, fieldPath: fieldPath(context.codingPath), reason: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return .manifestInvalid(
                folder: folder, fieldPath: fieldPath(context.codingPath), reason: "null where \(type) is required")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return .manifestInvalid(
                folder: folder, fieldPath: fieldPath(context.codingPath), reason: context.debugDescription + underlying)
        @unknown default:
            return .manifestInvalid(folder: folder, fieldPath: "", reason: String(describing: decodingError))
        }
    }

    /// "rows.train", "intents[2]", "files.idf.f32.sha256".
    private static func fieldPath(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    // MARK: - Data files

    /// Decodes verified file contents and checks them against the manifest. Also run by
    /// ``ModelFolderWriter`` on what it is about to write, so that nothing a reader would
    /// refuse is ever published.
    static func decode(manifest: ModelManifest, files: [String: [UInt8]], folder: String) throws -> ModelArtifacts {
        let featureCount = manifest.featureCount
        let intentCount = manifest.intents.count
        func listed(_ name: String) throws -> [UInt8] {
            guard let bytes = files[name] else { throw ModelFormatError.requiredFileNotListed(folder: folder, file: name) }
            return bytes
        }

        let vocabularyFile = ModelArtifacts.vocabularyFileName
        let vocabulary: [String]
        do {
            vocabulary = try ModelFileEncoding.vocabularyTerms(fromUTF8: try listed(vocabularyFile))
        } catch let problem as ModelFileEncoding.VocabularyTextProblem {
            switch problem {
            case .invalidUTF8(let line):
                throw ModelFormatError.invalidText(folder: folder, file: vocabularyFile, problem: "line \(line) is not valid UTF-8")
            case .missingFinalNewline:
                throw ModelFormatError.invalidText(folder: folder, file: vocabularyFile, problem: "the last line does not end with a newline")
            }
        }
        guard vocabulary.count == featureCount else {
            throw ModelFormatError.countMismatch(
                folder: folder, file: vocabularyFile, actual: vocabulary.count, expected: featureCount,
                unit: "lines", source: "manifest featureCount")
        }
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(vocabulary.count)
        for (index, term) in vocabulary.enumerated() {
            guard !term.isEmpty else {
                throw ModelFormatError.invalidText(folder: folder, file: vocabularyFile, problem: "line \(index + 1) is empty")
            }
            // Swift string equality (canonical equivalence) is what a router's [String: Int]
            // lookup uses, so two terms equal under it could never both be looked up.
            if let first = firstLine[term] {
                throw ModelFormatError.duplicateTerm(
                    folder: folder, file: vocabularyFile, term: term, firstLine: first, secondLine: index + 1)
            }
            firstLine[term] = index + 1
        }

        let (weightCount, overflow) = featureCount.multipliedReportingOverflow(by: intentCount)
        guard !overflow, weightCount <= Int.max / 4 else {
            throw ModelFormatError.manifestInconsistent(
                folder: folder, field: "featureCount", problem: "is \(featureCount), too large for a weight matrix")
        }
        let idf = try floats(
            in: ModelArtifacts.idfFileName, bytes: try listed(ModelArtifacts.idfFileName), expectedCount: featureCount,
            source: "manifest featureCount \(featureCount) × 4 bytes", folder: folder)
        let weights = try floats(
            in: ModelArtifacts.weightsFileName, bytes: try listed(ModelArtifacts.weightsFileName), expectedCount: weightCount,
            source: "featureCount \(featureCount) × intents \(intentCount) × 4 bytes", folder: folder)
        let bias = try floats(
            in: ModelArtifacts.biasFileName, bytes: try listed(ModelArtifacts.biasFileName), expectedCount: intentCount,
            source: "intents \(intentCount) × 4 bytes", folder: folder)

        var extraFiles = files
        for name in ModelArtifacts.requiredFileNames { extraFiles[name] = nil }
        return ModelArtifacts(
            manifest: manifest, vocabulary: vocabulary, idf: idf, weights: weights, bias: bias, extraFiles: extraFiles)
    }

    private static func floats(
        in file: String, bytes: [UInt8], expectedCount: Int, source: String, folder: String
    ) throws -> [Float] {
        guard bytes.count == expectedCount * 4, let values = ModelFileEncoding.floats(fromLittleEndian: bytes) else {
            throw ModelFormatError.countMismatch(
                folder: folder, file: file, actual: bytes.count, expected: expectedCount * 4, unit: "bytes", source: source)
        }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw ModelFormatError.nonFiniteValue(folder: folder, file: file, index: index, value: values[index])
        }
        return values
    }
}
