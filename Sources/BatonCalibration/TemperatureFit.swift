/// The result of fitting one temperature to out-of-sample logits.
///
/// Kept with its before/after negative log-likelihood so the nightly report (and the manifest's
/// `CalibrationRecord`) can show that calibration helped, not just that it ran.
public struct TemperatureFit: Codable, Hashable, Sendable {
    /// Logits are divided by this before the softmax; in [0.05, 20]. Above 1 softens an
    /// over-confident model, below 1 sharpens an under-confident one.
    public var temperature: Double
    /// Mean negative log-likelihood of the true labels at temperature 1 (the raw model).
    public var nllBefore: Double
    /// Mean negative log-likelihood at ``temperature``; never above ``nllBefore`` when 1 is in range.
    public var nllAfter: Double
    /// Rows the fit used (rows with a label outside `0..<classCount` or a non-finite logit are skipped).
    public var rows: Int

    public init(temperature: Double, nllBefore: Double, nllAfter: Double, rows: Int = 0) {
        self.temperature = temperature
        self.nllBefore = nllBefore
        self.nllAfter = nllAfter
        self.rows = rows
    }
}
