import BatonFormat
import BatonModel
import Foundation
import Glibc

/// A models folder laid out as the nightly job lays it out: `v1/`, `v2/`, … and `current`
/// moved by `symlink` + `rename`, so that tests exercise the router on real files.
struct ModelsFolder {
    let root: URL

    func folder(_ version: String) -> URL { root.appendingPathComponent(version, isDirectory: true) }

    /// Writes a version folder (the manifest names `version`).
    @discardableResult
    func write(_ version: String, seed: Int = 1, tiers: TierPolicy = TierPolicy(), temperature: Double = 1) throws -> URL {
        let url = folder(version)
        try ModelFolderWriter.write(TinyModel.artifacts(version: version, seed: seed, tiers: tiers, temperature: temperature), to: url)
        return url
    }

    /// Points `current` at `version` atomically, as the registry does.
    func point(at version: String) throws {
        let temporary = root.appendingPathComponent(".current.tmp").path
        unlink(temporary)
        guard symlink(version, temporary) == 0, rename(temporary, root.appendingPathComponent("current").path) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    func bytes(of file: String, in version: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder(version).appendingPathComponent(file)))
    }

    func replace(_ file: String, in version: String, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder(version).appendingPathComponent(file))
    }

    /// Flips one bit in the middle of a file; its size stays the same.
    func flipBit(in file: String, of version: String) throws {
        var content = try bytes(of: file, in: version)
        content[content.count / 2] ^= 0x10
        try replace(file, in: version, with: content)
    }
}
