import BatonData
import BatonEvaluation
import BatonComparison
import BatonFormat
import BatonHTMLReport
import BatonJob
import BatonRegistry
import Foundation

/// `baton eval [VERSION] --data FILE.csv [--json]`: a published version on any labelled file.
enum EvalCommand {
    struct Output: Codable {
        var version: String
        var data: String
        /// Rows of the file that could not be used (malformed, or without an intent).
        var skippedRows: Int
        var report: HoldoutReport
    }

    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["data", "html"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        let html = arguments.option("html")
        guard let data = arguments.option("data") else { throw UsageError("--data FILE.csv is required (a labelled file with text,intent)") }
        try arguments.finish(maxPositionals: 1)
        let registry = try ModelRegistry(directory: locations.models)
        guard let version = arguments.positionals.first ?? registry.currentVersion() else {
            throw UsageError("no version given and \(locations.models.path) has no current version; run `baton retrain` first")
        }
        let loaded = try LoadedModel(artifacts: registry.load(version: version))

        let messages = try LabelledMessages.read(file: data)
        let (texts, intents, skipped) = (messages.texts, messages.intents, messages.skipped)
        let matrix = loaded.vectorizer.transform(texts)
        var raw = loaded.model
        raw.temperature = 1
        let probabilities = loaded.model.probabilities(for: matrix)
        let report = HoldoutReport.make(
            rawProbabilities: raw.probabilities(for: matrix), calibratedProbabilities: probabilities,
            trueIntents: intents, intents: loaded.manifest.intents, temperature: loaded.model.temperature,
            policy: loaded.manifest.tiers, feedbackReplay: [])
        if let html {
            let predictions = VersionPredictions(
                version: version, intents: loaded.manifest.intents, probabilities: probabilities,
                policy: loaded.manifest.tiers)
            let page = HTMLReport.evaluation(
                try VersionEvaluation.evaluate(predictions, trueIntents: intents), trend: ModelTrend.points(registry),
                dataDescription: data, generatedAt: UTCTimestamp.string(from: Date()))
            try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            Console.error("baton: wrote \(html)")
        }
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
        enum Keys: String, CodingKey {
            case version, data, skippedRows, rows, accuracy, macroF1, logLoss, eceBeforeCalibration, eceAfterCalibration
            case tier1Precision, tier1Coverage, globalTier1Precision, globalTier1Coverage, report
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(output.version, forKey: .version)
            try container.encode(output.data, forKey: .data)
            try container.encode(output.skippedRows, forKey: .skippedRows)
            let evaluation = output.report.evaluation
            try container.encode(evaluation.rows, forKey: .rows)
            try container.encode(evaluation.accuracy, forKey: .accuracy)
            try container.encode(evaluation.macroF1, forKey: .macroF1)
            try container.encode(evaluation.logLoss, forKey: .logLoss)
            try container.encode(output.report.eceBeforeCalibration, forKey: .eceBeforeCalibration)
            try container.encode(output.report.eceAfterCalibration, forKey: .eceAfterCalibration)
            try container.encodeIfPresent(output.report.tiers.tier1Precision, forKey: .tier1Precision)
            try container.encode(output.report.tiers.tier1Coverage, forKey: .tier1Coverage)
            try container.encodeIfPresent(output.report.tiers.globalTier1Precision, forKey: .globalTier1Precision)
            try container.encode(output.report.tiers.globalTier1Coverage, forKey: .globalTier1Coverage)
            try container.encode(output.report, forKey: .report)
        }
    }
}

/// Human-readable evaluation report.
enum ReportText {
    static func render(version: String, report holdout: HoldoutReport, skipped: Int) -> String {
        let report = holdout.evaluation
        let tiers = holdout.tiers
        func optionalPercent(_ value: Double?) -> String { value.map(percent) ?? "-" }
        var lines = [
            "version \(version): \(report.rows) messages\(skipped > 0 ? " (\(skipped) rows skipped)" : "")",
            "accuracy \(percent(report.accuracy))   macro-F1 \(percent(report.macroF1))   log-loss \(String(format: "%.4f", report.logLoss))",
            "calibration: temperature \(String(format: "%.3f", holdout.temperature)), ECE \(String(format: "%.4f", holdout.eceBeforeCalibration)) uncalibrated -> \(String(format: "%.4f", holdout.eceAfterCalibration)) calibrated",
            "tiers: 1 \(percent(tiers.tier1Share))  2 \(percent(tiers.tier2Share))  3 \(percent(tiers.tier3Share))",
            "tier 1 (auto-resolved): precision \(optionalPercent(tiers.tier1Precision)) at coverage \(percent(tiers.tier1Coverage)); one global \(tiers.globalThreshold) threshold: precision \(optionalPercent(tiers.globalTier1Precision)) at coverage \(percent(tiers.globalTier1Coverage))",
            "worst 10% of intents, mean tier-1 precision: \(optionalPercent(tiers.worstDecileTier1Precision)) per-intent thresholds vs \(optionalPercent(tiers.matchedGlobalWorstDecileTier1Precision)) one global threshold at the same coverage",
            "",
            "intent                               precision  recall      F1  support   auto  review  evidence source",
        ]
        let thresholds = Dictionary(tiers.perIntent.map { ($0.intent, $0) }, uniquingKeysWith: { first, _ in first })
        func threshold(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "never" }
        for score in report.perIntent.sorted(by: { ($0.f1, $0.intent) < ($1.f1, $1.intent) }) {
            let row = thresholds[score.intent]
            lines.append(
                score.intent.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + " " + [percent(score.precision), percent(score.recall), percent(score.f1)].map { $0.leftPadded(9) }.joined(separator: " ")
                    + String(score.support).leftPadded(9)
                    + (row.map {
                        threshold($0.autoResolveThreshold).leftPadded(7) + threshold($0.reviewThreshold).leftPadded(8)
                            + String($0.evidence).leftPadded(10) + " " + $0.source
                    } ?? ""))
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
