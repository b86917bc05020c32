import Testing

@testable import BatonTraining

@Suite struct LBFGSMinimizerTests {
    @Test func findsTheRosenbrockMinimum() {
        let minimizer = LBFGSMinimizer(gradientTolerance: 1e-9, maxIterations: 500)
        let result = minimizer.minimize(from: [-1.2, 1]) { x, g in
            let (a, b) = (x[0], x[1])
            g = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]
            return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
        }
        #expect(result.converged)
        #expect(abs(result.solution[0] - 1) < 1e-6)
        #expect(abs(result.solution[1] - 1) < 1e-6)
        #expect(result.gradientMaxAbs <= 1e-9)
    }

    @Test func solvesAnIllConditionedQuadraticExactly() {
        // f(x) = ½ Σ d_i (x_i − i)², minimum at x_i = i.
        let scales = (1...50).map { Double($0 * $0) }
        let minimizer = LBFGSMinimizer(gradientTolerance: 1e-5, maxIterations: 1_000)
        let result = minimizer.minimize(from: [Double](repeating: 0, count: 50)) { x, g in
            g = x.indices.map { scales[$0] * (x[$0] - Double($0)) }
            return x.indices.reduce(0) { $0 + 0.5 * scales[$1] * (x[$1] - Double($1)) * (x[$1] - Double($1)) }
        }
        #expect(result.converged)
        for i in 0..<50 { #expect(abs(result.solution[i] - Double(i)) < 1e-6) }
    }
}
