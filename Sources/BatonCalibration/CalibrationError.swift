/// Expected calibration error (ECE) and the reliability diagram behind it.
///
/// This is a measurement, not a Swift `Error`: the name is the metric's name in the literature.
/// Why it matters here: the per-intent thresholds are read as probabilities ("auto-resolve at
/// 0.9 means right 9 times in 10"), which holds only when confidences are calibrated.
///
/// Binning: `bins` equal-width bins of top-label confidence over [0, 1]; bin `i` holds
/// confidences in `(i/B, (i+1)/B]`, and confidence 0 goes to the first bin. Values outside
/// [0, 1] go to the nearest end bin; non-finite confidences are skipped. When the two arrays
/// differ in length only the common prefix is used.
/// `ECE = Σ_bins (|bin| / n) · |accuracy(bin) − meanConfidence(bin)|`.
public enum CalibrationError {
    /// Expected calibration error in [0, 1]; 0 for no input.
    public static func expected(confidences: [Double], correct: [Bool], bins: Int = 15) -> Double {
        let diagram = reliability(confidences: confidences, correct: correct, bins: bins)
        let total = diagram.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        var sum = 0.0
        for bin in diagram where bin.count > 0 {
            sum += Double(bin.count) / Double(total) * abs(bin.accuracy - bin.meanConfidence)
        }
        return sum
    }

    /// Every bin, empty ones included (so a diagram always has `bins` bars), lowest first.
    /// `bins` below 1 is treated as 1.
    public static func reliability(confidences: [Double], correct: [Bool], bins: Int = 15) -> [ReliabilityBin] {
        let binCount = max(bins, 1)
        let width = Double(binCount)
        var counts = [Int](repeating: 0, count: binCount)
        var confidenceSums = [Double](repeating: 0, count: binCount)
        var correctCounts = [Int](repeating: 0, count: binCount)
        for row in 0..<min(confidences.count, correct.count) {
            let confidence = confidences[row]
            guard confidence.isFinite else { continue }
            let bin = binIndex(confidence, binCount: binCount)
            counts[bin] += 1
            confidenceSums[bin] += confidence
            if correct[row] { correctCounts[bin] += 1 }
        }
        return (0..<binCount).map { bin in
            let count = counts[bin]
            return ReliabilityBin(
                lower: Double(bin) / width, upper: Double(bin + 1) / width, count: count,
                meanConfidence: count > 0 ? confidenceSums[bin] / Double(count) : 0,
                accuracy: count > 0 ? Double(correctCounts[bin]) / Double(count) : 0)
        }
    }

    /// The bin `(i/B, (i+1)/B]` holding `confidence`, checked against the exact edges so that a
    /// confidence on an edge (0.2 with 5 bins) lands in the lower bin despite rounding.
    static func binIndex(_ confidence: Double, binCount: Int) -> Int {
        let width = Double(binCount)
        guard confidence > 0 else { return 0 }
        guard confidence < 1 else { return binCount - 1 }
        var bin = min(max(Int((confidence * width).rounded(.up)) - 1, 0), binCount - 1)
        while bin > 0, confidence <= Double(bin) / width { bin -= 1 }
        while bin < binCount - 1, confidence > Double(bin + 1) / width { bin += 1 }
        return bin
    }
}
