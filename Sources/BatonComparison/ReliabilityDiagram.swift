import BatonCalibration

/// Accuracy against confidence in equal-width bins of top-label confidence, and the expected
/// calibration error (ECE) they add up to.
///
/// A well-calibrated version's bars sit on the diagonal: of the messages it is 80% sure about,
/// 80% are right. Thresholds are fitted on calibrated confidences, so a version whose bars sag
/// below the diagonal auto-resolves more wrong answers than its thresholds promise.
public struct ReliabilityDiagram: Codable, Hashable, Sendable {
    public struct Bin: Codable, Hashable, Sendable {
        /// Lower and upper edge of the bin: it holds confidences in (lower, upper], the first bin also 0.
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

    /// Builds the diagram from each message's top-label confidence and correctness, with the
    /// same bins and ECE as ``BatonCalibration/CalibrationError`` (what `baton eval` and the
    /// manifest report), so a comparison never shows a second, slightly different ECE.
    /// - Parameter binCount: equal-width bins over [0, 1] (15, as the calibration record uses).
    public init(confidences: [Double], correct: [Bool], binCount: Int = 15) {
        bins = CalibrationError.reliability(confidences: confidences, correct: correct, bins: binCount).map {
            Bin(lower: $0.lower, upper: $0.upper, count: $0.count, meanConfidence: $0.meanConfidence, accuracy: $0.accuracy)
        }
        expectedCalibrationError = CalibrationError.expected(confidences: confidences, correct: correct, bins: binCount)
    }
}
