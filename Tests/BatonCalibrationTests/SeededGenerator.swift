import BatonCore
import Foundation

/// Draws the calibration tests need on top of BatonCore's seeded generator.
extension SeededGenerator {
    /// A standard normal draw (Box–Muller).
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// An index drawn with the given probabilities (which sum to 1).
    mutating func categorical(_ probabilities: [Double]) -> Int {
        var u = Double.random(in: 0..<1, using: &self)
        for (index, p) in probabilities.enumerated() {
            if u < p { return index }
            u -= p
        }
        return probabilities.count - 1
    }
}
