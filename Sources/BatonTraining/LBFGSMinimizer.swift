/// Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, *Numerical
/// Optimization*, 2nd ed., Algorithms 7.4, 3.5 and 3.6).
///
/// Stops when max_i |∇f_i| ≤ `gradientTolerance` (scikit-learn's `tol`, applied as scipy's
/// `pgtol`), which is the only outcome reported as converged; or when an iteration lowers f by
/// less than `relativeDecreaseTolerance`·max(|f|, 1), when the line search cannot make progress,
/// or at `maxIterations`. All dense vector work goes through ``DenseVector`` (BLAS).
///
/// The correction pairs (s, y) are kept in single precision and the two-loop recursion runs in
/// single precision: it only shapes the search direction (the line search and the convergence
/// test use the exact double-precision objective and gradient), and it is the memory-bound part
/// of an iteration, so halving its bytes halves its time. `ρ = 1/sᵀy` is taken in double
/// precision before the pair is stored.
public struct LBFGSMinimizer: Sendable {
    public var memory: Int = 10
    public var gradientTolerance: Double = 1e-5
    public var relativeDecreaseTolerance: Double = 64 * Double.ulpOfOne
    public var maxIterations: Int = 1000
    public var maxLineSearchSteps: Int = 40

    public init(gradientTolerance: Double = 1e-5, maxIterations: Int = 1000, memory: Int = 10) {
        self.gradientTolerance = gradientTolerance
        self.maxIterations = maxIterations
        self.memory = memory
    }

    public enum StopReason: String, Codable, Sendable {
        case gradientTolerance = "gradient_tolerance"
        case noDecrease = "no_decrease"
        case lineSearchFailed = "line_search_failed"
        case maxIterations = "max_iterations"
    }

    public struct Result: Sendable {
        public var solution: [Double]
        public var value: Double
        public var gradientMaxAbs: Double
        public var iterations: Int
        public var evaluations: Int
        public var stopReason: StopReason
        public var converged: Bool { stopReason == .gradientTolerance }
    }

    /// Minimises `objective`, which returns f(x) and writes ∇f(x) into its second argument.
    public func minimize(
        from start: [Double],
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double,
        progress: ((_ iteration: Int, _ value: Double, _ gradientMaxAbs: Double) -> Void)? = nil
    ) -> Result {
        DenseVector.useSingleThreadedBLAS()
        var x = start
        var g = [Double](repeating: 0, count: x.count)
        var f = objective(x, &g)
        var evaluations = 1
        var history: [CorrectionPair] = []
        var iteration = 0
        var gMax = DenseVector.maxAbs(g)

        func finish(_ reason: StopReason) -> Result {
            Result(solution: x, value: f, gradientMaxAbs: gMax, iterations: iteration, evaluations: evaluations, stopReason: reason)
        }

        while true {
            if gMax <= gradientTolerance { return finish(.gradientTolerance) }
            if iteration >= maxIterations { return finish(.maxIterations) }
            var direction = searchDirection(gradient: g, history: history)
            var slope = DenseVector.dot(g, direction)
            if !(slope < 0) || !slope.isFinite {
                // Not a descent direction (lost curvature information): restart from steepest descent.
                history.removeAll()
                direction = g
                DenseVector.scale(-1, &direction)
                slope = DenseVector.dot(g, direction)
            }
            let firstStep = history.isEmpty ? min(1, 1 / DenseVector.dot(g, g).squareRoot()) : 1
            guard
                let step = lineSearch(
                    x: x, value: f, slope: slope, direction: direction, initialStep: firstStep,
                    objective: objective, evaluations: &evaluations)
            else { return finish(.lineSearchFailed) }
            iteration += 1
            var s = step.x
            DenseVector.axpy(-1, x, &s)
            var y = step.gradient
            DenseVector.axpy(-1, g, &y)
            let sy = DenseVector.dot(s, y)
            if sy > 1e-10 * DenseVector.dot(y, y) {
                if history.count == memory { history.removeFirst() }
                history.append(CorrectionPair(s: s.map { Float($0) }, y: y.map { Float($0) }, rho: 1 / sy))
            }
            let decrease = f - step.value
            x = step.x
            g = step.gradient
            gMax = DenseVector.maxAbs(g)
            let previous = f
            f = step.value
            progress?(iteration, f, gMax)
            if gMax > gradientTolerance, decrease <= relativeDecreaseTolerance * max(abs(previous), abs(f), 1) {
                return finish(.noDecrease)
            }
        }
    }

    /// One (s, y) correction pair in single precision, with ρ = 1/sᵀy from double precision.
    private struct CorrectionPair {
        var s: [Float]
        var y: [Float]
        var rho: Double
    }

    /// −H·g by the two-loop recursion, H₀ = (sᵀy / yᵀy)·I from the newest pair.
    private func searchDirection(gradient: [Double], history: [CorrectionPair]) -> [Double] {
        var q = gradient.map { Float($0) }
        var alphas = [Float](repeating: 0, count: history.count)
        for index in history.indices.reversed() {
            let pair = history[index]
            alphas[index] = Float(pair.rho) * DenseVector.dot(pair.s, q)
            DenseVector.axpy(-alphas[index], pair.y, &q)
        }
        if let newest = history.last {
            DenseVector.scale(Float(1 / (newest.rho * Double(DenseVector.dot(newest.y, newest.y)))), &q)
        }
        for index in history.indices {
            let pair = history[index]
            let beta = Float(pair.rho) * DenseVector.dot(pair.y, q)
            DenseVector.axpy(alphas[index] - beta, pair.s, &q)
        }
        return q.map { -Double($0) }
    }

    private struct TrialPoint {
        var step: Double
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var slope: Double
    }

    /// A step length satisfying the strong Wolfe conditions (c₁ = 1e-4, c₂ = 0.9), or nil.
    private func lineSearch(
        x: [Double], value: Double, slope: Double, direction: [Double], initialStep: Double,
        objective: (_ x: [Double], _ gradient: inout [Double]) -> Double, evaluations: inout Int
    ) -> TrialPoint? {
        let c1 = 1e-4
        let c2 = 0.9
        func trial(_ step: Double) -> TrialPoint {
            var point = x
            DenseVector.axpy(step, direction, &point)
            var gradient: [Double] = []
            let v = objective(point, &gradient)
            evaluations += 1
            return TrialPoint(step: step, x: point, value: v, gradient: gradient, slope: DenseVector.dot(gradient, direction))
        }
        let origin = TrialPoint(step: 0, x: x, value: value, gradient: [], slope: slope)
        func sufficientDecrease(_ p: TrialPoint) -> Bool { p.value.isFinite && p.value <= value + c1 * p.step * slope }
        func curvature(_ p: TrialPoint) -> Bool { abs(p.slope) <= -c2 * slope }

        func zoom(_ low: TrialPoint, _ high: TrialPoint) -> TrialPoint? {
            var lo = low
            var hi = high
            for _ in 0..<maxLineSearchSteps {
                let step = Self.interpolatedStep(lo, hi)
                let p = trial(step)
                if !sufficientDecrease(p) || p.value >= lo.value {
                    hi = p
                } else {
                    if curvature(p) { return p }
                    if p.slope * (hi.step - lo.step) >= 0 { hi = lo }
                    lo = p
                }
                if abs(hi.step - lo.step) <= 1e-16 * max(1, lo.step) { break }
            }
            // Accept the best Armijo point found if the interval collapsed.
            return lo.step > 0 ? lo : nil
        }

        var previous = origin
        var step = initialStep
        for attempt in 0..<maxLineSearchSteps {
            let p = trial(step)
            if !sufficientDecrease(p) || (attempt > 0 && p.value >= previous.value) {
                return zoom(previous, p)
            }
            if curvature(p) { return p }
            if p.slope >= 0 { return zoom(p, previous) }
            previous = p
            step *= 2
        }
        return previous.step > 0 ? previous : nil
    }

    /// Minimiser of the cubic through both ends, kept inside the middle 80 % of the interval;
    /// bisection when the cubic has no usable minimiser (or a trial value was not finite).
    private static func interpolatedStep(_ a: TrialPoint, _ b: TrialPoint) -> Double {
        let low = min(a.step, b.step)
        let high = max(a.step, b.step)
        let width = high - low
        let bisect = low + 0.5 * width
        guard a.value.isFinite, b.value.isFinite, a.slope.isFinite, b.slope.isFinite, width > 0 else { return bisect }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return bisect }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        let denominator = b.slope - a.slope + 2 * d2
        guard denominator != 0 else { return bisect }
        let candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / denominator
        guard candidate.isFinite, candidate >= low + 0.1 * width, candidate <= high - 0.1 * width else { return bisect }
        return candidate
    }
}
