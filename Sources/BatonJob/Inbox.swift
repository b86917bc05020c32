import BatonCore
import BatonStore
import Foundation

/// A drop folder of export files for the nightly run: `INBOX/transcripts/` and `INBOX/ratings/`.
///
/// Each file is ingested once: a file whose SHA-256 the store has already recorded is skipped,
/// so re-delivered or renamed copies do nothing. Transcripts go first (ratings refer to them);
/// within a folder, files are taken in name order. Hidden files and unknown extensions are left
/// alone. Files are never moved or deleted: the exporter owns the folder.
public struct Inbox: Sendable {
    public let directory: URL
    static let extensions: Set<String> = ["csv", "jsonl", "ndjson", "json"]

    public init(directory: URL) { self.directory = directory }

    /// Ingests every new file; returns one report per file actually ingested.
    public func ingestNewFiles(into store: FeedbackStore, log: (String) -> Void) throws -> [IngestReport] {
        var reports: [IngestReport] = []
        for kind in ["transcripts", "ratings"] {
            for file in try files(in: directory.appendingPathComponent(kind)) {
                let digest = SHA256.hex(try Data(contentsOf: file))
                if try store.hasIngested(fileDigest: digest) { continue }
                let report = kind == "transcripts" ? try store.ingestTranscripts(fileAt: file) : try store.ingestRatings(fileAt: file)
                log("ingested \(kind) \(file.lastPathComponent): \(report.accepted) accepted, \(report.duplicates) duplicate, \(report.quarantined) quarantined")
                reports.append(report)
            }
        }
        return reports
    }

    private func files(in folder: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && Self.extensions.contains($0.pathExtension.lowercased()) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
