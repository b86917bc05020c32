import BatonComparison
import BatonEvaluation

/// Self-contained HTML reports: one file with inline CSS and inline SVG charts, no scripts and
/// no external resources, so it can be mailed, attached to a ticket or opened offline, and
/// shows the same thing everywhere. Every name and text from the data is escaped.
public enum HTMLReport {
    /// The comparison of two versions on the same messages.
    ///
    /// - Parameters:
    ///   - report: from ``BatonComparison/VersionComparison/compare(a:b:trueIntents:bootstrapSamples:seed:)``.
    ///   - trend: every published version's manifest metrics, oldest first (may be empty).
    ///   - messages: the texts of the messages (same order), to show samples of tier moves; pass
    ///     them scrubbed of personal data, or nil to show row numbers only.
    ///   - dataDescription: where the messages came from ("holdout of baton.sqlite", a file name).
    ///   - generatedAt: an ISO 8601 timestamp shown in the header.
    public static func comparison(
        _ report: ComparisonReport, trend: [VersionTrendPoint] = [], messages: [String]? = nil, dataDescription: String? = nil,
        generatedAt: String? = nil
    ) -> String {
        let a = report.a.version
        let b = report.b.version
        var body: [String] = []
        body.append("<h1>Model comparison: \(HTMLText.escape(a)) → \(HTMLText.escape(b))</h1>")
        body.append(meta(rows: report.rows, dataDescription: dataDescription, generatedAt: generatedAt))
        body.append(#"<p><span class="swatch" style="background:\#(ReportStyle.colorA)"></span>A = \#(HTMLText.escape(a)) (compared against)<span class="swatch" style="background:\#(ReportStyle.colorB)"></span>B = \#(HTMLText.escape(b)) (candidate). Differences are B − A.</p>"#)

        body.append("<h2>Summary</h2>")
        body.append("<p>\(headline(report))</p>")
        body.append(summaryTable(report))
        body.append(mcnemarParagraph(report))

        body.append("<h2>Calibration and selective risk</h2>")
        body.append(#"<div class="grid">"#)
        body.append(chartBox(ReliabilityChart.render(report.a.reliability, version: a, color: ReportStyle.colorA)))
        body.append(chartBox(ReliabilityChart.render(report.b.reliability, version: b, color: ReportStyle.colorB)))
        body.append(chartBox(RiskCoverageChart.render([series(report.a, color: ReportStyle.colorA, dashed: false), series(report.b, color: ReportStyle.colorB, dashed: true)])))
        if !trend.isEmpty { body.append(chartBox(TrendChart.render(trend, highlight: [a, b]))) }
        body.append("</div>")
        body.append(#"<p class="note">Reliability: bars are the share of messages answered correctly in each confidence bin, with the number of messages on top; bars below the dashed diagonal mean the version is over-confident there. Risk–coverage: answering the most confident messages first, the error rate among those answered; lower is better, and the dot marks where the tier-1 thresholds actually operate.</p>"#)

        body.append("<h2>Per-intent F1, sorted by change</h2>")
        let rows = report.perIntent.sorted { ($0.delta, $0.intent) < ($1.delta, $1.intent) }.map {
            IntentF1Chart.Row(intent: $0.intent, support: $0.support, values: [$0.f1A, $0.f1B], delta: $0.delta)
        }
        body.append(chartBox(IntentF1Chart.render(rows, versions: [a, b], colors: [ReportStyle.colorA, ReportStyle.colorB], title: "F1 per intent (largest loss first)")))

        body.append("<h2>Tier transitions</h2>")
        body.append(transitionMatrix(report))
        body.append(transitionSamples(report, messages: messages))

        body.append("<h2>Confusions that changed</h2>")
        body.append(confusionTable(report))

        body.append("<h2>Threshold changes</h2>")
        body.append(thresholdTable(report))

        body.append("<h2>Intents added and removed</h2>")
        body.append(
            "<p>Added in \(HTMLText.escape(b)): \(list(report.intentsAdded))<br>Removed in \(HTMLText.escape(b)): \(list(report.intentsRemoved))</p>")
        return page(title: "Baton: \(a) vs \(b)", body: body)
    }

    /// One version evaluated on a labelled data set.
    public static func evaluation(
        _ evaluation: VersionEvaluation, trend: [VersionTrendPoint] = [], dataDescription: String? = nil, generatedAt: String? = nil
    ) -> String {
        let version = evaluation.version
        let report = evaluation.report
        var body: [String] = []
        body.append("<h1>Model evaluation: \(HTMLText.escape(version))</h1>")
        body.append(meta(rows: report.rows, dataDescription: dataDescription, generatedAt: generatedAt))
        body.append("<h2>Summary</h2>")
        var table = [#"<table><tr><th class="name">metric</th><th>\#(HTMLText.escape(version))</th></tr>"#]
        let lines: [(String, String)] = [
            ("messages", String(report.rows)),
            ("accuracy", HTMLText.percent(report.accuracy)),
            ("macro-F1", HTMLText.percent(report.macroF1)),
            ("log-loss", HTMLText.number(report.logLoss, digits: 4)),
            ("tier-1 precision", HTMLText.percent(evaluation.tier1Precision)),
            ("tier-1 coverage", HTMLText.percent(evaluation.tier1Coverage)),
            ("messages in tier 1 / 2 / 3", evaluation.tierCounts.map(String.init).joined(separator: " / ")),
            ("ECE (15 bins)", HTMLText.percent(evaluation.reliability.expectedCalibrationError)),
            ("AURC", HTMLText.number(evaluation.riskCoverage.areaUnderCurve, digits: 4)),
            ("rows with an intent the model does not know", String(report.unknownIntentRows)),
        ]
        for (name, value) in lines { table.append(#"<tr><td class="name">\#(name)</td><td>\#(value)</td></tr>"#) }
        table.append("</table>")
        body.append(table.joined(separator: "\n"))

        body.append("<h2>Calibration and selective risk</h2>")
        body.append(#"<div class="grid">"#)
        body.append(chartBox(ReliabilityChart.render(evaluation.reliability, version: version, color: ReportStyle.colorA)))
        body.append(chartBox(RiskCoverageChart.render([series(evaluation, color: ReportStyle.colorA, dashed: false)])))
        if !trend.isEmpty { body.append(chartBox(TrendChart.render(trend, highlight: [version]))) }
        body.append("</div>")

        body.append("<h2>Per-intent F1, weakest first</h2>")
        let rows = report.perIntent.sorted { ($0.f1, $0.intent) < ($1.f1, $1.intent) }.map {
            IntentF1Chart.Row(intent: $0.intent, support: $0.support, values: [$0.f1], delta: nil)
        }
        body.append(chartBox(IntentF1Chart.render(rows, versions: [version], colors: [ReportStyle.colorA], title: "F1 per intent")))

        body.append("<h2>Most confused pairs</h2>")
        if report.confusedPairs.isEmpty {
            body.append("<p>No confusions.</p>")
        } else {
            var confusions = [#"<table><tr><th class="name">true intent</th><th class="name">predicted</th><th>messages</th></tr>"#]
            for pair in report.confusedPairs {
                confusions.append(
                    #"<tr><td class="name">\#(HTMLText.escape(pair.actual))</td><td class="name">\#(HTMLText.escape(pair.predicted))</td><td>\#(pair.count)</td></tr>"#)
            }
            confusions.append("</table>")
            body.append(confusions.joined(separator: "\n"))
        }
        return page(title: "Baton: \(version) evaluation", body: body)
    }

    // MARK: - Pieces

    static func page(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static func meta(rows: Int, dataDescription: String?, generatedAt: String?) -> String {
        var parts = ["\(rows) labelled messages"]
        if let dataDescription { parts.append("data: \(HTMLText.escape(dataDescription))") }
        if let generatedAt { parts.append("generated \(HTMLText.escape(generatedAt))") }
        return #"<p class="meta">\#(parts.joined(separator: " · "))</p>"#
    }

    static func chartBox(_ svg: String) -> String { #"<div class="chart">\#(svg)</div>"# }

    static func series(_ evaluation: VersionEvaluation, color: String, dashed: Bool) -> RiskCoverageChart.Series {
        RiskCoverageChart.Series(
            version: evaluation.version, curve: evaluation.riskCoverage, color: color, dashed: dashed,
            operatingPoint: evaluation.tier1Precision.map { (evaluation.tier1Coverage, 1 - $0) })
    }

    static func list(_ intents: [String]) -> String {
        intents.isEmpty ? "none" : intents.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: ", ")
    }

    /// One sentence: is B better, worse, or indistinguishable, and how sure are we.
    static func headline(_ report: ComparisonReport) -> String {
        let interval = report.bootstrap.macroF1
        let b = HTMLText.escape(report.b.version)
        let a = HTMLText.escape(report.a.version)
        let significant = report.mcnemar.pValue < 0.05
        let direction: String
        if report.mcnemar.b01 == report.mcnemar.b10 {
            direction = "\(b) and \(a) make the same number of errors"
        } else if report.mcnemar.b01 > report.mcnemar.b10 {
            direction = significant ? "\(b) makes significantly fewer errors than \(a)" : "\(b) makes fewer errors, but not significantly"
        } else {
            direction = significant ? "\(b) makes significantly more errors than \(a)" : "\(b) makes more errors, but not significantly"
        }
        var sentence = "Macro-F1 \(HTMLText.points(interval.estimate)) points"
        if report.bootstrap.samples > 0 {
            sentence += " (95% interval \(HTMLText.points(interval.lower)) to \(HTMLText.points(interval.upper)))"
        }
        return sentence + "; McNemar p = \(HTMLText.pValue(report.mcnemar.pValue)): \(direction)."
    }

    static func summaryTable(_ report: ComparisonReport) -> String {
        var rows = [
            #"<table><tr><th class="name">metric</th><th>\#(HTMLText.escape(report.a.version))</th><th>\#(HTMLText.escape(report.b.version))</th><th>Δ (B − A)</th><th>95% bootstrap interval of Δ</th></tr>"#
        ]
        for metric in report.metrics {
            let isRate = !["log-loss", "AURC"].contains(metric.name)
            func show(_ value: Double?) -> String { isRate ? HTMLText.percent(value) : HTMLText.number(value, digits: 4) }
            let delta = isRate ? HTMLText.points(metric.delta) + (metric.delta == nil ? "" : " pts") : HTMLText.number(metric.delta, digits: 4)
            var deltaClass = ""
            // Coloured only when the shown (rounded) difference is not zero.
            if let value = metric.delta, abs(value) >= (isRate ? 0.0005 : 0.00005) {
                deltaClass = (value > 0) == metric.higherIsBetter ? " class=\"better\"" : " class=\"worse\""
            }
            var interval = ""
            if report.bootstrap.samples > 0 {
                if metric.name == "accuracy" { interval = intervalText(report.bootstrap.accuracy) }
                if metric.name == "macro-F1" { interval = intervalText(report.bootstrap.macroF1) }
            }
            rows.append(
                #"<tr><td class="name">\#(metric.name)</td><td>\#(show(metric.a))</td><td>\#(show(metric.b))</td><td\#(deltaClass)>\#(delta)</td><td>\#(interval)</td></tr>"#)
        }
        rows.append(
            #"<tr><td class="name">messages in tier 1 / 2 / 3</td><td>\#(report.a.tierCounts.map(String.init).joined(separator: " / "))</td><td>\#(report.b.tierCounts.map(String.init).joined(separator: " / "))</td><td></td><td></td></tr>"#)
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    static func intervalText(_ interval: ComparisonReport.Interval) -> String {
        "\(HTMLText.points(interval.lower)) to \(HTMLText.points(interval.upper)) pts"
    }

    static func mcnemarParagraph(_ report: ComparisonReport) -> String {
        let test = report.mcnemar
        let method: String
        switch test.method {
        case .none: method = "no message is right under one version and wrong under the other"
        case .exactBinomial: method = "exact binomial test (fewer than 25 discordant messages)"
        case .chiSquareContinuityCorrected:
            method = "chi-square with continuity correction, χ² = \(HTMLText.number(test.statistic, digits: 2))"
        }
        return #"<p>McNemar's test on per-message correctness: \#(test.b01) messages right only under \#(HTMLText.escape(report.b.version)), \#(test.b10) right only under \#(HTMLText.escape(report.a.version)); \#(method); two-sided p = \#(HTMLText.pValue(test.pValue)). Bootstrap: \#(report.bootstrap.samples) paired resamples of the messages, seed \#(report.bootstrap.seed).</p>"#
    }

    static func transitionMatrix(_ report: ComparisonReport) -> String {
        var counts = [[Int]](repeating: [0, 0, 0], count: 3)
        for cell in report.tierTransitions where (1...3).contains(cell.from) && (1...3).contains(cell.to) {
            counts[cell.from - 1][cell.to - 1] = cell.count
        }
        let a = HTMLText.escape(report.a.version)
        let b = HTMLText.escape(report.b.version)
        var rows = [#"<table><tr><th class="name">tier under \#(a) ↓ / under \#(b) →</th><th>1 (bot resolves)</th><th>2 (review)</th><th>3 (handoff)</th></tr>"#]
        for from in 0..<3 {
            let cells = (0..<3).map { to -> String in
                let style = to == from ? #" style="color:#57606a""# : (counts[from][to] > 0 ? #" style="font-weight:600""# : "")
                return "<td\(style)>\(counts[from][to])</td>"
            }
            rows.append(#"<tr><td class="name">\#(from + 1)</td>\#(cells.joined())</tr>"#)
        }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    static func transitionSamples(_ report: ComparisonReport, messages: [String]?) -> String {
        let moves = report.tierTransitions.filter { $0.from != $0.to }
        guard !moves.isEmpty else { return "<p>No message changed tier.</p>" }
        var out: [String] = []
        for move in moves {
            out.append("<p><strong>tier \(move.from) → \(move.to)</strong>: \(move.count) message\(move.count == 1 ? "" : "s")</p>")
            out.append(#"<ul class="samples">"#)
            for row in move.samples {
                let text = messages.flatMap { row < $0.count ? $0[row] : nil }
                let shown = text.map { $0.count > 160 ? String($0.prefix(159)) + "…" : $0 }
                out.append("<li>row \(row + 1)\(shown.map { ": " + HTMLText.escape($0) } ?? "")</li>")
            }
            out.append("</ul>")
        }
        return out.joined(separator: "\n")
    }

    static func confusionTable(_ report: ComparisonReport) -> String {
        guard !report.confusionChanges.isEmpty else { return "<p>No confusion pair changed.</p>" }
        var rows = [
            #"<table><tr><th class="name">true intent</th><th class="name">predicted as</th><th>\#(HTMLText.escape(report.a.version))</th><th>\#(HTMLText.escape(report.b.version))</th><th>Δ</th></tr>"#
        ]
        for change in report.confusionChanges {
            let style = change.delta < 0 ? #" class="better""# : #" class="worse""#
            rows.append(
                #"<tr><td class="name">\#(HTMLText.escape(change.actual))</td><td class="name">\#(HTMLText.escape(change.predicted))</td><td>\#(change.countA)</td><td>\#(change.countB)</td><td\#(style)>\#(change.delta > 0 ? "+" : "−")\#(abs(change.delta))</td></tr>"#)
        }
        rows.append("</table>")
        return rows.joined(separator: "\n")
    }

    static func thresholdTable(_ report: ComparisonReport) -> String {
        guard !report.thresholdChanges.isEmpty else { return "<p>No threshold moved.</p>" }
        let a = HTMLText.escape(report.a.version)
        let b = HTMLText.escape(report.b.version)
        var rows = [
            #"<table><tr><th class="name">intent</th><th>auto-resolve \#(a)</th><th>auto-resolve \#(b)</th><th>review \#(a)</th><th>review \#(b)</th><th class="name">source \#(a) → \#(b)</th></tr>"#
        ]
        let groups = report.thresholdChangeGroups
        for group in groups.prefix(30) {
            let change = group.change
            func show(_ value: Double?) -> String { value.map { HTMLText.number($0, digits: 3) } ?? "never" }
            let names = group.intents.count <= 3
                ? group.intents.map(HTMLText.escape).joined(separator: ", ")
                : group.intents.prefix(3).map(HTMLText.escape).joined(separator: ", ") + " and \(group.intents.count - 3) more"
            rows.append(
                #"<tr><td class="name">\#(names)</td><td>\#(show(change.autoResolveA))</td><td>\#(show(change.autoResolveB))</td><td>\#(show(change.reviewA))</td><td>\#(show(change.reviewB))</td><td class="name">\#(HTMLText.escape(change.sourceA)) → \#(HTMLText.escape(change.sourceB))</td></tr>"#)
        }
        rows.append("</table>")
        if groups.count > 30 { rows.append("<p class=\"note\">\(groups.count - 30) smaller moves not shown.</p>") }
        return rows.joined(separator: "\n")
    }
}
