/// Replays agents' handoff ratings against a new tier policy: which past mistakes it would fix,
/// and which it would repeat.
///
/// Per intent (the decision's predicted intent): an `unnecessary_handoff` counts as resolved
/// when the new decision is tier 1 or 2 and, if the true intent is known, the predicted intent
/// equals it (resolving to the wrong intent is no fix). A `should_have_escalated` counts as
/// let through when the new decision is tier 1 or 2, whatever the intent. Other verdicts are
/// counted in `ignored`.
public enum FeedbackReplay {
    /// Rows sorted by intent; only intents with at least one case appear.
    public static func evaluate(_ cases: [ReplayCase]) -> [FeedbackReplayRow] {
        var rows: [String: FeedbackReplayRow] = [:]
        for replay in cases {
            let intent = replay.decision.intent
            var row = rows[intent] ?? FeedbackReplayRow(intent: intent)
            let botHandles = replay.decision.tier == 1 || replay.decision.tier == 2
            switch replay.verdict {
            case "unnecessary_handoff":
                row.unnecessaryHandoffs += 1
                if botHandles, replay.trueIntent.map({ $0 == intent }) ?? true { row.unnecessaryHandoffsResolved += 1 }
            case "should_have_escalated":
                row.shouldHaveEscalated += 1
                if botHandles { row.shouldHaveEscalatedLetThrough += 1 }
            default:
                row.ignored += 1
            }
            rows[intent] = row
        }
        return rows.keys.sorted().compactMap { rows[$0] }
    }
}
