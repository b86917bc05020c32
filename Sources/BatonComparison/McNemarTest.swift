import Foundation

/// McNemar's test on paired per-message correctness: do two versions make different numbers of
/// mistakes on the same messages, beyond what chance explains?
///
/// Only the discordant messages count: `b01` where A is wrong and B right, `b10` where A is
/// right and B wrong. Under the null hypothesis each discordant message is a fair coin. With
/// fewer than 25 discordant messages the exact two-sided binomial p-value is used; otherwise
/// the chi-square statistic with Edwards' continuity correction, (|b01 − b10| − 1)² / (b01 + b10),
/// on one degree of freedom. With no discordant message p = 1.
public struct McNemarTest: Codable, Hashable, Sendable {
    public enum Method: String, Codable, Sendable {
        /// No discordant message: nothing to test.
        case none
        case exactBinomial = "exact_binomial"
        case chiSquareContinuityCorrected = "chi_square_continuity_corrected"
    }

    /// Messages A got wrong and B got right.
    public var b01: Int
    /// Messages A got right and B got wrong.
    public var b10: Int
    public var method: Method
    /// The chi-square statistic (nil for the exact test).
    public var statistic: Double?
    /// Two-sided p-value.
    public var pValue: Double

    /// Below this many discordant messages the exact test is used.
    public static let exactBelow = 25

    public init(b01: Int, b10: Int) {
        self.b01 = b01
        self.b10 = b10
        let discordant = b01 + b10
        if discordant == 0 {
            method = .none
            statistic = nil
            pValue = 1
        } else if discordant < Self.exactBelow {
            method = .exactBinomial
            statistic = nil
            pValue = Self.exactTwoSidedP(min(b01, b10), of: discordant)
        } else {
            method = .chiSquareContinuityCorrected
            let excess = max(Double(abs(b01 - b10)) - 1, 0)
            let chiSquare = excess * excess / Double(discordant)
            statistic = chiSquare
            // Survival function of chi-square with one degree of freedom.
            pValue = min(1, erfc((chiSquare / 2).squareRoot()))
        }
    }

    /// Per-message correctness of two versions on the same messages.
    public init(aCorrect: [Bool], bCorrect: [Bool]) {
        var b01 = 0
        var b10 = 0
        for (a, b) in zip(aCorrect, bCorrect) where a != b {
            if b { b01 += 1 } else { b10 += 1 }
        }
        self.init(b01: b01, b10: b10)
    }

    /// `min(1, 2 · P(X ≤ k))` for X ~ Binomial(n, ½).
    static func exactTwoSidedP(_ k: Int, of n: Int) -> Double {
        var term = pow(0.5, Double(n))  // C(n, 0) / 2^n
        var tail = term
        if k >= 1 {
            for i in 1...k {
                term *= Double(n - i + 1) / Double(i)
                tail += term
            }
        }
        return min(1, 2 * tail)
    }
}
