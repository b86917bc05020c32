import BatonCore
import BatonFormat
import Foundation
import Testing

@Suite("Model folder: the reader refuses damaged or foreign folders")
struct ModelFolderReaderTests {
    /// Writes a valid folder, lets `damage` change it, then returns the reader's refusal.
    private func refusal(_ damage: (URL) throws -> Void) throws -> ModelFormatError {
        try TemporaryFolder.use { root in
            let folder = root.appendingPathComponent("v1")
            try ModelFolderWriter.write(SampleModel.artifacts(), to: folder)
            try damage(folder)
            return try #require(throws: ModelFormatError.self) { try ModelFolderReader.load(from: folder) }
        }
    }

    @Test("a flipped bit in any data file is caught by its digest", arguments: ["vocabulary.txt", "idf.f32", "weights.f32", "bias.f32"])
    func bitFlipIsRefused(file: String) throws {
        let error = try refusal { try FolderSurgery.flipBit(in: file, of: $0) }
        guard case .digestMismatch(_, let named, _, _) = error else {
            Issue.record("expected digestMismatch, got \(error)")
            return
        }
        #expect(named == file)
        #expect(error.description.contains(file))
        #expect(error.description.contains("roll back"))
    }

    @Test("a truncated weights.f32 is caught by its size")
    func truncatedWeightsIsRefused() throws {
        let error = try refusal { folder in
            let content = try FolderSurgery.bytes(of: "weights.f32", in: folder)
            try FolderSurgery.replace("weights.f32", in: folder, with: Array(content.prefix(content.count - 6)))
        }
        guard case .sizeMismatch(_, "weights.f32", let expected, let actual) = error else {
            Issue.record("expected sizeMismatch, got \(error)")
            return
        }
        #expect(actual == expected - 6)
        #expect(error.description.contains("weights.f32") && error.description.contains("truncated"))
    }

    @Test("a wrong sha256 in the manifest is refused")
    func wrongDigestInManifestIsRefused() throws {
        let error = try refusal { folder in
            try FolderSurgery.editManifest(in: folder) { $0.files["bias.f32"]?.sha256 = SHA256.hex("something else") }
        }
        guard case .digestMismatch(_, "bias.f32", let expected, _) = error else {
            Issue.record("expected digestMismatch, got \(error)")
            return
        }
        #expect(expected == SHA256.hex("something else"))
        #expect(error.description.contains("bias.f32"))
    }

    @Test("an unknown formatVersion is refused, saying which version this code reads")
    func unknownFormatVersionIsRefused() throws {
        let error = try refusal { folder in
            try FolderSurgery.editManifestJSON(in: folder) {
                $0["formatVersion"] = 2
                // A newer format may change other fields too; the version must be reported, not those.
                $0["rows"] = nil
            }
        }
        guard case .unsupportedFormatVersion(_, 2) = error else {
            Issue.record("expected unsupportedFormatVersion, got \(error)")
            return
        }
        #expect(error.description.contains("formatVersion 2"))
        #expect(error.description.contains("reads formatVersion 1"))
        #expect(error.description.contains("manifest.json"))
    }

    @Test("a foreign format name is refused")
    func unknownFormatIsRefused() throws {
        let error = try refusal { folder in try FolderSurgery.editManifest(in: folder) { $0.format = "onnx-bundle" } }
        guard case .unknownFormat(_, "onnx-bundle") = error else {
            Issue.record("expected unknownFormat, got \(error)")
            return
        }
    }

    @Test("a vocabulary with one line too many is refused by the count check even with a matching digest")
    func vocabularyLineCountMismatchIsRefused() throws {
        let error = try refusal { folder in
            let content = try FolderSurgery.bytes(of: "vocabulary.txt", in: folder)
            try FolderSurgery.replaceListed("vocabulary.txt", in: folder, with: content + Array("extra term\n".utf8))
        }
        guard case .countMismatch(_, "vocabulary.txt", let actual, let expected, "lines", _) = error else {
            Issue.record("expected countMismatch, got \(error)")
            return
        }
        #expect(actual == SampleModel.unicodeTerms.count + 1 && expected == SampleModel.unicodeTerms.count)
        #expect(error.description.contains("vocabulary.txt") && error.description.contains("featureCount"))
    }

    @Test("a weights file of the wrong length is refused by the count check even with a matching digest")
    func weightsCountMismatchIsRefused() throws {
        let error = try refusal { folder in
            let content = try FolderSurgery.bytes(of: "weights.f32", in: folder)
            try FolderSurgery.replaceListed("weights.f32", in: folder, with: Array(content.dropLast(4)))
        }
        guard case .countMismatch(_, "weights.f32", _, _, _, _) = error else {
            Issue.record("expected countMismatch, got \(error)")
            return
        }
    }

    @Test("duplicate vocabulary terms are refused, naming both lines")
    func duplicateTermIsRefused() throws {
        let error = try refusal { folder in
            var terms = SampleModel.unicodeTerms
            terms[4] = terms[1]
            try FolderSurgery.replaceListed("vocabulary.txt", in: folder, with: Array(terms.map { $0 + "\n" }.joined().utf8))
        }
        guard case .duplicateTerm(_, "vocabulary.txt", "café", 2, 5) = error else {
            Issue.record("expected duplicateTerm on lines 2 and 5, got \(error)")
            return
        }
    }

    @Test("duplicate intents are refused")
    func duplicateIntentIsRefused() throws {
        let error = try refusal { folder in try FolderSurgery.editManifest(in: folder) { $0.intents[2] = "billing" } }
        guard case .duplicateIntent(_, "billing", 0, 2) = error else {
            Issue.record("expected duplicateIntent, got \(error)")
            return
        }
    }

    @Test("a non-finite float is refused, naming the file and index")
    func nonFiniteFloatIsRefused() throws {
        let error = try refusal { folder in
            try FolderSurgery.replaceListed("bias.f32", in: folder, with: FolderSurgery.float32LittleEndian([0.5, .nan, 1]))
        }
        guard case .nonFiniteValue(_, "bias.f32", 1, _) = error else {
            Issue.record("expected nonFiniteValue, got \(error)")
            return
        }
    }

    @Test("a listed file that is missing is refused")
    func missingListedFileIsRefused() throws {
        let error = try refusal { folder in
            try FileManager.default.removeItem(at: folder.appendingPathComponent("metrics.json"))
        }
        guard case .listedFileMissing(_, "metrics.json") = error else {
            Issue.record("expected listedFileMissing, got \(error)")
            return
        }
    }

    @Test("a required file left out of manifest.files is refused")
    func unlistedRequiredFileIsRefused() throws {
        let error = try refusal { folder in try FolderSurgery.editManifest(in: folder) { $0.files["idf.f32"] = nil } }
        guard case .requiredFileNotListed(_, "idf.f32") = error else {
            Issue.record("expected requiredFileNotListed, got \(error)")
            return
        }
    }

    @Test("a listed name that leaves the folder is refused before anything is opened")
    func pathTraversalIsRefused() throws {
        let error = try refusal { folder in
            try FolderSurgery.editManifest(in: folder) {
                $0.files["../v1/bias.f32"] = $0.files["bias.f32"]
            }
        }
        guard case .invalidFileName(_, "../v1/bias.f32") = error else {
            Issue.record("expected invalidFileName, got \(error)")
            return
        }
    }

    @Test("invalid manifest JSON is refused with the path of the offending field")
    func invalidManifestNamesTheField() throws {
        let error = try refusal { folder in
            try FolderSurgery.editManifestJSON(in: folder) { manifest in
                var rows = manifest["rows"] as? [String: Any] ?? [:]
                rows["train"] = "many"
                manifest["rows"] = rows
            }
        }
        guard case .manifestInvalid(_, "rows.train", _) = error else {
            Issue.record("expected manifestInvalid at rows.train, got \(error)")
            return
        }
        #expect(error.description.contains("rows.train"))
    }

    @Test("a manifest that is not JSON at all is refused")
    func nonJSONManifestIsRefused() throws {
        let error = try refusal { folder in try FolderSurgery.replace("manifest.json", in: folder, with: Array("{\"format\": ".utf8)) }
        guard case .manifestInvalid = error else {
            Issue.record("expected manifestInvalid, got \(error)")
            return
        }
        #expect(error.description.contains("manifest.json"))
    }

    @Test("a folder without a manifest, and a missing folder, are refused")
    func missingManifestOrFolderIsRefused() throws {
        let error = try refusal { folder in try FileManager.default.removeItem(at: folder.appendingPathComponent("manifest.json")) }
        guard case .manifestMissing = error else {
            Issue.record("expected manifestMissing, got \(error)")
            return
        }
        let missing = try #require(throws: ModelFormatError.self) {
            try ModelFolderReader.load(from: URL(fileURLWithPath: "/nonexistent-baton-models/v1"))
        }
        guard case .folderMissing = missing else {
            Issue.record("expected folderMissing, got \(missing)")
            return
        }
    }
}
