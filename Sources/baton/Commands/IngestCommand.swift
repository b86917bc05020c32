import BatonStore
import Foundation

/// `baton ingest transcripts|ratings FILE...`
enum IngestCommand {
    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions)
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        try arguments.finish(maxPositionals: Int.max)
        guard let kind = arguments.positionals.first, ["transcripts", "ratings"].contains(kind) else {
            throw UsageError("say what to ingest: `baton ingest transcripts FILE...` or `baton ingest ratings FILE...`")
        }
        let files = arguments.positionals.dropFirst()
        guard !files.isEmpty else { throw UsageError("name at least one file to ingest") }
        let store = try FeedbackStore(path: locations.store)
        for file in files {
            let url = URL(fileURLWithPath: file)
            let report = kind == "transcripts" ? try store.ingestTranscripts(fileAt: url) : try store.ingestRatings(fileAt: url)
            if json {
                Console.output(try JSONLine.encode(report))
            } else {
                let again = report.previouslyIngested ? " (this file was ingested before)" : ""
                Console.output(
                    "\(file): read \(report.rowsRead), accepted \(report.accepted), duplicates \(report.duplicates), quarantined \(report.quarantined)\(again)")
            }
        }
        return .success
    }
}
