import Foundation

/// A one-sided lower confidence bound on a precision (a binomial proportion).
///
/// Why a bound and not the observed precision: an intent with 12 correct of 12 has an observed
/// precision of 1, but 12 messages cannot show that it is right 95% of the time. Thresholds are
/// certified against the lower bound, so thin evidence buys nothing and more evidence buys
/// lower thresholds (more tier 1) only when it earns them.
public enum PrecisionBound: String, Codable, Hashable, Sendable, CaseIterable {
    /// Exact (conservative) bound from the Beta distribution: the `1 − level` quantile of
    /// Beta(k, n − k + 1). With k = n it is `(1 − level)^(1/n)`; 12 of 12 at 0.95 gives 0.77908.
    case clopperPearson = "clopper_pearson"
    /// Wilson score bound with z = Φ⁻¹(level); closer to nominal coverage, less conservative.
    case wilson

    /// The lower bound on the true precision after `successes` of `trials`, holding with
    /// probability `level` (one-sided).
    ///
    /// Returns 0, the claim that certifies nothing, when there is nothing to bound: no trials, or
    /// a level outside (0, 1). `successes` is clamped into `0...trials`.
    public func lowerBound(successes: Int, trials: Int, level: Double) -> Double {
        guard trials > 0, level > 0, level < 1 else { return 0 }
        let k = min(max(successes, 0), trials)
        let n = Double(trials)
        switch self {
        case .clopperPearson:
            if k == 0 { return 0 }
            if k == trials { return pow(1 - level, 1 / n) }
            return IncompleteBeta.inverse(p: 1 - level, a: Double(k), b: Double(trials - k + 1))
        case .wilson:
            let z = NormalDistribution.quantile(level)
            let p = Double(k) / n
            let z2 = z * z
            let centre = p + z2 / (2 * n)
            let spread = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
            return min(max((centre - spread) / (1 + z2 / n), 0), 1)
        }
    }
}
