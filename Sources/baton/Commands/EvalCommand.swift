import BatonData
import BatonEvaluation
import BatonFormat
import BatonRegistry
import Foundation

/// `baton eval [VERSION] --data FILE.csv [--json]`: a published version on any labelled file.
enum EvalCommand {
    struct Output: Codable {
        var version: String
        var data: String
        /// Rows of the file that could not be used (malformed, or without an intent).
        var skippedRows: Int
        var report: EvaluationReport
    }

    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["data"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        guard let data = arguments.option("data") else { throw UsageError("--data FILE.csv is required (a labelled file with text,intent)") }
        try arguments.finish(maxPositionals: 1)
        let registry = try ModelRegistry(directory: locations.models)
        guard let version = arguments.positionals.first ?? registry.currentVersion() else {
            throw UsageError("no version given and \(locations.models.path) has no current version; run `baton retrain` first")
        }
        let loaded = try LoadedModel(artifacts: registry.load(version: version))

        var texts: [String] = []
        var intents: [String] = []
        var skipped = 0
        for row in try TranscriptFile.read(at: URL(fileURLWithPath: data)) {
            switch row {
            case .record(let record, _, _):
                guard let intent = record.finalIntent else {
                    skipped += 1
                    continue
                }
                texts.append(record.text)
                intents.append(intent)
            case .malformed(let line, _, let reason):
                skipped += 1
                Console.error("baton: \(data):\(line): skipped: \(reason)")
            }
        }
        let matrix = loaded.vectorizer.transform(texts)
        let report = Evaluator.evaluate(
            probabilities: loaded.model.probabilities(for: matrix), trueIntents: intents, intents: loaded.manifest.intents)
        if json {
            // Top-level metric keys for scripts, with the full report beside them.
            Console.output(try JSONLine.encode(FlatOutput(output: Output(version: version, data: data, skippedRows: skipped, report: report))))
        } else {
            Console.output(ReportText.render(version: version, report: report, skipped: skipped))
        }
        return .success
    }

    /// `{"version", "rows", "accuracy", "macroF1", "logLoss", ..., "report": {...}}`.
    struct FlatOutput: Encodable {
        let output: Output
        enum Keys: String, CodingKey { case version, data, skippedRows, rows, accuracy, macroF1, logLoss, report }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(output.version, forKey: .version)
            try container.encode(output.data, forKey: .data)
            try container.encode(output.skippedRows, forKey: .skippedRows)
            try container.encode(output.report.rows, forKey: .rows)
            try container.encode(output.report.accuracy, forKey: .accuracy)
            try container.encode(output.report.macroF1, forKey: .macroF1)
            try container.encode(output.report.logLoss, forKey: .logLoss)
            try container.encode(output.report, forKey: .report)
        }
    }
}

/// Human-readable evaluation report.
enum ReportText {
    static func render(version: String, report: EvaluationReport, skipped: Int) -> String {
        var lines = [
            "version \(version): \(report.rows) messages\(skipped > 0 ? " (\(skipped) rows skipped)" : "")",
            "accuracy \(percent(report.accuracy))   macro-F1 \(percent(report.macroF1))   log-loss \(String(format: "%.4f", report.logLoss))",
            "",
            "intent                               precision  recall      F1  support",
        ]
        for score in report.perIntent.sorted(by: { ($0.f1, $0.intent) < ($1.f1, $1.intent) }) {
            lines.append(
                score.intent.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + " " + [percent(score.precision), percent(score.recall), percent(score.f1)].map { $0.leftPadded(9) }.joined(separator: " ")
                    + String(score.support).leftPadded(9))
        }
        if !report.confusedPairs.isEmpty {
            lines += ["", "most confused (true -> predicted)"]
            for pair in report.confusedPairs { lines.append("  \(pair.count.description.leftPadded(4))  \(pair.actual) -> \(pair.predicted)") }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
