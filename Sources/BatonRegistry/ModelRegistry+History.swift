import Foundation

/// Recording what happens to versions in `history.jsonl` (hold the job lock to append).
extension ModelRegistry {
    /// The history file of this models folder.
    public var history: ModelHistory { ModelHistory(directory: directory) }

    /// Records that `version` was published and made current (by `publish(_:makeCurrent: true)`).
    ///
    /// - Parameter previous: what `current` was before the publish.
    @discardableResult
    public func recordPublished(
        _ version: String, previous: String?, actor: String = ModelHistory.defaultActor(), reason: String = "nightly retrain",
        now: Date = Date()
    ) throws -> HistoryEvent {
        let event = HistoryEvent(date: now, event: .published, version: version, previous: previous, actor: actor, reason: reason)
        try history.append(event)
        return event
    }

    /// Records that `version` failed the promotion gate. The version stays on disk, never
    /// becomes current by itself, and can still be promoted by hand.
    @discardableResult
    public func markRejected(
        version: String, reasons: [String], actor: String = ModelHistory.defaultActor(), now: Date = Date()
    ) throws -> HistoryEvent {
        _ = try manifest(of: version)
        let event = HistoryEvent(
            date: now, event: .rejected, version: version, previous: currentVersion(), actor: actor,
            reason: reasons.isEmpty ? "rejected by the promotion gate" : reasons.joined(separator: "; "))
        try history.append(event)
        return event
    }

    /// Makes the history agree with the `current` link: when the last recorded move of
    /// `current` names another version than the link (a run died between moving the pointer
    /// and appending its event), appends the missing event and returns it.
    ///
    /// The missing event's kind is inferred: a version never mentioned before that is newer
    /// than the recorded current was published; a newer one was promoted; an older one was
    /// rolled back to.
    @discardableResult
    public func reconcileHistory(actor: String = ModelHistory.defaultActor(), now: Date = Date()) throws -> HistoryEvent? {
        try reconcileHistory(actor: actor, now: now, interrupted: nil)
    }

    /// - Parameter interrupted: the change being retried (its version, kind and reason); when
    ///   the link already points at that version, the missing event is recorded as that change.
    func reconcileHistory(
        actor: String, now: Date, interrupted: (version: String, kind: HistoryEvent.Kind, reason: String)?
    ) throws -> HistoryEvent? {
        guard let current = currentVersion() else { return nil }
        let reading = try history.read()
        let recorded = reading.current
        guard recorded != current else { return nil }
        let kind: HistoryEvent.Kind
        let reason: String
        if let interrupted, interrupted.version == current {
            kind = interrupted.kind
            reason = interrupted.reason + " (recorded when the command was run again: the first run moved `current` and stopped)"
        } else {
            let currentNumber = Self.versionNumber(of: current) ?? 0
            let recordedNumber = recorded.flatMap(Self.versionNumber(of:)) ?? 0
            if currentNumber < recordedNumber {
                kind = .rolledBack
            } else if !reading.events.contains(where: { $0.version == current }) {
                kind = .published
            } else {
                kind = .promoted
            }
            reason =
                recorded == nil
                ? "\(current) was already current when the history began"
                : "recorded after the fact: `current` pointed at \(current) while the history's last move named \(recorded ?? "-") "
                    + "(a change was interrupted before it was recorded)"
        }
        let event = HistoryEvent(date: now, event: kind, version: current, previous: recorded, actor: actor, reason: reason)
        try history.append(event)
        return event
    }
}
