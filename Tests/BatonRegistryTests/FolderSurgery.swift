import BatonCore
import BatonFormat
import Foundation

/// Damages or edits a written model folder the way a bad disk, a bad copy or a careless hand would.
enum FolderSurgery {
    static func bytes(of file: String, in folder: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(file)))
    }

    static func replace(_ file: String, in folder: URL, with bytes: [UInt8]) throws {
        try Data(bytes).write(to: folder.appendingPathComponent(file))
    }

    /// Flips one bit in the middle of `file`; its size stays the same.
    static func flipBit(in file: String, of folder: URL) throws {
        var content = try bytes(of: file, in: folder)
        content[content.count / 2] ^= 0x10
        try replace(file, in: folder, with: content)
    }

    static func readManifest(in folder: URL) throws -> ModelManifest {
        try JSONDecoder().decode(ModelManifest.self, from: Data(bytes(of: "manifest.json", in: folder)))
    }

    static func editManifest(in folder: URL, _ change: (inout ModelManifest) -> Void) throws {
        var manifest = try readManifest(in: folder)
        change(&manifest)
        try replace("manifest.json", in: folder, with: ModelFolderWriter.manifestJSON(manifest))
    }

    /// Replaces a file and records its new size and digest in the manifest, so that only the
    /// reader's content checks can catch what is wrong with it.
    static func replaceListed(_ file: String, in folder: URL, with content: [UInt8]) throws {
        try replace(file, in: folder, with: content)
        try editManifest(in: folder) {
            $0.files[file] = ModelManifest.FileDigest(bytes: content.count, sha256: SHA256.hex(content))
        }
    }

    /// Edits manifest.json as untyped JSON, to write what the typed manifest cannot express.
    static func editManifestJSON(in folder: URL, _ change: (inout [String: Any]) -> Void) throws {
        let data = Data(try bytes(of: "manifest.json", in: folder))
        guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: folder.appendingPathComponent("manifest.json"))
    }

    static func entries(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    static func float32LittleEndian(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> UInt32(8 * $0)) } }
    }
}
