import BatonFormat
import BatonRegistry
import Foundation
import Testing

/// Thrown by a fault hook to stand in for the process dying at that step.
private struct SimulatedCrash: Error {}

@Suite("Promote and roll back")
struct PromotionTests {
    /// v1 ← v2 ← v3 (parents in the manifests), published one after the other with history.
    static func threeVersions(_ root: URL) throws -> ModelRegistry {
        let registry = try ModelRegistry(directory: root)
        var previous: String?
        for seed in 1...3 {
            var artifacts = SampleModel.artifacts(seed: seed)
            artifacts.manifest.parentVersion = previous
            let version = try registry.publish(artifacts, makeCurrent: true)
            try registry.recordPublished(version, previous: previous, actor: "cron")
            previous = version
        }
        return registry
    }

    @Test("promote moves current and records who, why and what was current")
    func promoteRecords() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            let change = try registry.promote("v1", actor: "ana", reason: "v3 misroutes refunds")
            #expect(registry.currentVersion() == "v1")
            #expect(change.from == "v3" && change.to == "v1" && change.reconciled == nil)
            let last = try #require(try registry.history.read().events.last)
            #expect(last.event == .promoted && last.version == "v1" && last.previous == "v3" && last.actor == "ana")
            #expect(last.reason == "v3 misroutes refunds")
            // Promoting the current version again changes and records nothing.
            let again = try registry.promote("v1", actor: "ana", reason: "again")
            #expect(again.recorded == nil)
            #expect(try registry.history.read().events.count == 4)
        }
    }

    @Test("promote refuses a damaged version; current and history stay as they were")
    func promoteRefusesDamaged() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            try FolderSurgery.flipBit(in: "weights.f32", of: root.appendingPathComponent("v1"))
            #expect(throws: RegistryError.self) { try registry.promote("v1", actor: "ana", reason: "try") }
            #expect(throws: RegistryError.self) { try registry.promote("v9", actor: "ana", reason: "try") }
            #expect(registry.currentVersion() == "v3")
            #expect(try registry.history.read().events.count == 3)
        }
    }

    @Test("rollback goes to the previous current, and a second rollback walks further back")
    func rollbackWalksBack() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            #expect(try registry.rollbackTarget() == "v2")
            let first = try registry.rollback(actor: "ana", reason: "bad night")
            #expect(first.from == "v3" && first.to == "v2" && registry.currentVersion() == "v2")
            let second = try registry.rollback(actor: "ana", reason: "still bad")
            #expect(second.to == "v1" && registry.currentVersion() == "v1")
            let events = try registry.history.read().events.suffix(2)
            #expect(events.map(\.event) == [.rolledBack, .rolledBack])
            #expect(events.map(\.previous) == ["v3", "v2"])
            // v1 has no earlier version: refused, nothing changes.
            #expect(throws: RegistryChangeError.self) { try registry.rollback(actor: "ana", reason: "x") }
            #expect(registry.currentVersion() == "v1")
        }
    }

    @Test("rollback follows the history past a promotion, and --to picks any version")
    func rollbackAfterPromotion() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            try registry.promote("v1", actor: "ana", reason: "test v1")
            // v1 was made current from v3, so rolling back returns to v3, not to v1's (absent) parent.
            #expect(try registry.rollbackTarget() == "v3")
            try registry.rollback(to: "v2", actor: "ana", reason: "explicit")
            #expect(registry.currentVersion() == "v2")
            #expect(throws: RegistryChangeError.self) { try registry.rollback(to: "v2", actor: "ana", reason: "same") }
        }
    }

    @Test("without history, rollback uses the manifest's parent; with nothing current it is refused")
    func rollbackWithoutHistory() throws {
        try TemporaryFolder.use { root in
            let empty = try ModelRegistry(directory: root.appendingPathComponent("empty"))
            #expect(throws: RegistryChangeError.self) { try empty.rollback(actor: "ana", reason: "x") }

            let registry = try ModelRegistry(directory: root.appendingPathComponent("models"))
            try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true)
            var second = SampleModel.artifacts(seed: 2)
            second.manifest.parentVersion = "v1"
            try registry.publish(second, makeCurrent: true)
            let change = try registry.rollback(actor: "ana", reason: "no history yet")
            #expect(change.to == "v1" && registry.currentVersion() == "v1")
            // The history now starts with v2 having been current, then the rollback.
            let events = try registry.history.read().events
            #expect(events.map(\.event) == [.published, .rolledBack])
            #expect(events.first?.version == "v2")
        }
    }

    @Test("a promote that dies at any pointer step leaves a loadable current; running it again finishes the record once", arguments: [PublishStep.pointerLinkCreated, .pointerRenamed])
    func promoteCrash(step: PublishStep) throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            #expect(throws: SimulatedCrash.self) {
                try registry.promote("v1", actor: "ana", reason: "crashing") { if $0 == step { throw SimulatedCrash() } }
            }
            let current = try #require(registry.currentVersion())
            #expect(current == (step == .pointerRenamed ? "v1" : "v3"))
            _ = try ModelFolderReader.load(from: root.appendingPathComponent("current"))
            #expect(try registry.history.read().events.count == 3, "the event is appended only after the pointer moved")

            let retry = try registry.promote("v1", actor: "ana", reason: "again")
            #expect(registry.currentVersion() == "v1")
            let events = try registry.history.read().events
            #expect(events.filter { $0.version == "v1" && $0.movedCurrent && $0.previous == "v3" }.count == 1, "\(events)")
            #expect(try registry.history.read().current == "v1")
            #expect(events.last?.event == .promoted && events.last?.actor == "ana")
            #expect((retry.reconciled != nil) == (step == .pointerRenamed))
            let leftovers = try FolderSurgery.entries(of: root).filter { $0.hasPrefix(".current.tmp-") }
            #expect(leftovers.count <= 1)
        }
    }

    @Test("a rollback that dies after moving the pointer is not repeated by running it again", arguments: [PublishStep.pointerLinkCreated, .pointerRenamed])
    func rollbackCrash(step: PublishStep) throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            #expect(throws: SimulatedCrash.self) {
                try registry.rollback(actor: "ana", reason: "crashing") { if $0 == step { throw SimulatedCrash() } }
            }
            #expect(registry.currentVersion() == (step == .pointerRenamed ? "v2" : "v3"))
            _ = try ModelFolderReader.load(from: root.appendingPathComponent("current"))

            try registry.rollback(actor: "ana", reason: "again")
            // Either way exactly one rollback happened: v3 → v2, recorded once.
            #expect(registry.currentVersion() == "v2")
            let rollbacks = try registry.history.read().events.filter { $0.event == .rolledBack }
            #expect(rollbacks.count == 1 && rollbacks.first?.version == "v2" && rollbacks.first?.previous == "v3")
        }
    }

    @Test("markRejected records the gate's reasons; the version stays on disk and current does not move")
    func rejected() throws {
        try TemporaryFolder.use { root in
            let registry = try Self.threeVersions(root)
            try registry.publish(SampleModel.artifacts(seed: 4), makeCurrent: false)
            let event = try registry.markRejected(version: "v4", reasons: ["macro-F1 dropped", "refund lost 30 points"], actor: "cron")
            #expect(event.previous == "v3" && event.reason == "macro-F1 dropped; refund lost 30 points")
            #expect(registry.currentVersion() == "v3")
            #expect(try registry.versions().contains("v4"))
            #expect(try registry.history.read().current == "v3")
            #expect(throws: RegistryError.self) { try registry.markRejected(version: "v9", reasons: [], actor: "cron") }
        }
    }
}
