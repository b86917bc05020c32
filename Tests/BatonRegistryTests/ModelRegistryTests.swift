import BatonFormat
import BatonRegistry
import Foundation
import Testing

@Suite("Model registry: versions, publishing and the current pointer")
struct ModelRegistryTests {
    @Test("publishing twice gives v1 then v2, current on v2, each manifest named after its folder")
    func publishTwice() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root.appendingPathComponent("models"))
            #expect(try registry.versions().isEmpty)
            #expect(registry.currentVersion() == nil)

            #expect(try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true) == "v1")
            #expect(registry.currentVersion() == "v1")
            #expect(try registry.publish(SampleModel.artifacts(seed: 2), makeCurrent: true) == "v2")

            #expect(try registry.versions() == ["v1", "v2"])
            #expect(registry.currentVersion() == "v2")
            #expect(try registry.manifest(of: "v1").version == "v1")
            let loaded = try registry.load(version: "v2")
            #expect(loaded.manifest.version == "v2")
            #expect(loaded.bias == SampleModel.artifacts(seed: 2).bias)
            #expect(loaded.manifest.parentVersion == nil)
            // `current` is a relative link, so the models folder can be moved or mounted elsewhere.
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("models/current").path)
            #expect(link == "v2")
            #expect(try FolderSurgery.entries(of: registry.directory) == ["current", "v1", "v2"])
        }
    }

    @Test("publishing without makeCurrent leaves current where it was")
    func publishWithoutMakingCurrent() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true)
            #expect(try registry.publish(SampleModel.artifacts(seed: 2), makeCurrent: false) == "v2")
            #expect(registry.currentVersion() == "v1")
            #expect(try registry.versions() == ["v1", "v2"])
        }
    }

    @Test("versions() sorts numerically and ignores staging folders, dotfiles, junk and folders without a manifest")
    func versionsSortNumericallyAndIgnoreJunk() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            for seed in 1...10 { try registry.publish(SampleModel.artifacts(seed: seed), makeCurrent: false) }
            let manager = FileManager.default
            for junk in [".staging-v11-1-abc", "v0", "v012", "vx", "v12", "backup-v3"] {
                try manager.createDirectory(at: root.appendingPathComponent(junk), withIntermediateDirectories: false)
                try Data("{}".utf8).write(to: root.appendingPathComponent(junk).appendingPathComponent("manifest.json"))
            }
            try manager.createDirectory(at: root.appendingPathComponent("v13"), withIntermediateDirectories: false)
            try Data("notes".utf8).write(to: root.appendingPathComponent("v14"))
            try Data("notes".utf8).write(to: root.appendingPathComponent("README"))

            // v12 has a manifest.json so it is listed (verification is load's job); v13 has none, v14 is a file.
            #expect(try registry.versions() == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v12"])
            // The next name skips every v<N> entry, complete or not.
            #expect(try registry.nextVersion() == "v15")
        }
    }

    @Test("version numbers: v<positive integer without leading zeros> only")
    func versionNumbers() {
        #expect(ModelRegistry.versionNumber(of: "v1") == 1)
        #expect(ModelRegistry.versionNumber(of: "v10") == 10)
        for name in ["v0", "v01", "v", "V1", "v1a", "v-1", "current", "v١"] {
            #expect(ModelRegistry.versionNumber(of: name) == nil, "\(name)")
        }
    }

    @Test("currentVersion() is nil when current is absent or dangling")
    func currentVersionAbsentOrDangling() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            #expect(registry.currentVersion() == nil)
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("current").path, withDestinationPath: "v9")
            #expect(registry.currentVersion() == nil)
            try registry.publish(SampleModel.artifacts(), makeCurrent: true)
            #expect(registry.currentVersion() == "v1")
        }
    }

    @Test("setCurrent rolls back to an earlier version and leaves no temporary link")
    func setCurrentRollsBack() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true)
            try registry.publish(SampleModel.artifacts(seed: 2), makeCurrent: true)
            try registry.setCurrent("v1")
            #expect(registry.currentVersion() == "v1")
            #expect(try FolderSurgery.entries(of: root) == ["current", "v1", "v2"])
            #expect(try ModelFolderReader.load(from: root.appendingPathComponent("current")).bias == SampleModel.artifacts(seed: 1).bias)
        }
    }

    @Test("setCurrent refuses a version that does not exist, or is not a version name, and leaves current unchanged")
    func setCurrentRefusesMissingVersion() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(), makeCurrent: true)
            let missing = try #require(throws: RegistryError.self) { try registry.setCurrent("v7") }
            guard case .versionNotFound("v7", _, ["v1"]) = missing else {
                Issue.record("expected versionNotFound, got \(missing)")
                return
            }
            #expect(missing.description.contains("v7") && missing.description.contains("v1"))
            let invalid = try #require(throws: RegistryError.self) { try registry.setCurrent("../v1") }
            guard case .invalidVersionName = invalid else {
                Issue.record("expected invalidVersionName, got \(invalid)")
                return
            }
            #expect(registry.currentVersion() == "v1")
        }
    }

    @Test("setCurrent refuses a damaged version and leaves current unchanged")
    func setCurrentRefusesDamagedVersion() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true)
            try registry.publish(SampleModel.artifacts(seed: 2), makeCurrent: false)
            try FolderSurgery.flipBit(in: "weights.f32", of: root.appendingPathComponent("v2"))

            let error = try #require(throws: RegistryError.self) { try registry.setCurrent("v2") }
            guard case .refusedDamagedVersion("v2", _, .digestMismatch(_, "weights.f32", _, _)) = error else {
                Issue.record("expected refusedDamagedVersion for weights.f32, got \(error)")
                return
            }
            #expect(error.description.contains("weights.f32"))
            #expect(registry.currentVersion() == "v1")
            #expect(try FolderSurgery.entries(of: root) == ["current", "v1", "v2"])
        }
    }

    @Test("a version folder whose manifest names another version is refused")
    func copiedVersionFolderIsRefused() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(), makeCurrent: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent("v1"), to: root.appendingPathComponent("v5"))
            let error = try #require(throws: RegistryError.self) { try registry.load(version: "v5") }
            guard case .versionNameMismatch("v5", _, "v1") = error else {
                Issue.record("expected versionNameMismatch, got \(error)")
                return
            }
            #expect(throws: RegistryError.self) { try registry.setCurrent("v5") }
            #expect(registry.currentVersion() == "v1")
        }
    }

    @Test("the registry creates its folder, and refuses a path that is a file")
    func registryFolder() throws {
        try TemporaryFolder.use { root in
            let nested = root.appendingPathComponent("a/b/models")
            _ = try ModelRegistry(directory: nested)
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: nested.path, isDirectory: &isDirectory) && isDirectory.boolValue)

            let file = root.appendingPathComponent("plain-file")
            try Data("x".utf8).write(to: file)
            #expect(throws: RegistryError.self) { try ModelRegistry(directory: file) }
        }
    }
}
