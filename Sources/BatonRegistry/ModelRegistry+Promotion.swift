import Foundation

/// Moving `current` by hand: promote a version, roll back (hold the job lock).
///
/// Each change moves the pointer first (``ModelRegistry/setCurrent(_:faultHook:)``: verified,
/// atomic) and then appends its history event. A crash between the two leaves `current` on a
/// complete version and the event missing; the next change notices that the history disagrees
/// with the link and appends the missing event first (``ModelRegistry/reconcileHistory(actor:now:)``),
/// so re-running an interrupted command does not do it twice.
extension ModelRegistry {
    /// Makes `version` current after verifying every file of it, and records why.
    ///
    /// A damaged or missing version is refused and `current` stays where it was. Promoting the
    /// version that is already current changes nothing and records nothing.
    /// - Parameter event: `.promoted` for a person's choice; the nightly job passes `.published`
    ///   when a version it has just published passes the gate.
    @discardableResult
    public func promote(
        _ version: String, actor: String = ModelHistory.defaultActor(), reason: String, recordedAs event: HistoryEvent.Kind = .promoted,
        now: Date = Date(), faultHook: ((PublishStep) throws -> Void)? = nil
    ) throws -> PointerChange {
        let reconciled = try reconcileHistory(actor: actor, now: now, interrupted: (version, event, reason))
        let before = currentVersion()
        if before == version {
            try setCurrent(version, faultHook: faultHook)
            return PointerChange(from: before, to: version, recorded: nil, reconciled: reconciled)
        }
        try setCurrent(version, faultHook: faultHook)
        let recorded = HistoryEvent(date: now, event: event, version: version, previous: before, actor: actor, reason: reason)
        try history.append(recorded)
        return PointerChange(from: before, to: version, recorded: recorded, reconciled: reconciled)
    }

    /// Points `current` back at `target`, or by default at the version that was current before
    /// the present one, and records why.
    ///
    /// The default target is the `previous` of the last publish or promotion that made the
    /// present version current (so rolling back twice walks further back rather than
    /// flip-flopping), else the present version's parent in its manifest; it must still be on
    /// disk. When `current` has moved since the history's last record (a change that was
    /// interrupted before it was recorded, most likely this rollback run before), a rollback
    /// without `target` only records that move and moves nothing further: run it again to go
    /// further back.
    @discardableResult
    public func rollback(
        to target: String? = nil, actor: String = ModelHistory.defaultActor(), reason: String, now: Date = Date(),
        faultHook: ((PublishStep) throws -> Void)? = nil
    ) throws -> PointerChange {
        let reconciled = try reconcileHistory(
            actor: actor, now: now, interrupted: target.map { ($0, HistoryEvent.Kind.rolledBack, reason) })
        guard let present = currentVersion() else { throw RegistryChangeError.noCurrentVersion(directory: directory.path) }
        // `current` had moved without being recorded: most likely this very rollback, run
        // before and interrupted. Record that, and do not roll back a second time by guessing.
        // (A history that had recorded no move at all is simply older than this feature.)
        if let reconciled, reconciled.previous != nil, target == nil || target == present {
            return PointerChange(from: reconciled.previous, to: present, recorded: nil, reconciled: reconciled)
        }
        let destination = try target ?? rollbackTarget()
        guard destination != present else { throw RegistryChangeError.alreadyCurrent(version: present) }
        try setCurrent(destination, faultHook: faultHook)
        let recorded = HistoryEvent(date: now, event: .rolledBack, version: destination, previous: present, actor: actor, reason: reason)
        try history.append(recorded)
        return PointerChange(from: present, to: destination, recorded: recorded, reconciled: reconciled)
    }

    /// The version a rollback without `--to` would make current.
    public func rollbackTarget() throws -> String {
        guard let present = currentVersion() else { throw RegistryChangeError.noCurrentVersion(directory: directory.path) }
        let onDisk = Set(try versions())
        let events = try history.read().events
        var tried: [String] = []
        if let making = events.last(where: { $0.version == present && ($0.event == .published || $0.event == .promoted) }),
            let previous = making.previous, previous != present
        {
            if onDisk.contains(previous) { return previous }
            tried.append("the history's previous version \(previous) is no longer on disk")
        }
        if let parent = try manifest(of: present).parentVersion, parent != present {
            if onDisk.contains(parent) { return parent }
            tried.append("its parent \(parent) is no longer on disk")
        }
        let reason = tried.isEmpty ? "neither the history nor its manifest names an earlier version" : tried.joined(separator: " and ")
        throw RegistryChangeError.noRollbackTarget(current: present, directory: directory.path, reason: reason)
    }
}
