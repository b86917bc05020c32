import BatonEvaluation

/// The numbers of one version on one holdout that the promotion gate judges: macro-F1, tier-1
/// precision and coverage, and each intent's F1 with its support.
public struct EvaluationSummary: Codable, Hashable, Sendable {
    public struct IntentF1: Codable, Hashable, Sendable {
        public var intent: String
        public var f1: Double
        /// Holdout messages whose true intent is this one.
        public var support: Int

        public init(intent: String, f1: Double, support: Int) {
            self.intent = intent
            self.f1 = f1
            self.support = support
        }
    }

    public var version: String?
    /// Messages evaluated on.
    public var rows: Int
    public var accuracy: Double
    public var macroF1: Double
    /// nil when no message reached tier 1 (or tiers were not evaluated).
    public var tier1Precision: Double?
    public var tier1Coverage: Double?
    public var perIntent: [IntentF1]

    public init(
        version: String?, rows: Int, accuracy: Double, macroF1: Double, tier1Precision: Double?, tier1Coverage: Double?,
        perIntent: [IntentF1]
    ) {
        self.version = version
        self.rows = rows
        self.accuracy = accuracy
        self.macroF1 = macroF1
        self.tier1Precision = tier1Precision
        self.tier1Coverage = tier1Coverage
        self.perIntent = perIntent
    }

    /// From an ``EvaluationReport`` and the tier metrics measured on the same messages.
    public init(report: EvaluationReport, version: String? = nil, tier1Precision: Double?, tier1Coverage: Double?) {
        self.init(
            version: version, rows: report.rows, accuracy: report.accuracy, macroF1: report.macroF1,
            tier1Precision: tier1Precision, tier1Coverage: tier1Coverage,
            perIntent: report.perIntent.map { IntentF1(intent: $0.intent, f1: $0.f1, support: $0.support) })
    }
}
