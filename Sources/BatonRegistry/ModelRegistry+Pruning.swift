import BatonFormat
import Foundation
import Glibc

/// Removing old versions to save space (hold the job lock).
extension ModelRegistry {
    /// Prefix of version folders being removed.
    public static let prunedPrefix = ".pruned-"

    /// The versions that ``prune(keep:protectDays:now:actor:faultHook:)`` must keep, with why.
    ///
    /// Kept: `current`; the parent of `current` (the first rollback target); the `keep` newest
    /// versions (at least the newest, so its name is never reused); every version that the
    /// history says was current at any moment of the last `protectDays` days (a router may
    /// still be draining requests on it, and it is the obvious rollback target).
    public func protectedVersions(keep: Int, protectDays: Int, now: Date) throws -> [String: String] {
        guard keep >= 1 else { throw RegistryChangeError.invalidKeep(keep) }
        guard protectDays >= 0 else { throw RegistryChangeError.invalidProtectDays(protectDays) }
        var protected: [String: String] = [:]
        func protect(_ version: String?, _ why: String) {
            if let version, protected[version] == nil { protected[version] = why }
        }
        let all = try versions()
        if let current = currentVersion() {
            protect(current, "current")
            // An unreadable manifest of `current` stops the prune rather than risk its parent.
            protect(try manifest(of: current).parentVersion, "parent of current")
        }
        for version in all.suffix(keep) { protect(version, "among the \(keep) newest") }

        let cutoff = now.addingTimeInterval(-Double(protectDays) * 86_400)
        let window = "current within the last \(protectDays) day\(protectDays == 1 ? "" : "s")"
        var currentAtCutoff: String?
        for event in try history.read().events {
            // An event whose time cannot be read is treated as recent: keeping too much is safe.
            let recent = event.date.map { $0 >= cutoff } ?? true
            if recent {
                // `previous` was current when the event happened.
                protect(event.previous, window)
                if event.movedCurrent { protect(event.version, window) }
            } else if event.movedCurrent {
                currentAtCutoff = event.version
            } else if let previous = event.previous {
                currentAtCutoff = previous
            }
        }
        protect(currentAtCutoff, window)
        return protected
    }

    /// Removes every version that ``protectedVersions(keep:protectDays:now:)`` does not keep,
    /// oldest first, and returns their names.
    ///
    /// Each removal is crash-safe for readers: `vN` is first renamed to `.pruned-vN-…` (atomic;
    /// from then on it is not listed and cannot be chosen), the history records it, and only
    /// then are its files deleted. Leftovers of an interrupted prune are deleted first.
    ///
    /// - Parameter protectDays: defaults to `keep`.
    @discardableResult
    public func prune(
        keep: Int, protectDays: Int? = nil, now: Date = Date(), actor: String = ModelHistory.defaultActor(),
        faultHook: ((PruneStep) throws -> Void)? = nil
    ) throws -> [String] {
        let days = protectDays ?? keep
        try reconcileHistory(actor: actor, now: now)
        try removePrunedLeftovers(actor: actor, now: now)
        let protected = try protectedVersions(keep: keep, protectDays: days, now: now)
        let current = currentVersion()
        var removed: [String] = []
        for version in try versions() where protected[version] == nil {
            let hidden = "\(Self.prunedPrefix)\(version)-\(getpid())-\(String(UInt64.random(in: .min ... .max), radix: 16))"
            let from = directory.path + "/" + version
            let to = directory.path + "/" + hidden
            try pruneStep { try DurableFileSystem.rename(from, to: to) }
            try pruneStep { try DurableFileSystem.syncDirectory(at: directory.path) }
            try faultHook?(.renamed)
            try history.append(
                HistoryEvent(
                    date: now, event: .pruned, version: version, previous: current, actor: actor,
                    reason: "pruned keeping the \(keep) newest and versions current within \(days) days"))
            try faultHook?(.recorded)
            try deleteTree(to)
            try faultHook?(.deleted)
            removed.append(version)
        }
        return removed
    }

    /// Deletes `.pruned-*` folders left by an interrupted prune, recording a `pruned` event for
    /// any whose removal the history does not yet show.
    public func removePrunedLeftovers(actor: String = ModelHistory.defaultActor(), now: Date = Date()) throws {
        let names: [String]
        do {
            names = try DurableFileSystem.entryNames(in: directory.path)
        } catch {
            throw RegistryError.directoryUnusable(directory: directory.path, reason: error.description)
        }
        let leftovers = names.filter { $0.hasPrefix(Self.prunedPrefix) }
        guard !leftovers.isEmpty else { return }
        let events = try history.read().events
        for name in leftovers.sorted() {
            let version = String(name.dropFirst(Self.prunedPrefix.count).prefix { $0 != "-" })
            let lastMention = events.last { $0.version == version }
            if Self.versionNumber(of: version) != nil, lastMention?.event != .pruned {
                try history.append(
                    HistoryEvent(
                        date: now, event: .pruned, version: version, previous: currentVersion(), actor: actor,
                        reason: "finished a prune that was interrupted after hiding the folder"))
            }
            try deleteTree(directory.path + "/" + name)
        }
    }

    private func deleteTree(_ path: String) throws {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw RegistryError.fileSystem(operation: "removing a pruned version folder", path: path, reason: "\(error)")
        }
        try pruneStep { try DurableFileSystem.syncDirectory(at: directory.path) }
    }

    private func pruneStep(_ operation: () throws -> Void) throws {
        do {
            try operation()
        } catch let failure as FileSystemFailure {
            throw RegistryError.fileSystem(operation: failure.operation, path: failure.path, reason: failure.reason)
        }
    }
}
