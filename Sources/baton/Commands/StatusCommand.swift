import BatonRegistry
import BatonStore
import Foundation

/// `baton status`: what the store holds, what was quarantined and why, and the current version.
enum StatusCommand {
    struct Output: Codable {
        var store: String
        var counts: StoreCounts
        var currentVersion: String?
        var quarantine: [QuarantinedRow]
    }

    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["limit"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        let limit = try arguments.integer("limit", default: 20, range: 0...100_000)
        try arguments.finish(maxPositionals: 0)
        let store = try FeedbackStore(path: locations.store)
        let output = Output(
            store: locations.store, counts: try store.counts(), currentVersion: try ModelRegistry(directory: locations.models).currentVersion(),
            quarantine: try store.quarantinedRows(limit: limit))
        if json {
            Console.output(try JSONLine.encode(output))
            return .success
        }
        let c = output.counts
        Console.output("store \(output.store): \(c.conversations) conversations (\(c.labelled) labelled), \(c.ratings) ratings, \(c.quarantined) quarantined rows, \(c.runs) runs")
        Console.output("current model: \(output.currentVersion ?? "none")")
        for row in output.quarantine {
            Console.output("  quarantined \(row.kind) \(row.sourceFile):\(row.line): \(row.reason)")
        }
        return .success
    }
}
