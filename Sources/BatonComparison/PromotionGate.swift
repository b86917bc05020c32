import Foundation

/// Decides whether a freshly trained version may replace the current one.
///
/// The candidate passes only if, on the same holdout as the current version:
/// 1. its macro-F1 is not lower by more than ``GateSettings/maxMacroF1Drop``;
/// 2. its tier-1 precision reaches ``GateSettings/minTier1Precision`` (when set): the number
///    customers feel, because a tier-1 mistake is answered without a human;
/// 3. no intent with at least ``GateSettings/minIntentSupport`` holdout messages loses more than
///    ``GateSettings/maxIntentF1Drop`` of F1. An average can hide one intent collapsing (a
///    batch of mislabelled corrections does exactly that); smaller intents are listed as too
///    little support to judge, because their F1 moves by whole points with one message.
/// With no current version the candidate passes: there is nothing to be worse than.
public enum PromotionGate {
    public static func judge(candidate: EvaluationSummary, current: EvaluationSummary?, settings: GateSettings = .init()) -> GateVerdict {
        var failures: [String] = []
        var passes: [String] = []
        var notes: [String] = []
        let name = candidate.version ?? "the candidate"

        if let target = settings.minTier1Precision {
            if let precision = candidate.tier1Precision {
                let line = "tier-1 precision \(percent(precision)) against the target \(percent(target))"
                    + (candidate.tier1Coverage.map { " (tier-1 coverage \(percent($0)))" } ?? "")
                if precision + 1e-12 < target { failures.append(line + ": below target") } else { passes.append(line + ": met") }
            } else {
                notes.append("no holdout message reached tier 1, so tier-1 precision is not measured; nothing would be auto-resolved")
            }
        }

        guard let current else {
            passes.insert("no current version to compare with: \(name) is the first model", at: 0)
            return GateVerdict(passed: failures.isEmpty, reasons: failures + passes + notes, failures: failures)
        }
        let currentName = current.version ?? "the current version"
        if current.rows != candidate.rows {
            notes.append(
                "\(name) was evaluated on \(candidate.rows) messages and \(currentName) on \(current.rows): "
                    + "the holdouts differ, so the comparison is approximate")
        }

        let drop = current.macroF1 - candidate.macroF1
        let macroLine =
            "macro-F1 \(percent(candidate.macroF1)) against \(percent(current.macroF1)) for \(currentName) "
            + "(\(points(candidate.macroF1 - current.macroF1)), tolerance −\(points(settings.maxMacroF1Drop, signed: false)))"
        if drop > settings.maxMacroF1Drop + 1e-12 { failures.append(macroLine + ": dropped too much") } else { passes.append(macroLine) }

        let candidateF1 = Dictionary(candidate.perIntent.map { ($0.intent, $0) }, uniquingKeysWith: { first, _ in first })
        var dropped: [(String, Double)] = []
        var tooSmall: [String] = []
        for old in current.perIntent.sorted(by: { $0.intent < $1.intent }) {
            let new = candidateF1[old.intent]
            let support = max(old.support, new?.support ?? 0)
            guard support > 0 else { continue }
            let loss = old.f1 - (new?.f1 ?? 0)
            guard loss > settings.maxIntentF1Drop + 1e-12 else { continue }
            let line = "\(old.intent): F1 \(percent(old.f1)) → \(percent(new?.f1 ?? 0)) (\(points(-loss)), support \(support))"
            if support >= settings.minIntentSupport {
                dropped.append((line, loss))
            } else {
                tooSmall.append(line)
            }
        }
        dropped.sort { $0.1 > $1.1 }
        if dropped.isEmpty {
            passes.append(
                "no intent with support ≥ \(settings.minIntentSupport) lost more than \(points(settings.maxIntentF1Drop, signed: false)) of F1")
        } else {
            failures.append(
                "\(dropped.count) intent\(dropped.count == 1 ? "" : "s") with support ≥ \(settings.minIntentSupport) lost more than "
                    + "\(points(settings.maxIntentF1Drop, signed: false)) of F1: " + dropped.map(\.0).joined(separator: "; "))
        }
        if !tooSmall.isEmpty {
            notes.append(
                "too little support to judge (fewer than \(settings.minIntentSupport) holdout messages), not failing: "
                    + tooSmall.joined(separator: "; "))
        }
        return GateVerdict(passed: failures.isEmpty, reasons: failures + passes + notes, failures: failures)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// A difference in percentage points: "+0.4 points", "−1.2 points".
    static func points(_ value: Double, signed: Bool = true) -> String {
        let magnitude = String(format: "%.1f", abs(value) * 100)
        guard signed else { return "\(magnitude) points" }
        return (value < 0 && magnitude != "0.0" ? "−" : "+") + magnitude + " points"
    }
}
