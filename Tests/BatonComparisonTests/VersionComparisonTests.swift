import BatonCore
import BatonComparison
import BatonModel
import Foundation
import Testing

@Suite("Comparing two versions on the same messages")
struct VersionComparisonTests {
    static let intents = ["billing", "cancel", "refund", "upgrade"]

    /// 400 messages, 100 per intent; the model is right on 85% with varied confidences.
    static func baseline(seed: UInt64 = 7) -> (truth: [String], predicted: [String], confidence: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var truth: [String] = []
        var predicted: [String] = []
        var confidence: [Double] = []
        for row in 0..<400 {
            let intent = intents[row % intents.count]
            truth.append(intent)
            let right = Double.random(in: 0..<1, using: &generator) < 0.85
            predicted.append(right ? intent : intents[(row + 1 + Int.random(in: 0..<3, using: &generator)) % intents.count])
            confidence.append(right ? Double.random(in: 0.55...0.99, using: &generator) : Double.random(in: 0.3...0.8, using: &generator))
        }
        return (truth, predicted, confidence)
    }

    @Test("identical versions: zero differences, intervals at 0, McNemar p = 1")
    func identicalVersions() throws {
        let data = Self.baseline()
        let a = SyntheticVersion.predictions("v1", predicted: data.predicted, confidence: data.confidence, intents: Self.intents)
        var b = a
        b.version = "v2"
        let report = try VersionComparison.compare(a: a, b: b, trueIntents: data.truth, bootstrapSamples: 300)
        for row in report.metrics {
            if let delta = row.delta { #expect(delta == 0, "\(row.name)") }
        }
        #expect(report.bootstrap.accuracy.contains(0) && report.bootstrap.macroF1.contains(0))
        #expect(report.bootstrap.accuracy.lower == 0 && report.bootstrap.accuracy.upper == 0)
        #expect(report.mcnemar.b01 == 0 && report.mcnemar.b10 == 0 && report.mcnemar.pValue == 1)
        #expect(report.perIntent.allSatisfy { $0.delta == 0 })
        #expect(report.thresholdChanges.isEmpty && report.confusionChanges.isEmpty)
        #expect(report.intentsAdded.isEmpty && report.intentsRemoved.isEmpty)
        #expect(report.tierTransitions.allSatisfy { $0.from == $0.to })
        #expect(report.tierTransitions.map(\.count).reduce(0, +) == 400)
    }

    @Test("paired bootstrap interval covers the true difference and has the width paired theory predicts")
    func bootstrapCoversTrueDelta() throws {
        // 1000 messages; A is wrong on 200 of them, B on 150, chosen independently: the true
        // accuracy difference on these messages is exactly +0.05.
        let n = 1000
        var generator = SeededGenerator(seed: 42)
        let wrongA = Set((0..<n).shuffled(using: &generator).prefix(200))
        let wrongB = Set((0..<n).shuffled(using: &generator).prefix(150))
        let truth = (0..<n).map { Self.intents[$0 % 4] }
        func predicted(_ wrong: Set<Int>) -> [String] {
            (0..<n).map { wrong.contains($0) ? Self.intents[($0 + 1) % 4] : truth[$0] }
        }
        let confidence = [Double](repeating: 0.7, count: n)
        let a = SyntheticVersion.predictions("v1", predicted: predicted(wrongA), confidence: confidence, intents: Self.intents)
        let b = SyntheticVersion.predictions("v2", predicted: predicted(wrongB), confidence: confidence, intents: Self.intents)
        let report = try VersionComparison.compare(a: a, b: b, trueIntents: truth, bootstrapSamples: 2000, seed: 3)

        let interval = report.bootstrap.accuracy
        #expect(abs(interval.estimate - 0.05) < 1e-12)
        #expect(interval.contains(0.05))
        #expect(interval.lower > 0, "a 5-point gain on 1000 paired messages is significant: \(interval)")
        // Paired standard error: sqrt(((b01 + b10)/n − Δ²)/n).
        let discordant = Double(report.mcnemar.b01 + report.mcnemar.b10)
        let standardError = ((discordant / Double(n) - 0.05 * 0.05) / Double(n)).squareRoot()
        let width = interval.upper - interval.lower
        #expect(abs(width - 2 * 1.96 * standardError) < 0.2 * width, "width \(width), theory \(2 * 1.96 * standardError)")
        #expect(report.bootstrap.macroF1.contains(report.bootstrap.macroF1.estimate))
        #expect(report.bootstrap.macroF1.lower > 0)

        // The same seed gives the same interval; another seed a slightly different one.
        let again = try VersionComparison.compare(a: a, b: b, trueIntents: truth, bootstrapSamples: 2000, seed: 3)
        #expect(again.bootstrap == report.bootstrap)
        let other = try VersionComparison.compare(a: a, b: b, trueIntents: truth, bootstrapSamples: 2000, seed: 4)
        #expect(other.bootstrap.accuracy != interval)
        #expect(abs(other.bootstrap.accuracy.lower - interval.lower) < 0.01)
    }

    @Test("observed differences match the evaluator on the full data")
    func observedMatchesEvaluator() throws {
        let data = Self.baseline(seed: 1)
        let other = Self.baseline(seed: 2)
        let a = SyntheticVersion.predictions("v1", predicted: data.predicted, confidence: data.confidence, intents: Self.intents)
        let b = SyntheticVersion.predictions("v2", predicted: other.predicted, confidence: other.confidence, intents: Self.intents)
        let report = try VersionComparison.compare(a: a, b: b, trueIntents: data.truth, bootstrapSamples: 50)
        #expect(abs(report.bootstrap.macroF1.estimate - (report.b.report.macroF1 - report.a.report.macroF1)) < 1e-12)
        #expect(abs(report.bootstrap.accuracy.estimate - (report.b.report.accuracy - report.a.report.accuracy)) < 1e-12)
        let aRight = zip(data.truth, data.predicted).map { $0 == $1 }
        let bRight = zip(data.truth, other.predicted).map { $0 == $1 }
        #expect(report.mcnemar.b01 == zip(aRight, bRight).filter { !$0 && $1 }.count)
        #expect(report.mcnemar.b10 == zip(aRight, bRight).filter { $0 && !$1 }.count)
        // Per-intent changes are sorted by |Δ| and agree with both reports.
        let deltas = report.perIntent.map { abs($0.delta) }
        #expect(deltas == deltas.sorted(by: >))
        for change in report.perIntent {
            let f1A = report.a.report.perIntent.first { $0.intent == change.intent }?.f1
            #expect(change.f1A == f1A)
        }
        // Confusion changes agree with a direct count.
        for change in report.confusionChanges {
            let countA = data.truth.indices.filter { data.truth[$0] == change.actual && data.predicted[$0] == change.predicted }.count
            let countB = data.truth.indices.filter { data.truth[$0] == change.actual && other.predicted[$0] == change.predicted }.count
            #expect(change.countA == countA && change.countB == countB && countA != countB)
        }
    }

    @Test("tier transitions, threshold changes, and intents added or removed")
    func tiersThresholdsAndIntents() throws {
        let truth = ["billing", "billing", "cancel", "cancel", "refund", "refund"]
        let confidence = [0.95, 0.95, 0.6, 0.6, 0.3, 0.95]
        let policyA = TierPolicy(thresholds: [
            "billing": .init(autoResolve: 0.9, review: 0.5, evidence: 50, source: "intent"),
            "cancel": .init(autoResolve: 0.9, review: 0.5, evidence: 40, source: "intent"),
        ])
        let policyB = TierPolicy(thresholds: [
            "billing": .init(autoResolve: 0.99, review: 0.5, evidence: 60, source: "intent"),
            "cancel": .init(autoResolve: 0.55, review: 0.5, evidence: 40, source: "intent"),
        ])
        let a = SyntheticVersion.predictions(
            "v1", predicted: truth, confidence: confidence, intents: ["billing", "cancel", "refund"], policy: policyA)
        let b = SyntheticVersion.predictions(
            "v2", predicted: truth, confidence: confidence, intents: ["billing", "cancel", "refund", "upgrade"], policy: policyB)
        let report = try VersionComparison.compare(a: a, b: b, trueIntents: truth, bootstrapSamples: 0)
        #expect(report.intentsAdded == ["upgrade"] && report.intentsRemoved.isEmpty)
        // billing 1 → 2 (0.95 < 0.99), cancel 2 → 1 (0.6 ≥ 0.55), refund unchanged.
        let moves = report.tierTransitions.filter { $0.from != $0.to }
        #expect(moves.count == 2)
        #expect(moves.contains { $0.from == 1 && $0.to == 2 && $0.count == 2 && $0.samples == [0, 1] })
        #expect(moves.contains { $0.from == 2 && $0.to == 1 && $0.count == 2 && $0.samples == [2, 3] })
        #expect(report.tierTransitions.first.map { $0.from != $0.to } == true)
        // cancel moved 0.35, billing 0.09; largest first.
        #expect(report.thresholdChanges.map(\.intent) == ["cancel", "billing"])
        #expect(abs((report.thresholdChanges.first?.size ?? 0) - 0.35) < 1e-12)
    }

    @Test("transition samples are capped at five")
    func transitionSamplesCapped() throws {
        let truth = [String](repeating: "billing", count: 12)
        let a = SyntheticVersion.predictions("v1", predicted: truth, confidence: Array(repeating: 0.95, count: 12), intents: Self.intents)
        let b = SyntheticVersion.predictions("v2", predicted: truth, confidence: Array(repeating: 0.3, count: 12), intents: Self.intents)
        let report = try VersionComparison.compare(a: a, b: b, trueIntents: truth, bootstrapSamples: 0)
        #expect(report.tierTransitions.count == 1)
        #expect(report.tierTransitions.first?.count == 12 && report.tierTransitions.first?.samples == [0, 1, 2, 3, 4])
    }

    @Test("malformed predictions are refused with the version named")
    func malformedInput() throws {
        let truth = ["billing", "cancel"]
        let good = SyntheticVersion.predictions("v1", predicted: truth, confidence: [0.9, 0.9], intents: Self.intents)
        var short = good
        short.version = "v2"
        short.probabilities.removeLast()
        #expect(throws: ComparisonError.self) { try VersionComparison.compare(a: good, b: short, trueIntents: truth) }
        var nan = good
        nan.probabilities[0] = .nan
        do {
            _ = try VersionComparison.compare(a: nan, b: good, trueIntents: truth)
            Issue.record("NaN accepted")
        } catch {
            #expect(error.description.contains("v1"))
        }
        #expect(throws: ComparisonError.self) { try VersionComparison.compare(a: good, b: good, trueIntents: []) }
    }

    @Test("report round-trips through JSON")
    func codable() throws {
        let data = Self.baseline()
        let a = SyntheticVersion.predictions("v1", predicted: data.predicted, confidence: data.confidence, intents: Self.intents)
        let report = try VersionComparison.compare(a: a, b: a, trueIntents: data.truth, bootstrapSamples: 10)
        let decoded = try JSONDecoder().decode(ComparisonReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }
}
