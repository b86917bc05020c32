import BatonCore
import BatonFormat
import BatonRegistry
import Foundation
import Testing

private struct SimulatedCrash: Error {}

@Suite("Pruning old versions")
struct PruneTests {
    static let day: TimeInterval = 86_400
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// v1…v`count`, each the parent of the next, published 20 days apart, the newest 15 days ago.
    static func chain(_ root: URL, count: Int) throws -> ModelRegistry {
        let registry = try ModelRegistry(directory: root)
        var previous: String?
        for seed in 1...count {
            var artifacts = SampleModel.artifacts(seed: seed)
            artifacts.manifest.parentVersion = previous
            let version = try registry.publish(artifacts, makeCurrent: true)
            try registry.recordPublished(
                version, previous: previous, actor: "cron", now: now.addingTimeInterval(-Double(count - seed) * 20 * day - 15 * day))
            previous = version
        }
        return registry
    }

    @Test("keeps current, its parent and the newest; removes the rest and records each")
    func basicPrune() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.chain(root, count: 6)  // published 115, 95, 75, 55, 35, 15 days ago
            try registry.promote("v3", actor: "ana", reason: "pin", now: Self.now.addingTimeInterval(-12 * Self.day))
            // Kept: v3 (current, and current for the whole 10-day window), v2 (its parent), v6 (newest).
            let removed = try registry.prune(keep: 1, protectDays: 10, now: Self.now, actor: "ana")
            #expect(removed == ["v1", "v4", "v5"])
            #expect(try registry.versions() == ["v2", "v3", "v6"])
            #expect(registry.currentVersion() == "v3")
            let pruned = try registry.history.read().events.filter { $0.event == .pruned }
            #expect(pruned.map(\.version) == removed && pruned.allSatisfy { $0.previous == "v3" && $0.actor == "ana" })
            #expect(try FolderSurgery.entries(of: root).allSatisfy { !$0.hasPrefix(ModelRegistry.prunedPrefix) })
            // The next publish never reuses a pruned name.
            #expect(try registry.nextVersion() == "v7")
        }
    }

    @Test("--protect-days keeps every version that was current in the window")
    func protectWindow() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.chain(root, count: 6)
            // v6 has been current for 15 days, v5 was from 35 to 15 days ago, v4 from 55 to 35.
            let protected = try registry.protectedVersions(keep: 1, protectDays: 30, now: Self.now)
            #expect(Set(protected.keys) == ["v5", "v6"])
            #expect(protected["v5"] == "parent of current")
            let wider = try registry.protectedVersions(keep: 1, protectDays: 40, now: Self.now)
            #expect(Set(wider.keys) == ["v4", "v5", "v6"] && wider["v4"]?.contains("40 days") == true)
            #expect(try registry.prune(keep: 1, protectDays: 30, now: Self.now) == ["v1", "v2", "v3", "v4"])
        }
    }

    @Test("keep below 1 and negative days are refused")
    func invalidArguments() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.chain(root, count: 2)
            #expect(throws: RegistryChangeError.self) { try registry.prune(keep: 0, now: Self.now) }
            #expect(throws: RegistryChangeError.self) { try registry.prune(keep: 1, protectDays: -1, now: Self.now) }
            #expect(try registry.versions() == ["v1", "v2"])
        }
    }

    @Test("a prune that dies at any step leaves only complete versions listed; the next prune finishes it", arguments: PruneStep.allCases)
    func crashDuringPrune(step: PruneStep) throws {
        try TemporaryFolder.use { root in
            let registry = try Self.chain(root, count: 4)
            #expect(throws: SimulatedCrash.self) {
                try registry.prune(keep: 1, protectDays: 0, now: Self.now, actor: "cron") { if $0 == step { throw SimulatedCrash() } }
            }
            // v1 is hidden (renamed) before anything else happens to it.
            #expect(try registry.versions() == ["v2", "v3", "v4"])
            #expect(registry.currentVersion() == "v4")
            _ = try ModelFolderReader.load(from: root.appendingPathComponent("current"))
            for version in try registry.versions() { _ = try registry.load(version: version) }
            let hidden = try FolderSurgery.entries(of: root).filter { $0.hasPrefix(ModelRegistry.prunedPrefix) }
            #expect(hidden.count == (step == .deleted ? 0 : 1))

            let removed = try registry.prune(keep: 1, protectDays: 0, now: Self.now, actor: "cron")
            #expect(removed == ["v2"])
            #expect(try FolderSurgery.entries(of: root).allSatisfy { !$0.hasPrefix(ModelRegistry.prunedPrefix) })
            let pruned = try registry.history.read().events.filter { $0.event == .pruned }.map(\.version)
            #expect(pruned == ["v1", "v2"], "each removal recorded exactly once")
        }
    }

    // MARK: - Property: random histories

    /// A template registry of eight versions with fixed, partly non-linear parents.
    static let parents: [String?] = [nil, "v1", "v2", "v2", "v4", "v3", "v6", "v5"]

    static func template(_ root: URL) throws {
        let registry = try ModelRegistry(directory: root)
        for (index, parent) in parents.enumerated() {
            var artifacts = SampleModel.artifacts(seed: index + 1)
            artifacts.manifest.parentVersion = parent
            try registry.publish(artifacts, makeCurrent: false)
        }
    }

    @Test("over random histories, prune never removes current, its parent, the newest, or a recently current version")
    func randomHistories() throws {
        try TemporaryFolder.use { root in
            let template = root.appendingPathComponent("template")
            try Self.template(template)
            let versions = (1...Self.parents.count).map { "v\($0)" }
            var generator = SeededGenerator(seed: 2024)
            var totalRemoved = 0
            for trial in 0..<60 {
                let folder = root.appendingPathComponent("trial-\(trial)")
                try FileManager.default.copyItem(at: template, to: folder)
                let registry = try ModelRegistry(directory: folder)

                // Simulate a history of moves and other events over about 40 days.
                var time = Self.now.addingTimeInterval(-40 * Self.day)
                var current: String? = Bool.random(using: &generator) ? versions.randomElement(using: &generator) : nil
                var moves: [(Date, String)] = []
                var appended = 0
                let initial = current
                for _ in 0..<Int.random(in: 0...12, using: &generator) {
                    time.addTimeInterval(Double.random(in: 0...(4 * Self.day), using: &generator))
                    guard time < Self.now else { break }
                    let version = versions.randomElement(using: &generator) ?? "v1"
                    let kind = [HistoryEvent.Kind.published, .promoted, .rolledBack, .rejected].randomElement(using: &generator) ?? .promoted
                    try registry.history.append(
                        HistoryEvent(date: time, event: kind, version: version, previous: current, actor: "cron", reason: "random"))
                    appended += 1
                    if kind != .rejected {
                        current = version
                        moves.append((time, version))
                    }
                }
                // Sometimes the link moved without being recorded (a crash before the append).
                let link: String? =
                    Int.random(in: 0..<4, using: &generator) == 0 ? versions.randomElement(using: &generator) : current
                guard let link else { continue }
                try registry.setCurrent(link)

                let keep = Int.random(in: 1...4, using: &generator)
                let days = Int.random(in: 0...15, using: &generator)
                let before = try registry.versions()
                let removed = try registry.prune(keep: keep, protectDays: days, now: Self.now, actor: "cron")
                let after = try registry.versions()
                totalRemoved += removed.count

                // Independent oracle: the versions current at some moment of [now − days, now].
                let cutoff = Self.now.addingTimeInterval(-Double(days) * Self.day)
                var recent: Set<String> = [link]
                // What was current before the first event is known only from that event's `previous`.
                var holder = appended > 0 ? initial : nil
                for (date, version) in moves {
                    if date >= cutoff, let holder { recent.insert(holder) }
                    holder = version
                }
                if let holder { recent.insert(holder) }
                let parent = Self.parents[(ModelRegistry.versionNumber(of: link) ?? 1) - 1]
                let required = recent.union(parent.map { [$0] } ?? []).union(before.suffix(keep))

                #expect(registry.currentVersion() == link, "trial \(trial)")
                _ = try ModelFolderReader.load(from: folder.appendingPathComponent("current"))
                let log = try registry.history.read().events.map { "\($0.at) \($0.event) \($0.version) prev \($0.previous ?? "-")" }
                #expect(
                    required.isSubset(of: Set(after)),
                    "trial \(trial): removed \(removed), required \(required.sorted()), link \(link), keep \(keep), days \(days), initial \(initial ?? "-"), moves \(moves.map { ($0.0.timeIntervalSince(Self.now) / Self.day, $0.1) }), history \(log)")
                #expect(Set(after).union(removed) == Set(before) && Set(after).isDisjoint(with: removed), "trial \(trial)")
                let recorded = try registry.history.read().events.filter { $0.event == .pruned }.map(\.version)
                #expect(recorded == removed, "trial \(trial)")
                #expect(try FolderSurgery.entries(of: folder).allSatisfy { !$0.hasPrefix(ModelRegistry.prunedPrefix) })
            }
            #expect(totalRemoved > 20, "the random histories must actually prune something")
        }
    }
}
