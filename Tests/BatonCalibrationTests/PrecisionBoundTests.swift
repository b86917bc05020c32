import Foundation
import Testing

@testable import BatonCalibration

@Suite struct PrecisionBoundTests {
    /// Reference values from scipy: `beta.ppf(1 - level, k, n - k + 1)`.
    @Test(arguments: [
        (12, 12, 0.95, 0.7790778080544442),
        (45, 50, 0.95, 0.8011669974835816),
        (60, 60, 0.95, 0.9512970866899025),
        (7, 10, 0.90, 0.44826916761640095),
        (990, 1000, 0.99, 0.9799573940991211),
        (1, 3, 0.95, 0.0169524275084415),
    ])
    func clopperPearsonMatchesTheBetaQuantile(successes: Int, trials: Int, level: Double, expected: Double) {
        let bound = PrecisionBound.clopperPearson.lowerBound(successes: successes, trials: trials, level: level)
        #expect(abs(bound - expected) < 1e-9, "\(successes)/\(trials) at \(level): \(bound)")
        #expect(bound <= expected + 1e-15, "the bisection must not overshoot")
    }

    @Test func clopperPearsonEdgeCases() {
        for n in [1, 5, 12, 100] {
            #expect(PrecisionBound.clopperPearson.lowerBound(successes: 0, trials: n, level: 0.95) == 0)
            let all = PrecisionBound.clopperPearson.lowerBound(successes: n, trials: n, level: 0.95)
            #expect(abs(all - pow(0.05, 1 / Double(n))) < 1e-15)
        }
        #expect(PrecisionBound.clopperPearson.lowerBound(successes: 3, trials: 0, level: 0.95) == 0)
        #expect(PrecisionBound.clopperPearson.lowerBound(successes: 3, trials: 5, level: 1.0) == 0)
        // successes beyond trials are clamped rather than trusted.
        #expect(abs(PrecisionBound.clopperPearson.lowerBound(successes: 9, trials: 5, level: 0.95) - pow(0.05, 0.2)) < 1e-15)
    }

    @Test func boundsGrowWithSuccessesAndNeverExceedTheObservedPrecision() {
        for bound in PrecisionBound.allCases {
            for n in [1, 7, 30, 200] {
                var previous = -1.0
                for k in 0...n {
                    let value = bound.lowerBound(successes: k, trials: n, level: 0.95)
                    #expect(value > previous || (k == 0 && value == 0), "\(bound) \(k)/\(n)")
                    #expect(value <= Double(k) / Double(n) + 1e-12, "\(bound) \(k)/\(n)")
                    previous = value
                }
            }
        }
    }

    @Test(arguments: [(45, 50), (12, 12), (0, 20), (137, 160), (3, 4)])
    func wilsonMatchesItsFormula(successes: Int, trials: Int) {
        let z = 1.6448536269514722  // scipy norm.ppf(0.95)
        let n = Double(trials)
        let p = Double(successes) / n
        let expected = (p + z * z / (2 * n) - z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()) / (1 + z * z / n)
        let bound = PrecisionBound.wilson.lowerBound(successes: successes, trials: trials, level: 0.95)
        #expect(abs(bound - max(expected, 0)) < 1e-12)
    }

    @Test func wilsonKnownValues() {
        #expect(abs(PrecisionBound.wilson.lowerBound(successes: 45, trials: 50, level: 0.95) - 0.8084624858484291) < 1e-9)
        #expect(abs(PrecisionBound.wilson.lowerBound(successes: 12, trials: 12, level: 0.95) - 0.8160188052525231) < 1e-9)
    }

    @Test(arguments: [
        (0.5, 0.0), (0.8, 0.8416212335729143), (0.95, 1.6448536269514722), (0.975, 1.959963984540054),
        (0.999, 3.090232306167813), (0.01, -2.3263478740408408), (1e-6, -4.753424308822899),
    ])
    func normalQuantileMatchesScipy(p: Double, expected: Double) {
        #expect(abs(NormalDistribution.quantile(p) - expected) < 1e-12)
    }

    @Test func incompleteBetaMatchesScipy() {
        #expect(abs(IncompleteBeta.regularized(x: 0.3, a: 2.5, b: 4.0) - 0.3521975859067672) < 1e-12)
        #expect(abs(IncompleteBeta.regularized(x: 0.9, a: 50, b: 3) - 0.09663328513725222) < 1e-12)
        #expect(IncompleteBeta.regularized(x: 0, a: 2, b: 2) == 0)
        #expect(IncompleteBeta.regularized(x: 1, a: 2, b: 2) == 1)
        // I_x(1, 1) = x.
        #expect(abs(IncompleteBeta.regularized(x: 0.37, a: 1, b: 1) - 0.37) < 1e-14)
    }

    @Test func boundNamesAreTheFileSpellings() throws {
        let data = try JSONEncoder().encode([PrecisionBound.clopperPearson, .wilson])
        #expect(String(decoding: data, as: UTF8.self) == #"["clopper_pearson","wilson"]"#)
    }
}
