import BatonCore
import BatonModel
import Foundation
import Testing

@testable import BatonCalibration

@Suite struct TemperatureScalingTests {
    /// Logits whose softmax is the true label distribution (labels are drawn from it), so the
    /// model they describe is calibrated by construction.
    static func calibratedSample(rows: Int, classes: Int, seed: UInt64) -> (logits: [Double], labels: [Int]) {
        var generator = SeededGenerator(seed: seed)
        var logits: [Double] = []
        var labels: [Int] = []
        for _ in 0..<rows {
            let row = (0..<classes).map { _ in 2.0 * generator.normal() }
            let top = row.max() ?? 0
            let weights = row.map { exp($0 - top) }
            let total = weights.reduce(0, +)
            labels.append(generator.categorical(weights.map { $0 / total }))
            logits += row
        }
        return (logits, labels)
    }

    @Test func overConfidentLogitsAreSoftenedByAboutTheirScale() {
        let (logits, labels) = Self.calibratedSample(rows: 6000, classes: 5, seed: 11)
        let scaled = logits.map { Float($0 * 4) }
        let fit = TemperatureScaling.fit(logits: scaled, labels: labels, classCount: 5)
        #expect(abs(fit.temperature - 4) / 4 < 0.05, "fitted T = \(fit.temperature)")
        #expect(fit.nllAfter < fit.nllBefore - 0.1)
        #expect(fit.rows == 6000)
        #expect(abs(fit.nllBefore - TemperatureScaling.nll(logits: scaled, labels: labels, classCount: 5, temperature: 1)) < 1e-12)
        #expect(abs(fit.nllAfter - TemperatureScaling.nll(logits: scaled, labels: labels, classCount: 5, temperature: fit.temperature)) < 1e-12)
    }

    @Test func calibratedLogitsKeepATemperatureNearOne() {
        let (logits, labels) = Self.calibratedSample(rows: 6000, classes: 5, seed: 12)
        let fit = TemperatureScaling.fit(logits: logits.map { Float($0) }, labels: labels, classCount: 5)
        #expect(abs(fit.temperature - 1) < 0.05, "fitted T = \(fit.temperature)")
        #expect(fit.nllBefore - fit.nllAfter < 0.002)
        #expect(fit.nllAfter <= fit.nllBefore)
    }

    @Test func underConfidentLogitsAreSharpened() {
        let (logits, labels) = Self.calibratedSample(rows: 6000, classes: 4, seed: 13)
        let fit = TemperatureScaling.fit(logits: logits.map { Float($0 / 3) }, labels: labels, classCount: 4)
        #expect(abs(fit.temperature - 1.0 / 3) / (1.0 / 3) < 0.05, "fitted T = \(fit.temperature)")
    }

    @Test func theFittedTemperatureIsAMinimumOfTheNLL() {
        let (logits, labels) = Self.calibratedSample(rows: 800, classes: 6, seed: 14)
        let scaled = logits.map { Float($0 * 2.5) }
        let fit = TemperatureScaling.fit(logits: scaled, labels: labels, classCount: 6)
        for factor in [0.99, 1.01, 0.9, 1.1] {
            let nearby = TemperatureScaling.nll(logits: scaled, labels: labels, classCount: 6, temperature: fit.temperature * factor)
            #expect(nearby > fit.nllAfter, "T × \(factor)")
        }
    }

    @Test func theTemperatureStaysInRangeWhenTheMinimumIsOutside() {
        // Labels always the arg-max of large logits: the NLL keeps falling as T shrinks.
        let logits: [Float] = [10, 0, 0, 0, 10, 0, 0, 0, 10]
        let fit = TemperatureScaling.fit(logits: logits, labels: [0, 1, 2], classCount: 3)
        #expect(abs(fit.temperature - TemperatureScaling.minimumTemperature) < 1e-6)
        // Labels never the arg-max: the NLL keeps falling as T grows.
        let wrong = TemperatureScaling.fit(logits: logits, labels: [1, 2, 0], classCount: 3)
        #expect(abs(wrong.temperature - TemperatureScaling.maximumTemperature) < 1e-6)
    }

    @Test func unusableRowsAreSkippedAndEmptyInputKeepsTheRawModel() {
        let empty = TemperatureScaling.fit(logits: [], labels: [], classCount: 3)
        #expect(empty == TemperatureFit(temperature: 1, nllBefore: 0, nllAfter: 0, rows: 0))
        let logits: [Float] = [2, 0, 0, .nan, 0, 0, 0, 3, 0]
        let fit = TemperatureScaling.fit(logits: logits, labels: [0, 0, 7], classCount: 3)
        #expect(fit.rows == 1)
    }

    @Test func probabilitiesAreTheTemperedSoftmaxAndSumToOne() {
        let logits: [Float] = [1, 2, 3, -1, 0, 1000]
        let p = TemperatureScaling.probabilities(logits: logits, classCount: 3, temperature: 2)
        #expect(p.count == 6)
        let expected = [exp(0.5), exp(1.0), exp(1.5)].map { $0 / (exp(0.5) + exp(1.0) + exp(1.5)) }
        for j in 0..<3 { #expect(abs(p[j] - expected[j]) < 1e-12) }
        #expect(abs(p[3...5].reduce(0, +) - 1) < 1e-12)
        #expect(p[5] > 0.999)
        // The same numbers as the model's own softmax, which routers use.
        let model = IntentModel.softmax([1, 2, 3], temperature: 2)
        for j in 0..<3 { #expect(abs(p[j] - model[j]) < 1e-12) }
    }
}
