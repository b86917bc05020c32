import BatonModel

/// Fits per-intent auto-resolve and review thresholds from out-of-sample evidence.
///
/// The rule, for one intent (or for all predictions pooled):
/// 1. Take the predictions whose predicted intent it is, sorted by confidence, highest first.
/// 2. For each distinct confidence `t`, the set `{confidence ≥ t}` holds `k` correct answers of
///    `m`. The auto-resolve threshold is the LOWEST `t` whose lower bound
///    `LB(k, m, confidenceLevel) ≥ autoResolveTarget`; nil (never auto-resolve) when no `t`
///    qualifies. Lowest, because a lower threshold resolves more messages, and every message the
///    threshold admits was counted in the certified set. The set need not be certified at every
///    higher `t`: a lone early mistake at the very top does not veto a well-supported threshold.
/// 3. The review threshold is the same with `reviewTarget`, then capped at the auto-resolve
///    threshold (review ≤ auto-resolve always; a nil review under a non-nil auto-resolve becomes
///    the auto-resolve threshold).
/// 4. Each non-nil threshold is clamped into `[floor, ceiling]`. These are business limits and
///    outrank the evidence.
///
/// Which evidence an intent gets:
/// - fewer than `minimumEvidence` predictions: the pooled thresholds (source "pooled");
/// - an override in the settings: the override's targets on its own evidence if there is
///   enough, else on the pooled evidence (source "override");
/// - otherwise, for each target, the intent's own certified threshold when it is at or below
///   the pooled one (the intent proves itself); else the pooled threshold, unless the intent's
///   own predictions above the pooled threshold are demonstrably below the target — their
///   one-sided upper confidence bound (same bound and level) is under it — in which case its
///   own certified threshold (possibly nil: never). Source "intent" when any threshold is its
///   own, "pooled" otherwise; `evidence` is the intent's own prediction count.
///
/// Why not each intent's own bound alone: with about a hundred predictions per intent (BANKING77),
/// a 95 % lower bound needs an observed precision near 0.99 to certify 0.95, so an honest but
/// unremarkable intent could never auto-resolve. Pooled evidence certifies a threshold for the
/// typical intent; each intent's own evidence can lower it (when the intent certifies itself) or
/// raise it (when the intent is shown to be weak), and a thin intent cannot claim 100 %.
/// The fallback is the pooled fit (source "pooled").
///
/// Cost: one sort per intent and at most one pass over cumulative counts, `O(m log m)`; the
/// bound is evaluated only where the observed precision `k/m` reaches the target, since no lower
/// bound at a level ≥ 0.5 exceeds the observed precision.
///
/// Predictions with a non-finite confidence are ignored.
public enum ThresholdCalibrator {
    public static func fit(_ predictions: [OutOfSamplePrediction], intents: [String], settings: ThresholdSettings) -> ThresholdFit {
        let usable = predictions.filter { $0.confidence.isFinite }
        let pooled = Evidence(usable)
        let pooledDefault = thresholds(
            pooled, autoResolveTarget: settings.autoResolveTarget, reviewTarget: settings.reviewTarget,
            settings: settings, source: "pooled")
        let byIntent = Dictionary(grouping: usable, by: \.predictedIntent)
        let pooledAutoResolve = pooled.lowestCertifiedConfidence(
            target: settings.autoResolveTarget, bound: settings.bound, level: settings.confidenceLevel)
        var perIntent: [String: TierPolicy.Thresholds] = [:]
        for intent in intents where perIntent[intent] == nil {
            let own = byIntent[intent] ?? []
            let enough = !own.isEmpty && own.count >= settings.minimumEvidence
            if let override = settings.overrides[intent] {
                perIntent[intent] = thresholds(
                    enough ? Evidence(own) : pooled,
                    autoResolveTarget: override.autoResolveTarget ?? settings.autoResolveTarget,
                    reviewTarget: override.reviewTarget ?? settings.reviewTarget,
                    settings: settings, source: "override")
            } else if enough {
                perIntent[intent] = poolAware(Evidence(own), pooled: pooled, pooledAutoResolve: pooledAutoResolve, settings: settings)
            } else {
                perIntent[intent] = pooledDefault
            }
        }
        return ThresholdFit(perIntent: perIntent, fallback: pooledDefault)
    }

    /// An intent with enough evidence of its own, judged against the pooled thresholds.
    static func poolAware(
        _ own: Evidence, pooled: Evidence, pooledAutoResolve: Double?, settings: ThresholdSettings
    ) -> TierPolicy.Thresholds {
        var usedOwn = false
        let level = settings.confidenceLevel
        /// - Parameter pool: the threshold the pooled evidence certifies for `target`.
        func choose(target: Double, ownEvidence: Evidence, pool: Double?) -> Double? {
            let mine = ownEvidence.lowestCertifiedConfidence(target: target, bound: settings.bound, level: level)
            guard let pool else {
                usedOwn = true
                return mine
            }
            if let mine, mine <= pool {
                usedOwn = true
                return mine
            }
            let (correct, total) = ownEvidence.counts(atOrAbove: pool)
            if total == 0 || Double(correct) >= target * Double(total) { return pool }
            // Weak here: raise to where its own record reaches the target (never below the
            // certified pooled threshold), or to its own certified threshold, or never.
            usedOwn = true
            return ownEvidence.lowestObservedConfidence(target: target, atOrAbove: pool) ?? mine
        }
        // The pooled auto-resolve threshold is the same for every intent: the caller computes it once.
        let autoResolve = choose(target: settings.autoResolveTarget, ownEvidence: own, pool: pooledAutoResolve)
        // Review judges the band below auto-resolve: the messages tier 2 would answer.
        let pooledReview = pooled.below(autoResolve).lowestCertifiedConfidence(
            target: settings.reviewTarget, bound: settings.bound, level: level)
        let review = choose(target: settings.reviewTarget, ownEvidence: own.below(autoResolve), pool: pooledReview)
        return finished(autoResolve: autoResolve, review: review, evidence: own.count, source: usedOwn ? "intent" : "pooled", settings: settings)
    }

    /// Review at most auto-resolve (a nil review under a non-nil auto-resolve becomes it), then
    /// both clamped into `[floor, ceiling]`.
    static func finished(
        autoResolve: Double?, review: Double?, evidence: Int, source: String, settings: ThresholdSettings
    ) -> TierPolicy.Thresholds {
        var review = review
        if let auto = autoResolve, review.map({ $0 > auto }) ?? true { review = auto }
        func clamped(_ value: Double?) -> Double? { value.map { min(max($0, settings.floor), settings.ceiling) } }
        return TierPolicy.Thresholds(autoResolve: clamped(autoResolve), review: clamped(review), evidence: evidence, source: source)
    }

    /// Steps 2–4 of the rule on one body of evidence.
    static func thresholds(
        _ evidence: Evidence, autoResolveTarget: Double, reviewTarget: Double, settings: ThresholdSettings, source: String
    ) -> TierPolicy.Thresholds {
        let autoResolve = evidence.lowestCertifiedConfidence(
            target: autoResolveTarget, bound: settings.bound, level: settings.confidenceLevel)
        let review = evidence.lowestCertifiedConfidence(
            target: reviewTarget, bound: settings.bound, level: settings.confidenceLevel)
        return finished(autoResolve: autoResolve, review: review, evidence: evidence.count, source: source, settings: settings)
    }

    /// Predictions sorted by confidence (highest first), reduced to one entry per distinct
    /// confidence with the cumulative correct and total counts of `{confidence ≥ t}`.
    struct Evidence {
        /// Distinct confidences, descending.
        var confidences: [Double] = []
        /// Correct predictions with confidence ≥ `confidences[i]`.
        var correctAtOrAbove: [Int] = []
        /// Predictions with confidence ≥ `confidences[i]`.
        var totalAtOrAbove: [Int] = []

        var count: Int { totalAtOrAbove.last ?? 0 }

        init(_ predictions: [OutOfSamplePrediction]) {
            let sorted = predictions.sorted { $0.confidence > $1.confidence }
            var correct = 0
            for (position, prediction) in sorted.enumerated() {
                if prediction.correct { correct += 1 }
                let total = position + 1
                if let last = confidences.last, last == prediction.confidence {
                    correctAtOrAbove[correctAtOrAbove.count - 1] = correct
                    totalAtOrAbove[totalAtOrAbove.count - 1] = total
                } else {
                    confidences.append(prediction.confidence)
                    correctAtOrAbove.append(correct)
                    totalAtOrAbove.append(total)
                }
            }
        }

        /// The same evidence without the predictions at or above `threshold` (all of it when nil).
        func below(_ threshold: Double?) -> Evidence {
            guard let threshold else { return self }
            let (correctAbove, totalAbove) = counts(atOrAbove: threshold)
            var result = Evidence([])
            for index in confidences.indices where confidences[index] < threshold {
                result.confidences.append(confidences[index])
                result.correctAtOrAbove.append(correctAtOrAbove[index] - correctAbove)
                result.totalAtOrAbove.append(totalAtOrAbove[index] - totalAbove)
            }
            return result
        }

        /// The lowest distinct confidence ≥ `floor` whose set `{confidence ≥ t}` has an observed
        /// precision ≥ target (no bound: used only to raise an already certified threshold).
        func lowestObservedConfidence(target: Double, atOrAbove floor: Double) -> Double? {
            for index in confidences.indices.reversed() where confidences[index] >= floor {
                if Double(correctAtOrAbove[index]) >= target * Double(totalAtOrAbove[index]) { return confidences[index] }
            }
            return nil
        }

        /// Correct and total predictions with confidence ≥ `threshold`.
        func counts(atOrAbove threshold: Double) -> (correct: Int, total: Int) {
            // `confidences` is descending: the last index still ≥ threshold.
            var low = 0
            var high = confidences.count
            while low < high {
                let middle = (low + high) / 2
                if confidences[middle] >= threshold { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? (0, 0) : (correctAtOrAbove[low - 1], totalAtOrAbove[low - 1])
        }

        /// The lowest distinct confidence whose set `{confidence ≥ t}` has a lower bound ≥ target.
        /// Scans from the lowest confidence up and stops at the first certified one, which is
        /// that lowest; usually only a few bounds are computed.
        func lowestCertifiedConfidence(target: Double, bound: PrecisionBound, level: Double) -> Double? {
            for index in confidences.indices.reversed() {
                let k = correctAtOrAbove[index]
                let m = totalAtOrAbove[index]
                // No lower bound at level ≥ 0.5 exceeds k/m: skip the bound where it cannot pass.
                if level >= 0.5, Double(k) < target * Double(m) { continue }
                if bound.lowerBound(successes: k, trials: m, level: level) >= target { return confidences[index] }
            }
            return nil
        }
    }
}
