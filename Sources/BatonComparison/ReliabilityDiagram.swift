/// Accuracy against confidence in equal-width bins of top-label confidence, and the expected
/// calibration error (ECE) they add up to.
///
/// A well-calibrated version's bars sit on the diagonal: of the messages it is 80% sure about,
/// 80% are right. Thresholds are fitted on calibrated confidences, so a version whose bars sag
/// below the diagonal auto-resolves more wrong answers than its thresholds promise.
public struct ReliabilityDiagram: Codable, Hashable, Sendable {
    public struct Bin: Codable, Hashable, Sendable {
        /// Lower and upper edge of the bin; the last bin includes 1.
        public var lower: Double
        public var upper: Double
        public var count: Int
        /// Mean top-label confidence of the bin's messages (0 when empty).
        public var meanConfidence: Double
        /// Share of the bin's messages whose top intent is right (0 when empty).
        public var accuracy: Double
    }

    public var bins: [Bin]
    /// Σ (count / n) · |accuracy − mean confidence| over the bins.
    public var expectedCalibrationError: Double

    /// Builds the diagram from each message's top-label confidence and correctness.
    /// - Parameter binCount: equal-width bins over [0, 1] (15, as the calibration record uses).
    public init(confidences: [Double], correct: [Bool], binCount: Int = 15) {
        let count = max(binCount, 1)
        var totals = [Int](repeating: 0, count: count)
        var confidenceSums = [Double](repeating: 0, count: count)
        var hits = [Int](repeating: 0, count: count)
        for (index, confidence) in confidences.enumerated() where index < correct.count {
            let bin = min(max(Int(confidence * Double(count)), 0), count - 1)
            totals[bin] += 1
            confidenceSums[bin] += confidence
            if correct[index] { hits[bin] += 1 }
        }
        let n = totals.reduce(0, +)
        var ece = 0.0
        bins = (0..<count).map { bin in
            let total = totals[bin]
            let meanConfidence = total > 0 ? confidenceSums[bin] / Double(total) : 0
            let accuracy = total > 0 ? Double(hits[bin]) / Double(total) : 0
            if n > 0 { ece += Double(total) / Double(n) * abs(accuracy - meanConfidence) }
            return Bin(
                lower: Double(bin) / Double(count), upper: Double(bin + 1) / Double(count), count: total,
                meanConfidence: meanConfidence, accuracy: accuracy)
        }
        expectedCalibrationError = ece
    }
}
