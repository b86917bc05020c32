import Foundation

/// A real folder under the system's temporary directory, removed when the body returns.
struct TemporaryFolder {
    let url: URL

    /// Runs `body` with a fresh, empty folder and removes the folder afterwards.
    static func with<Result>(_ body: (TemporaryFolder) throws -> Result) throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baton-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(TemporaryFolder(url: url))
    }

    /// The path of a store file in this folder (not created yet).
    func storePath(_ name: String = "feedback.sqlite") -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` (UTF-8) to a file in the folder and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}
