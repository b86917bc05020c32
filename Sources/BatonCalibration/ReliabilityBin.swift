/// One bar of a reliability diagram: the messages whose top-label confidence fell in
/// `(lower, upper]`, how confident the model was on them and how often it was right.
///
/// A calibrated model has `accuracy ≈ meanConfidence` in every bin; the gap, weighted by
/// `count`, is what the expected calibration error adds up.
public struct ReliabilityBin: Codable, Hashable, Sendable {
    /// Exclusive lower edge (the first bin also holds confidence exactly 0).
    public var lower: Double
    /// Inclusive upper edge.
    public var upper: Double
    /// Messages in the bin.
    public var count: Int
    /// Mean top-label confidence of those messages; 0 for an empty bin.
    public var meanConfidence: Double
    /// Share of those messages whose top label was right; 0 for an empty bin.
    public var accuracy: Double

    public init(lower: Double, upper: Double, count: Int, meanConfidence: Double, accuracy: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanConfidence = meanConfidence
        self.accuracy = accuracy
    }
}
