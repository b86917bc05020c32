import BatonCore
import BatonFeatures
import Foundation
import Testing

@testable import BatonTraining

@Suite struct SoftmaxObjectiveTests {
    @Test func objectiveAtZeroIsLogOfClassCount() throws {
        let (matrix, labels) = try syntheticProblem(rows: 50, features: 12, classes: 4, seed: 1)
        let objective = try SoftmaxObjective(matrix: matrix, labels: labels, classCount: 4, c: 3)
        let value = objective.value([Double](repeating: 0, count: objective.parameterCount))
        #expect(abs(value - log(4.0)) < 1e-12)
    }

    @Test func gradientMatchesCentralFiniteDifferences() throws {
        // More rows than one chunk so the parallel paths are exercised.
        let (matrix, labels) = try syntheticProblem(rows: 1_300, features: 9, classes: 3, seed: 2)
        let objective = try SoftmaxObjective(matrix: matrix, labels: labels, classCount: 3, c: 0.7)
        var rng = SeededGenerator(seed: 3)
        let theta = (0..<objective.parameterCount).map { _ in Double.random(in: -1...1, using: &rng) }
        var gradient: [Double] = []
        _ = objective.evaluate(theta, gradient: &gradient)
        #expect(gradient.count == objective.parameterCount)
        let h = 1e-6
        var worst = 0.0
        for index in 0..<objective.parameterCount {
            var plus = theta
            var minus = theta
            plus[index] += h
            minus[index] -= h
            let numeric = (objective.value(plus) - objective.value(minus)) / (2 * h)
            worst = max(worst, abs(numeric - gradient[index]) / max(1e-3, abs(numeric)))
        }
        #expect(worst < 1e-5, "worst relative gradient error \(worst)")
    }

    @Test func evaluationIsBitIdenticalAcrossRuns() throws {
        let (matrix, labels) = try syntheticProblem(rows: 3_000, features: 2_500, classes: 5, seed: 4)
        let objective = try SoftmaxObjective(matrix: matrix, labels: labels, classCount: 5, c: 10)
        var rng = SeededGenerator(seed: 5)
        let theta = (0..<objective.parameterCount).map { _ in Double.random(in: -0.5...0.5, using: &rng) }
        var first: [Double] = []
        var second: [Double] = []
        let a = objective.evaluate(theta, gradient: &first)
        let b = objective.evaluate(theta, gradient: &second)
        #expect(a.bitPattern == b.bitPattern)
        #expect(first.map(\.bitPattern) == second.map(\.bitPattern))
    }

    @Test func refusesBadInputWithTypedErrors() throws {
        let (matrix, labels) = try syntheticProblem(rows: 10, features: 5, classes: 2, seed: 6)
        #expect(throws: TrainingError.labelCountMismatch(rows: 10, labels: 9)) {
            _ = try SoftmaxObjective(matrix: matrix, labels: Array(labels.dropLast()), classCount: 2, c: 1)
        }
        #expect(throws: TrainingError.tooFewClasses(1)) {
            _ = try SoftmaxObjective(matrix: matrix, labels: labels.map { _ in 0 }, classCount: 1, c: 1)
        }
        #expect(throws: TrainingError.invalidHyperparameter(name: "C", value: 0)) {
            _ = try SoftmaxObjective(matrix: matrix, labels: labels, classCount: 2, c: 0)
        }
    }
}
