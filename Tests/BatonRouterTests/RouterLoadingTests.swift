import BatonFormat
import Foundation
import Glibc
import Testing

@testable import BatonRouter

@Suite("Intent router: only verified versions are served")
struct RouterLoadingTests {
    @Test("follows current, or serves a pinned version folder")
    func loadsThroughCurrentOrPinned() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1", seed: 1)
            try models.write("v2", seed: 2)
            try models.point(at: "v2")
            let following = try IntentRouter(modelsDirectory: root)
            #expect(following.currentVersion == "v2")
            #expect(following.currentManifest.intents == TinyModel.intents)
            let pinned = try IntentRouter(versionFolder: models.folder("v1"))
            #expect(pinned.currentVersion == "v1")
            #expect(pinned.decide("my invoice is wrong").version == "v1")
            #expect(following.decide("my invoice is wrong").version == "v2")
        }
    }

    @Test(
        "a flipped bit in any listed file is refused, naming the file",
        arguments: ["vocabulary.txt", "idf.f32", "weights.f32", "bias.f32", "metrics.json"])
    func flippedBitIsRefused(file: String) throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            try models.point(at: "v1")
            try models.flipBit(in: file, of: "v1")
            for attempt in [{ try IntentRouter(versionFolder: models.folder("v1")) }, { try IntentRouter(modelsDirectory: root) }] {
                let error = #expect(throws: ModelFormatError.self) { try attempt() }
                guard case .digestMismatch(_, let named, _, _) = error else {
                    Issue.record("expected a digest mismatch for \(file), got \(String(describing: error))")
                    continue
                }
                #expect(named == file)
                #expect(error?.description.contains(file) == true)
            }
        }
    }

    @Test("a truncated file is refused as truncated, naming the file")
    func truncatedFileIsRefused() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            let weights = try models.bytes(of: "weights.f32", in: "v1")
            try models.replace("weights.f32", in: "v1", with: Array(weights.prefix(weights.count / 2)))
            let error = #expect(throws: ModelFormatError.self) { try IntentRouter(versionFolder: models.folder("v1")) }
            let message = error?.description ?? ""
            #expect(message.contains("weights.f32"))
            #expect(message.contains("truncated"))
        }
    }

    @Test("a manifest listing a wrong SHA-256 is refused, naming the file")
    func wrongHashInManifestIsRefused() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            // Change one hex digit of idf.f32's listed digest in manifest.json, byte for byte.
            var manifest = String(decoding: try models.bytes(of: "manifest.json", in: "v1"), as: UTF8.self)
            let listed = try ModelFolderReader.readManifest(in: models.folder("v1")).files["idf.f32"]?.sha256 ?? ""
            #expect(listed.count == 64)
            let wrong = (listed.first == "0" ? "1" : "0") + listed.dropFirst()
            manifest = manifest.replacingOccurrences(of: listed, with: wrong)
            try models.replace("manifest.json", in: "v1", with: Array(manifest.utf8))
            let error = #expect(throws: ModelFormatError.self) { try IntentRouter(versionFolder: models.folder("v1")) }
            guard case .digestMismatch(_, let file, let expected, _) = error else {
                Issue.record("expected a digest mismatch, got \(String(describing: error))")
                return
            }
            #expect(file == "idf.f32")
            #expect(expected == wrong)
        }
    }

    @Test("no current, a current that is not a link, and a renamed folder are refused with the reason")
    func missingOrOddCurrentIsRefused() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            #expect(throws: RouterError.noCurrentVersion(directory: root.path)) { try IntentRouter(modelsDirectory: root) }

            try models.point(at: "v9")  // dangling
            let dangling = #expect(throws: ModelFormatError.self) { try IntentRouter(modelsDirectory: root) }
            #expect(dangling?.description.contains("v9") == true)

            unlink(root.appendingPathComponent("current").path)
            try FileManager.default.createDirectory(at: root.appendingPathComponent("current"), withIntermediateDirectories: false)
            #expect(throws: RouterError.currentIsNotALink(directory: root.path)) { try IntentRouter(modelsDirectory: root) }
            try FileManager.default.removeItem(at: root.appendingPathComponent("current"))

            try FileManager.default.copyItem(at: models.folder("v1"), to: models.folder("v5"))
            try models.point(at: "v5")
            #expect(throws: RouterError.versionNameMismatch(directory: root.path, folder: "v5", manifestVersion: "v1")) {
                try IntentRouter(modelsDirectory: root)
            }
        }
    }
}
