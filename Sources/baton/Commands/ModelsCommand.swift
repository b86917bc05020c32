import BatonFormat
import BatonRegistry
import Foundation

/// `baton models list`: one row per published version.
enum ModelsCommand {
    struct Row: Codable {
        var version: String
        var current: Bool
        var createdAt: String
        var parentVersion: String?
        var trainRows: Int
        var intents: Int
        var features: Int
        var accuracy: Double
        var macroF1: Double
        var dataFingerprint: String
    }

    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions)
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        try arguments.finish(maxPositionals: 1)
        guard arguments.positionals.first == "list" else {
            throw UsageError("usage: baton models list [--json]")
        }
        let registry = try ModelRegistry(directory: locations.models)
        let current = registry.currentVersion()
        let rows = try registry.versions().map { version -> Row in
            let manifest = try registry.manifest(of: version)
            return Row(
                version: version, current: version == current, createdAt: manifest.createdAt,
                parentVersion: manifest.parentVersion, trainRows: manifest.rows.train, intents: manifest.intents.count,
                features: manifest.featureCount, accuracy: manifest.metrics.accuracy, macroF1: manifest.metrics.macroF1,
                dataFingerprint: manifest.dataFingerprint)
        }
        if json {
            for row in rows { Console.output(try JSONLine.encode(row)) }
            return .success
        }
        if rows.isEmpty {
            Console.output("no published versions in \(locations.models.path); run `baton retrain`")
            return .success
        }
        Console.output("   version  created               parent  train rows  intents  macro-F1  accuracy  data")
        for row in rows {
            Console.output(
                [
                    (row.current ? "*" : " ") + row.version.leftPadded(9), row.createdAt.padding(toLength: 20, withPad: " ", startingAt: 0),
                    (row.parentVersion ?? "-").leftPadded(6), String(row.trainRows).leftPadded(10), String(row.intents).leftPadded(7),
                    ReportText.percent(row.macroF1).leftPadded(8), ReportText.percent(row.accuracy).leftPadded(8),
                    String(row.dataFingerprint.prefix(12)),
                ].joined(separator: "  "))
        }
        return .success
    }
}
