import BatonFeatures
import BatonModel

/// Trains an ``IntentModel`` by minimising ``SoftmaxObjective`` with ``LBFGSMinimizer``
/// from all-zero parameters (as scikit-learn does).
public struct SoftmaxRegressionTrainer: Sendable {
    public struct Settings: Codable, Hashable, Sendable {
        /// Inverse L2 strength, as scikit-learn's `C`.
        public var c: Double
        public var gradientTolerance: Double
        public var maxIterations: Int
        public var memory: Int
        public init(c: Double = 30, gradientTolerance: Double = 1e-5, maxIterations: Int = 1000, memory: Int = 10) {
            self.c = c
            self.gradientTolerance = gradientTolerance
            self.maxIterations = maxIterations
            self.memory = memory
        }
    }

    public struct Outcome: Sendable {
        public var model: IntentModel
        public var iterations: Int
        public var evaluations: Int
        public var objective: Double
        public var gradientMaxAbs: Double
        public var stopReason: LBFGSMinimizer.StopReason
        public var converged: Bool { stopReason == .gradientTolerance }
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) { self.settings = settings }

    /// - Parameters:
    ///   - labels: index into `intents` for every row of `matrix`.
    ///   - progress: called after every iteration (for a human watching stderr).
    public func train(
        matrix: SparseMatrix, labels: [Int], intents: [String],
        progress: ((_ iteration: Int, _ objective: Double, _ gradientMaxAbs: Double) -> Void)? = nil
    ) throws(TrainingError) -> Outcome {
        let objective = try SoftmaxObjective(matrix: matrix, labels: labels, classCount: intents.count, c: settings.c)
        let minimizer = LBFGSMinimizer(
            gradientTolerance: settings.gradientTolerance, maxIterations: settings.maxIterations, memory: settings.memory)
        let result = minimizer.minimize(
            from: [Double](repeating: 0, count: objective.parameterCount),
            objective: { objective.evaluate($0, gradient: &$1) },
            progress: progress)
        guard result.value.isFinite else { throw .notFinite(iteration: result.iterations) }
        let weightCount = objective.featureCount * intents.count
        let weights = result.solution[0..<weightCount].map { Float($0) }
        let bias = result.solution[weightCount...].map { Float($0) }
        let model: IntentModel
        do {
            model = try IntentModel(intents: intents, featureCount: objective.featureCount, weights: weights, bias: bias)
        } catch {
            // Shapes come from the objective itself; this only fails on a programming error.
            throw .labelCountMismatch(rows: weights.count, labels: bias.count)
        }
        return Outcome(
            model: model, iterations: result.iterations, evaluations: result.evaluations,
            objective: result.value, gradientMaxAbs: result.gradientMaxAbs, stopReason: result.stopReason)
    }
}
