import BatonCore
import BatonFormat
import Foundation
import Testing

@Suite("Model folder: writing and reading back")
struct ModelFolderRoundTripTests {
    @Test("write then load gives back every bit: signed zeros, subnormals, extremes, Unicode terms")
    func roundTripIsBitIdentical() throws {
        try TemporaryFolder.use { root in
            let folder = root.appendingPathComponent("v1")
            let artifacts = SampleModel.artifacts()
            let written = try ModelFolderWriter.write(artifacts, to: folder)
            let loaded = try ModelFolderReader.load(from: folder)

            #expect(loaded.vocabulary.map { Array($0.utf8) } == artifacts.vocabulary.map { Array($0.utf8) })
            #expect(loaded.idf.map(\.bitPattern) == artifacts.idf.map(\.bitPattern))
            #expect(loaded.weights.map(\.bitPattern) == artifacts.weights.map(\.bitPattern))
            #expect(loaded.bias.map(\.bitPattern) == artifacts.bias.map(\.bitPattern))
            #expect(loaded.extraFiles == artifacts.extraFiles)
            #expect(loaded.manifest == written)
            // The one field a sign-blind comparison would miss.
            #expect(loaded.idf[0].sign == .minus && loaded.idf[0] == 0)
            var expectedManifest = artifacts.manifest
            expectedManifest.files = written.files
            #expect(written == expectedManifest)
        }
    }

    @Test("float files are little-endian binary32 and weights are row-major by feature")
    func floatFilesAreLittleEndianRowMajor() throws {
        try TemporaryFolder.use { root in
            let folder = root.appendingPathComponent("v1")
            var artifacts = SampleModel.artifacts(intents: ["a", "b"])
            artifacts.vocabulary = ["first", "second", "third"]
            artifacts.manifest.featureCount = 3
            artifacts.idf = [1.0, -0.0, -2.5]
            // Row f holds feature f's weights for intents a, b.
            artifacts.weights = [10, 11, 20, 21, 30, 31]
            artifacts.bias = [0.5, -0.5]
            try ModelFolderWriter.write(artifacts, to: folder)

            #expect(try FolderSurgery.bytes(of: "idf.f32", in: folder) == [0, 0, 0x80, 0x3f, 0, 0, 0, 0x80, 0, 0, 0x20, 0xc0])
            #expect(try FolderSurgery.bytes(of: "weights.f32", in: folder) == FolderSurgery.float32LittleEndian([10, 11, 20, 21, 30, 31]))
            #expect(try FolderSurgery.bytes(of: "bias.f32", in: folder) == [0, 0, 0, 0x3f, 0, 0, 0, 0xbf])
            #expect(try FolderSurgery.bytes(of: "vocabulary.txt", in: folder) == Array("first\nsecond\nthird\n".utf8))
        }
    }

    @Test("manifest.files lists every other file with its size and SHA-256; manifest.json is sorted, pretty JSON")
    func manifestListsEveryFile() throws {
        try TemporaryFolder.use { root in
            let folder = root.appendingPathComponent("v1")
            let written = try ModelFolderWriter.write(SampleModel.artifacts(), to: folder)

            let onDisk = try FolderSurgery.entries(of: folder)
            #expect(onDisk == ["bias.f32", "idf.f32", "manifest.json", "metrics.json", "vocabulary.txt", "weights.f32"])
            #expect(Set(written.files.keys) == Set(onDisk).subtracting(["manifest.json"]))
            for (name, listed) in written.files {
                let content = try FolderSurgery.bytes(of: name, in: folder)
                #expect(listed.bytes == content.count, "size of \(name)")
                #expect(listed.sha256 == SHA256.hex(content), "digest of \(name)")
            }
            let manifestText = String(decoding: try FolderSurgery.bytes(of: "manifest.json", in: folder), as: UTF8.self)
            #expect(manifestText == String(decoding: try ModelFolderWriter.manifestJSON(written), as: UTF8.self))
            #expect(manifestText.contains("\n  \"codeVersion\" : "))
            let keyOrder = ["\"codeVersion\"", "\"createdAt\"", "\"dataFingerprint\"", "\"featureCount\""].compactMap {
                manifestText.range(of: $0)?.lowerBound
            }
            #expect(keyOrder.count == 4 && keyOrder == keyOrder.sorted())
        }
    }

    /// Artifacts a reader would refuse, so the writer must refuse them before writing anything.
    static let inconsistentArtifacts: [(String, @Sendable (inout ModelArtifacts) -> Void)] = [
        ("NaN weight", { $0.weights[3] = .nan }),
        ("infinite idf", { $0.idf[1] = .infinity }),
        ("idf shorter than the vocabulary", { $0.idf.removeLast() }),
        ("weights not featureCount × intents", { $0.weights.append(1) }),
        ("bias not one per intent", { $0.bias.removeLast() }),
        ("duplicate term", { $0.vocabulary[2] = $0.vocabulary[0] }),
        ("term with a newline", { $0.vocabulary[1] = "two\nlines" }),
        ("empty term", { $0.vocabulary[1] = "" }),
        ("duplicate intent", { $0.manifest.intents[1] = $0.manifest.intents[0] }),
        ("extra file escaping the folder", { $0.extraFiles["../escape.json"] = [1] }),
        ("extra file shadowing a data file", { $0.extraFiles["bias.f32"] = [1, 2, 3, 4] }),
        ("non-finite manifest number", { $0.manifest.metrics.logLoss = .infinity }),
    ]

    @Test("the writer refuses what a reader would refuse, and leaves no folder", arguments: 0..<inconsistentArtifacts.count)
    func writerRefusesInconsistentArtifacts(case index: Int) throws {
        let (label, damage) = Self.inconsistentArtifacts[index]
        try TemporaryFolder.use { root in
            let folder = root.appendingPathComponent("v1")
            var artifacts = SampleModel.artifacts()
            damage(&artifacts)
            let error = try #require(throws: ModelFormatError.self, "\(label)") {
                try ModelFolderWriter.write(artifacts, to: folder)
            }
            guard case .refusedToWrite = error else {
                Issue.record("\(label): expected refusedToWrite, got \(error)")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path), "\(label)")
        }
    }

    @Test("the writer never writes into a folder that already has files")
    func writerRefusesNonEmptyFolder() throws {
        try TemporaryFolder.use { root in
            let folder = root.appendingPathComponent("v1")
            try ModelFolderWriter.write(SampleModel.artifacts(seed: 1), to: folder)
            let error = try #require(throws: ModelFormatError.self) {
                try ModelFolderWriter.write(SampleModel.artifacts(seed: 2), to: folder)
            }
            guard case .writeFailed = error else {
                Issue.record("expected writeFailed, got \(error)")
                return
            }
            #expect(try ModelFolderReader.load(from: folder).bias == SampleModel.artifacts(seed: 1).bias)
        }
    }
}
