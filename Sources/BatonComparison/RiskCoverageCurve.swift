/// How the error rate among the messages a version answers grows as it answers more of them.
///
/// Messages are taken most confident first: at coverage c the version answers the share c it
/// is surest about, and the risk is the share of those it gets wrong. A lower curve is a better
/// ranking of its own mistakes, which is what tier thresholds rely on. The area under the
/// curve (AURC, the mean risk over all coverages) sums it up in one number; lower is better.
public struct RiskCoverageCurve: Codable, Hashable, Sendable {
    public struct Point: Codable, Hashable, Sendable {
        /// Share of messages answered, in (0, 1].
        public var coverage: Double
        /// Share of the answered messages whose top intent is wrong.
        public var risk: Double
        /// The lowest confidence among the answered messages.
        public var confidence: Double
    }

    /// At most `maximumPoints` points, evenly spaced in coverage, ending at coverage 1.
    public var points: [Point]
    /// Mean risk over every coverage k/n, k = 1…n.
    public var areaUnderCurve: Double

    /// - Parameter maximumPoints: the curve is thinned to this many points for reports.
    public init(confidences: [Double], correct: [Bool], maximumPoints: Int = 200) {
        let n = min(confidences.count, correct.count)
        guard n > 0 else {
            points = []
            areaUnderCurve = 0
            return
        }
        // Most confident first; ties by index so the curve is deterministic.
        let order = (0..<n).sorted { (confidences[$0], $1) > (confidences[$1], $0) }
        let step = max(1, n / max(maximumPoints, 1))
        var errors = 0
        var riskSum = 0.0
        var kept: [Point] = []
        for (position, index) in order.enumerated() {
            if !correct[index] { errors += 1 }
            let answered = position + 1
            let risk = Double(errors) / Double(answered)
            riskSum += risk
            if answered % step == 0 || answered == n {
                kept.append(Point(coverage: Double(answered) / Double(n), risk: risk, confidence: confidences[index]))
            }
        }
        points = kept
        areaUnderCurve = riskSum / Double(n)
    }
}
