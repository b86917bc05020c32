import BatonFeatures
import Foundation
import Testing

@testable import BatonTraining

/// Checks the objective, its gradient and the trained solution against scikit-learn on the
/// TF-IDF matrix in `Fixtures/reference.json` (made by `Fixtures/make_reference.py`).
@Suite struct ScikitLearnReferenceTests {
    struct Reference: Decodable {
        struct Probe: Decodable {
            let coef: [Double]
            let intercept: [Double]
            let objective: Double
            let gradient_coef: [Double]
            let gradient_intercept: [Double]
        }
        let rows: Int
        let cols: Int
        let classes: Int
        let C: Double
        let indptr: [Int]
        let indices: [Int32]
        let data: [Float]
        let y: [Int]
        let objective: Double
        let coef: [Double]
        let intercept: [Double]
        let probe: Probe

        func matrix() throws -> SparseMatrix {
            try SparseMatrix(rowCount: rows, columnCount: cols, rowOffsets: indptr, columnIndices: indices, values: data)
        }

        /// scikit-learn's `coef_` is K × F; Baton's θ is W (F × K) then b.
        func theta(coef: [Double], intercept: [Double]) -> [Double] {
            var theta = [Double](repeating: 0, count: cols * classes)
            for k in 0..<classes { for f in 0..<cols { theta[f * classes + k] = coef[k * cols + f] } }
            return theta + intercept
        }

        static func load() throws -> Reference {
            let url = try #require(Bundle.module.url(forResource: "reference", withExtension: "json", subdirectory: "Fixtures"))
            return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        }
    }

    @Test func objectiveAndGradientMatchAtAProbePoint() throws {
        let reference = try Reference.load()
        let objective = try SoftmaxObjective(matrix: reference.matrix(), labels: reference.y, classCount: reference.classes, c: reference.C)
        var gradient: [Double] = []
        let value = objective.evaluate(
            reference.theta(coef: reference.probe.coef, intercept: reference.probe.intercept), gradient: &gradient)
        #expect(abs(value - reference.probe.objective) < 1e-12 * max(1, abs(value)))
        let expected = reference.theta(coef: reference.probe.gradient_coef, intercept: reference.probe.gradient_intercept)
        let worst = zip(gradient, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-12, "max gradient difference \(worst)")
    }

    @Test func trainingReachesScikitLearnsOptimum() throws {
        let reference = try Reference.load()
        let intents = (0..<reference.classes).map { "class_\($0)" }
        let trainer = SoftmaxRegressionTrainer(settings: .init(c: reference.C, gradientTolerance: 1e-8, maxIterations: 5_000))
        let outcome = try trainer.train(matrix: reference.matrix(), labels: reference.y, intents: intents)
        #expect(outcome.converged)
        #expect(abs(outcome.objective - reference.objective) < 1e-9, "J = \(outcome.objective), scikit-learn \(reference.objective)")
        // W is unique; the intercepts only up to a shared constant (softmax ignores it): compare centred.
        let expected = reference.theta(coef: reference.coef, intercept: reference.intercept)
        let weightCount = reference.cols * reference.classes
        let weightError = (0..<weightCount).map { abs(Double(outcome.model.weights[$0]) - expected[$0]) }.max() ?? 1
        #expect(weightError < 1e-4, "max weight difference \(weightError)")
        let bias = outcome.model.bias.map(Double.init)
        let biasMean = bias.reduce(0, +) / Double(bias.count)
        let referenceMean = reference.intercept.reduce(0, +) / Double(reference.classes)
        for k in 0..<reference.classes {
            #expect(abs((bias[k] - biasMean) - (reference.intercept[k] - referenceMean)) < 1e-4)
        }
    }
}
