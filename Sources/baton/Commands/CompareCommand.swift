import BatonComparison
import BatonData
import BatonFeatures
import BatonFormat
import BatonHTMLReport
import BatonRegistry
import BatonStore
import Foundation

/// `baton compare A B [--data FILE.csv] [--html OUT.html] [--json]`: two versions on the same
/// labelled messages, with paired bootstrap intervals, McNemar's test, per-intent and tier changes.
enum CompareCommand {
    static let usage = "usage: baton compare A B [--data FILE.csv | --holdout-percent N] [--html OUT.html] [--json] [--bootstrap N] [--seed N]"

    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(
            raw, valueOptions: Locations.valueOptions.union(["data", "html", "holdout-percent", "bootstrap", "seed"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        let dataPath = arguments.option("data")
        let htmlPath = arguments.option("html")
        let holdoutPercent = try arguments.integer("holdout-percent", default: 10, range: 1...100)
        let samples = try arguments.integer("bootstrap", default: 2000, range: 0...100_000)
        let seed = try arguments.integer("seed", default: 1, range: 0...Int.max)
        try arguments.finish(maxPositionals: 2)
        guard arguments.positionals.count == 2 else { throw UsageError(usage) }
        let (nameA, nameB) = (arguments.positionals[0], arguments.positionals[1])

        let registry = try ModelRegistry(directory: locations.models)
        let modelA = try LoadedModel(artifacts: registry.load(version: resolve(nameA, registry)))
        let modelB = try LoadedModel(artifacts: registry.load(version: resolve(nameB, registry)))

        let messages: LabelledMessages
        if let dataPath {
            messages = try LabelledMessages.read(file: dataPath)
        } else {
            let holdout = try FeedbackStore(path: locations.store).collect(holdoutPercent: holdoutPercent).holdout
            messages = LabelledMessages(
                texts: holdout.map(\.text), intents: holdout.map(\.intent), skipped: 0,
                description: "holdout (\(holdoutPercent)%) of \(locations.store)")
        }
        guard !messages.texts.isEmpty else {
            throw UsageError("no labelled messages to compare on in \(messages.description); pass --data FILE.csv with text,intent columns")
        }
        Console.error("baton: comparing \(modelA.manifest.version) and \(modelB.manifest.version) on \(messages.texts.count) messages from \(messages.description)")

        let report = try VersionComparison.compare(
            a: predictions(modelA, messages.texts), b: predictions(modelB, messages.texts), trueIntents: messages.intents,
            bootstrapSamples: samples, seed: UInt64(seed))

        if let htmlPath {
            // Sample texts in the report are scrubbed of personal data, like the features are.
            let scrubber = PIIScrubber()
            let html = HTMLReport.comparison(
                report, trend: ModelTrend.points(registry), messages: messages.texts.map(scrubber.scrub),
                dataDescription: messages.description, generatedAt: HistoryEvent.timestamp(Date()))
            try Data(html.utf8).write(to: URL(fileURLWithPath: htmlPath), options: .atomic)
            Console.error("baton: wrote \(htmlPath)")
        }
        if json {
            Console.output(try JSONLine.encode(report))
        } else {
            Console.output(render(report, description: messages.description))
        }
        return .success
    }

    /// "current" names the current version; anything else must be a version name.
    static func resolve(_ name: String, _ registry: ModelRegistry) throws -> String {
        guard name == ModelRegistry.currentLinkName else { return name }
        guard let current = registry.currentVersion() else {
            throw UsageError("\(registry.directory.path) has no current version")
        }
        return current
    }

    static func predictions(_ model: LoadedModel, _ texts: [String]) -> VersionPredictions {
        VersionPredictions(
            version: model.manifest.version, intents: model.manifest.intents,
            probabilities: model.model.probabilities(for: model.vectorizer.transform(texts)), policy: model.manifest.tiers)
    }

    // MARK: - Text

    static func render(_ report: ComparisonReport, description: String) -> String {
        let a = report.a.version
        let b = report.b.version
        func pct(_ value: Double?) -> String { value.map(ReportText.percent) ?? "-" }
        func points(_ value: Double?) -> String { value.map { String(format: "%+.1f pts", $0 * 100) } ?? "-" }
        func interval(_ value: ComparisonReport.Interval) -> String {
            String(format: "[%+.1f, %+.1f]", value.lower * 100, value.upper * 100)
        }
        var lines = ["\(a) -> \(b) on \(report.rows) messages (\(description)); differences are \(b) − \(a)", ""]
        lines.append(
            "metric            " + a.leftPadded(9) + b.leftPadded(9) + "         Δ" + "   95% interval (pts)")
        for metric in report.metrics {
            let isRate = !["log-loss", "AURC"].contains(metric.name)
            let show: (Double?) -> String = isRate ? pct : { $0.map { String(format: "%.4f", $0) } ?? "-" }
            let delta = isRate ? points(metric.delta) : (metric.delta.map { String(format: "%+.4f", $0) } ?? "-")
            var bounds = ""
            if report.bootstrap.samples > 0, metric.name == "accuracy" { bounds = interval(report.bootstrap.accuracy) }
            if report.bootstrap.samples > 0, metric.name == "macro-F1" { bounds = interval(report.bootstrap.macroF1) }
            lines.append(
                metric.name.padding(toLength: 18, withPad: " ", startingAt: 0) + show(metric.a).leftPadded(9) + show(metric.b).leftPadded(9)
                    + delta.leftPadded(10) + "   " + bounds)
        }
        lines.append(
            "tiers 1/2/3       " + report.a.tierCounts.map(String.init).joined(separator: "/") + "  ->  "
                + report.b.tierCounts.map(String.init).joined(separator: "/"))
        let test = report.mcnemar
        let method =
            switch test.method {
            case .none: "no discordant messages"
            case .exactBinomial: "exact binomial"
            case .chiSquareContinuityCorrected: String(format: "chi-square %.2f", test.statistic ?? 0)
            }
        lines.append("")
        lines.append(
            "McNemar: \(test.b01) right only under \(b), \(test.b10) right only under \(a); \(method), p = \(String(format: "%.4g", test.pValue))")
        if report.bootstrap.samples > 0 {
            lines.append("bootstrap: \(report.bootstrap.samples) paired resamples, seed \(report.bootstrap.seed)")
        }

        let changed = report.perIntent.filter { $0.delta != 0 }
        lines.append("")
        if changed.isEmpty {
            lines.append("per-intent F1: no change")
        } else {
            let shown = changed.prefix(15)
            let width = max(36, (shown.map(\.intent.count).max() ?? 0) + 1)
            lines.append("per-intent F1, largest changes".padding(toLength: width + 2, withPad: " ", startingAt: 0) + a.leftPadded(8) + b.leftPadded(8) + "         Δ  support")
            for change in shown {
                lines.append(
                    "  " + change.intent.padding(toLength: width, withPad: " ", startingAt: 0) + pct(change.f1A).leftPadded(8)
                        + pct(change.f1B).leftPadded(8) + points(change.delta).leftPadded(10) + String(change.support).leftPadded(9))
            }
            if changed.count > 15 { lines.append("  … \(changed.count - 15) more (see --json or --html)") }
        }

        let moves = report.tierTransitions.filter { $0.from != $0.to }
        lines.append("")
        if moves.isEmpty {
            lines.append("tier transitions: no message changed tier")
        } else {
            lines.append("tier transitions (\(a) tier -> \(b) tier)")
            for move in moves {
                lines.append(
                    "  \(move.from) -> \(move.to): \(String(move.count).leftPadded(5)) messages (e.g. rows \(move.samples.map { String($0 + 1) }.joined(separator: ", ")))")
            }
        }

        if !report.thresholdChanges.isEmpty {
            lines.append("")
            lines.append("thresholds moved most (auto-resolve, review)")
            func threshold(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "never" }
            for group in report.thresholdChangeGroups.prefix(10) {
                let change = group.change
                let names = group.intents.count == 1 ? change.intent : "\(change.intent) and \(group.intents.count - 1) more (\(change.sourceB))"
                let moves = "\(threshold(change.autoResolveA)) -> \(threshold(change.autoResolveB))".padding(toLength: 18, withPad: " ", startingAt: 0)
                    + "\(threshold(change.reviewA)) -> \(threshold(change.reviewB))".padding(toLength: 18, withPad: " ", startingAt: 0)
                lines.append("  " + moves + names)
            }
        }
        lines.append("")
        lines.append("intents added: \(report.intentsAdded.isEmpty ? "none" : report.intentsAdded.joined(separator: ", "))")
        lines.append("intents removed: \(report.intentsRemoved.isEmpty ? "none" : report.intentsRemoved.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
