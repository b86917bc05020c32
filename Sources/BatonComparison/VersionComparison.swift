import BatonModel

/// Compares two model versions on the same labelled messages.
public enum VersionComparison {
    /// Most sample message indices kept per tier transition.
    public static let transitionSamples = 5
    /// Most changed confusion pairs kept.
    public static let confusionChangeLimit = 30

    /// Evaluates both versions on the same messages and measures every difference (B − A).
    ///
    /// - Parameters:
    ///   - a: the version compared against (usually `current`).
    ///   - b: the candidate, scored on the same messages in the same order.
    ///   - trueIntents: one label per message.
    ///   - bootstrapSamples: resamples for the paired bootstrap intervals (0 skips them).
    ///   - seed: the resampling seed; the same seed gives the same intervals.
    public static func compare(
        a: VersionPredictions, b: VersionPredictions, trueIntents: [String], bootstrapSamples: Int = 2000, seed: UInt64 = 1
    ) throws(ComparisonError) -> ComparisonReport {
        let n = trueIntents.count
        guard n > 0 else { throw .noMessages }
        guard a.messageCount == b.messageCount || a.intents.isEmpty || b.intents.isEmpty else {
            throw .differentMessageCounts(a: a.version, aMessages: a.messageCount, b: b.version, bMessages: b.messageCount)
        }
        try a.validate(messages: n)
        try b.validate(messages: n)

        let scoredA = ScoredMessages(a, trueIntents: trueIntents)
        let scoredB = ScoredMessages(b, trueIntents: trueIntents)
        let evaluationA = VersionEvaluation(a, trueIntents: trueIntents, scored: scoredA)
        let evaluationB = VersionEvaluation(b, trueIntents: trueIntents, scored: scoredB)

        var labelIndex: [String: Int] = [:]
        func index(_ label: String) -> Int {
            if let known = labelIndex[label] { return known }
            let next = labelIndex.count
            labelIndex[label] = next
            return next
        }
        let truth = trueIntents.map(index)
        let labelsA = scoredA.predicted.map(index)
        let labelsB = scoredB.predicted.map(index)
        let intervals = PairedBootstrap.intervals(
            .init(truth: truth, a: labelsA, b: labelsB, labelCount: labelIndex.count), samples: max(bootstrapSamples, 0), seed: seed)

        let knownA = Set(a.intents)
        let knownB = Set(b.intents)
        return ComparisonReport(
            rows: n, a: evaluationA, b: evaluationB,
            metrics: metricRows(evaluationA, evaluationB),
            bootstrap: .init(samples: max(bootstrapSamples, 0), seed: seed, accuracy: intervals.accuracy, macroF1: intervals.macroF1),
            mcnemar: McNemarTest(aCorrect: scoredA.correct, bCorrect: scoredB.correct),
            perIntent: intentChanges(evaluationA, evaluationB),
            thresholdChanges: thresholdChanges(a.policy, b.policy, intents: knownA.union(knownB)),
            tierTransitions: tierTransitions(scoredA.tier, scoredB.tier),
            confusionChanges: confusionChanges(trueIntents, scoredA.predicted, scoredB.predicted),
            intentsAdded: knownB.subtracting(knownA).sorted(),
            intentsRemoved: knownA.subtracting(knownB).sorted())
    }

    static func metricRows(_ a: VersionEvaluation, _ b: VersionEvaluation) -> [ComparisonReport.MetricRow] {
        func row(_ name: String, _ x: Double?, _ y: Double?, higherIsBetter: Bool = true) -> ComparisonReport.MetricRow {
            let delta: Double? = if let x, let y { y - x } else { nil }
            return .init(name: name, a: x, b: y, delta: delta, higherIsBetter: higherIsBetter)
        }
        return [
            row("accuracy", a.report.accuracy, b.report.accuracy),
            row("macro-F1", a.report.macroF1, b.report.macroF1),
            row("log-loss", a.report.logLoss, b.report.logLoss, higherIsBetter: false),
            row("tier-1 precision", a.tier1Precision, b.tier1Precision),
            row("tier-1 coverage", a.tier1Coverage, b.tier1Coverage),
            row("ECE", a.reliability.expectedCalibrationError, b.reliability.expectedCalibrationError, higherIsBetter: false),
            row("AURC", a.riskCoverage.areaUnderCurve, b.riskCoverage.areaUnderCurve, higherIsBetter: false),
        ]
    }

    static func intentChanges(_ a: VersionEvaluation, _ b: VersionEvaluation) -> [ComparisonReport.IntentChange] {
        let scoresA = Dictionary(a.report.perIntent.map { ($0.intent, $0) }, uniquingKeysWith: { first, _ in first })
        let scoresB = Dictionary(b.report.perIntent.map { ($0.intent, $0) }, uniquingKeysWith: { first, _ in first })
        return Set(scoresA.keys).union(scoresB.keys).map { intent in
            let f1A = scoresA[intent]?.f1
            let f1B = scoresB[intent]?.f1
            return ComparisonReport.IntentChange(
                intent: intent, support: scoresA[intent]?.support ?? scoresB[intent]?.support ?? 0, f1A: f1A, f1B: f1B,
                delta: (f1B ?? 0) - (f1A ?? 0))
        }
        .sorted { (abs($0.delta), $1.intent) > (abs($1.delta), $0.intent) }
    }

    static func thresholdChanges(_ a: TierPolicy, _ b: TierPolicy, intents: Set<String>) -> [ComparisonReport.ThresholdChange] {
        func move(_ x: Double?, _ y: Double?) -> Double {
            switch (x, y) {
            case (nil, nil): return 0
            case (let x?, let y?): return abs(y - x)
            default: return 1
            }
        }
        return intents.compactMap { intent -> ComparisonReport.ThresholdChange? in
            let x = a.thresholds(for: intent)
            let y = b.thresholds(for: intent)
            let size = max(move(x.autoResolve, y.autoResolve), move(x.review, y.review))
            guard size > 0 else { return nil }
            return .init(
                intent: intent, autoResolveA: x.autoResolve, autoResolveB: y.autoResolve, reviewA: x.review, reviewB: y.review,
                sourceA: x.source, sourceB: y.source, size: size)
        }
        .sorted { ($0.size, $1.intent) > ($1.size, $0.intent) }
    }

    static func tierTransitions(_ a: [Int], _ b: [Int]) -> [ComparisonReport.TierTransition] {
        var cells: [Int: ComparisonReport.TierTransition] = [:]
        for (row, (from, to)) in zip(a, b).enumerated() {
            let key = from * 10 + to
            var cell = cells[key] ?? .init(from: from, to: to, count: 0, samples: [])
            cell.count += 1
            if cell.samples.count < transitionSamples { cell.samples.append(row) }
            cells[key] = cell
        }
        return cells.values.sorted { x, y in
            let xMoved = x.from != x.to
            let yMoved = y.from != y.to
            if xMoved != yMoved { return xMoved }
            if x.count != y.count { return x.count > y.count }
            return (x.from, x.to) < (y.from, y.to)
        }
    }

    static func confusionChanges(_ truth: [String], _ a: [String], _ b: [String]) -> [ComparisonReport.ConfusionChange] {
        struct Pair: Hashable {
            var actual: String
            var predicted: String
        }
        var counts: [Pair: (a: Int, b: Int)] = [:]
        for (row, actual) in truth.enumerated() {
            if a[row] != actual { counts[Pair(actual: actual, predicted: a[row]), default: (0, 0)].a += 1 }
            if b[row] != actual { counts[Pair(actual: actual, predicted: b[row]), default: (0, 0)].b += 1 }
        }
        let changed = counts.compactMap { pair, count -> ComparisonReport.ConfusionChange? in
            count.a == count.b ? nil : .init(actual: pair.actual, predicted: pair.predicted, countA: count.a, countB: count.b)
        }
        .sorted { (abs($0.delta), $1.actual, $1.predicted) > (abs($1.delta), $0.actual, $0.predicted) }
        return Array(changed.prefix(confusionChangeLimit))
    }
}
