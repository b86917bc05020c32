import BatonStore
import Foundation

/// `baton demo`: builds a store from the demo corpus, so that `baton retrain` has data.
///
/// Ingests `transcripts.csv`, `ratings.csv` and `bad-rows.csv` (which shows the quarantine).
/// `ratings-next.jsonl` is left for the user: ingesting it is what makes the next run publish
/// a new version. An existing store is kept unless `--force`.
enum DemoCommand {
    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["from"]))
        let locations = Locations(&arguments)
        let folder = URL(fileURLWithPath: arguments.option("from") ?? "datasets/demo")
        let force = arguments.flag("force")
        try arguments.finish(maxPositionals: 0)
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: locations.store) {
            guard force else {
                Console.error("baton: demo store \(locations.store) already exists; keeping it (use --force to rebuild it)")
                return .success
            }
            for suffix in ["", "-wal", "-shm"] { try? fileManager.removeItem(atPath: locations.store + suffix) }
        }
        let plan = [("transcripts", "transcripts.csv"), ("ratings", "ratings.csv"), ("transcripts", "bad-rows.csv")]
        for (_, name) in plan where !fileManager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            throw UsageError("the demo corpus is missing \(folder.appendingPathComponent(name).path); run from the repository root or pass --from DIR")
        }
        let store = try FeedbackStore(path: locations.store)
        for (kind, name) in plan {
            let url = folder.appendingPathComponent(name)
            let report = kind == "transcripts" ? try store.ingestTranscripts(fileAt: url) : try store.ingestRatings(fileAt: url)
            Console.error(
                "baton: demo: \(name): read \(report.rowsRead), accepted \(report.accepted), duplicates \(report.duplicates), quarantined \(report.quarantined)")
        }
        Console.error("baton: demo store ready at \(locations.store); next: baton retrain")
        return .success
    }
}
