import BatonFeatures
import Testing

@testable import BatonTraining

@Suite struct SoftmaxRegressionTrainerTests {
    @Test func trainsToConvergenceAndSeparatesTheClasses() throws {
        let (matrix, labels) = try syntheticProblem(rows: 600, features: 40, classes: 4, seed: 11)
        let trainer = SoftmaxRegressionTrainer(settings: .init(c: 10, gradientTolerance: 1e-6))
        let outcome = try trainer.train(matrix: matrix, labels: labels, intents: ["a", "b", "c", "d"])
        #expect(outcome.converged)
        // Re-evaluate independently: the reported gradient really is under the tolerance.
        let objective = try SoftmaxObjective(matrix: matrix, labels: labels, classCount: 4, c: 10)
        var gradient: [Double] = []
        let theta = outcome.model.weights.map(Double.init) + outcome.model.bias.map(Double.init)
        let value = objective.evaluate(theta, gradient: &gradient)
        #expect(abs(value - outcome.objective) < 1e-5)
        #expect(gradient.map(abs).max() ?? 1 < 1e-4)  // float32 rounding of the stored weights
        var correct = 0
        for row in 0..<matrix.rowCount where outcome.model.predict(matrix.row(row)).intentIndex == labels[row] { correct += 1 }
        #expect(Double(correct) / Double(matrix.rowCount) > 0.95)
    }

    @Test func sameDataGivesByteIdenticalWeights() throws {
        let (matrix, labels) = try syntheticProblem(rows: 2_000, features: 3_000, classes: 6, seed: 12)
        let trainer = SoftmaxRegressionTrainer(settings: .init(c: 30))
        let intents = (0..<6).map { "intent_\($0)" }
        let first = try trainer.train(matrix: matrix, labels: labels, intents: intents)
        let second = try trainer.train(matrix: matrix, labels: labels, intents: intents)
        #expect(first.model.weights.map(\.bitPattern) == second.model.weights.map(\.bitPattern))
        #expect(first.model.bias.map(\.bitPattern) == second.model.bias.map(\.bitPattern))
        #expect(first.iterations == second.iterations)
    }
}
