import Foundation

/// The regularized incomplete beta function `I_x(a, b)` (the Beta(a, b) CDF) and its inverse in x.
///
/// Why here and not a library: the toolchain has no special functions beyond `lgamma`, and the
/// Clopper–Pearson bound is a Beta quantile. The function follows Numerical Recipes (`betai`
/// with `betacf`, the continued fraction evaluated by the modified Lentz method, flipped to
/// `1 − I_{1−x}(b, a)` where that converges faster); the inverse is plain bisection, slower
/// than Newton but deterministic and monotone, which is what a bound that must never overstate
/// precision needs.
enum IncompleteBeta {
    /// `I_x(a, b)` for `a, b > 0`; 0 at x ≤ 0, 1 at x ≥ 1.
    static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return min(max(front * continuedFraction(x: x, a: a, b: b) / a, 0), 1)
        }
        return min(max(1 - front * continuedFraction(x: 1 - x, a: b, b: a) / b, 0), 1)
    }

    /// The x in [0, 1] with `I_x(a, b) = p`, by bisection: at most 100 halvings or until the
    /// bracket is narrower than 1e-12. Returns the LOWER end of the final bracket, so the result
    /// never exceeds the true quantile (a lower confidence bound stays conservative).
    static func inverse(p: Double, a: Double, b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var lo = 0.0
        var hi = 1.0
        for _ in 0..<100 {
            if hi - lo < 1e-12 { break }
            let mid = (lo + hi) / 2
            if regularized(x: mid, a: a, b: b) < p { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Numerical Recipes `betacf`: the continued fraction for `I_x(a, b)`, modified Lentz.
    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-15
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        // O(sqrt(max(a, b))) terms are needed; 10,000 covers trials far beyond a night's data.
        for m in 1...10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < epsilon { break }
        }
        return h
    }
}
