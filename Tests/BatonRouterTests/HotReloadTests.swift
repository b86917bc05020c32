import BatonFormat
import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing

@testable import BatonRouter

/// What routing threads saw, shared with the test.
private final class RoutingLog: Sendable {
    let stop = Atomic<Bool>(false)
    let decisions = Atomic<Int>(0)
    let versionsSeen = Mutex<Set<String>>([])
    let mismatches = Mutex<[String]>([])
}

@Suite("Intent router: hot reload")
struct HotReloadTests {
    @Test("current moved: the next check reloads, and new decisions use the new version")
    func reloadsWhenCurrentMoves() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1", seed: 1)
            try models.write("v2", seed: 5)
            try models.point(at: "v1")
            let router = try IntentRouter(modelsDirectory: root)
            let before = router.decide("refund my invoice")
            #expect(router.reloadIfChanged() == .unchanged)

            try models.point(at: "v2")
            #expect(router.reloadIfChanged() == .reloaded(from: "v1", to: "v2"))
            #expect(router.currentVersion == "v2")
            let after = router.decide("refund my invoice")
            let expected = try IntentRouter(versionFolder: models.folder("v2")).decide("refund my invoice")
            #expect(after == expected)
            #expect(after.confidence != before.confidence)
            #expect(router.reloadIfChanged() == .unchanged)
            #expect(router.reloadIfChanged(force: true) == .reloaded(from: "v2", to: "v2"))
        }
    }

    @Test("current moved to a damaged version: the old one keeps serving, the outcome says why, no retry")
    func damagedVersionIsRefused() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1", seed: 1)
            try models.write("v2", seed: 2)
            try models.write("v3", seed: 3)
            try models.point(at: "v1")
            let router = try IntentRouter(modelsDirectory: root)
            let served = router.decide("reset my password")

            try models.flipBit(in: "weights.f32", of: "v2")
            try models.point(at: "v2")
            let outcome = router.reloadIfChanged()
            guard case .failed(let version, let reason) = outcome else {
                Issue.record("expected a refusal, got \(outcome)")
                return
            }
            #expect(version == "v2")
            #expect(reason.contains("weights.f32"))
            #expect(reason.contains("SHA-256"))
            #expect(router.currentVersion == "v1")
            #expect(router.decide("reset my password") == served)

            // The same broken version is not read again every poll …
            try models.replace("weights.f32", in: "v2", with: [])  // would now fail differently
            #expect(router.reloadIfChanged() == .unchanged)
            // … unless forced.
            guard case .failed(_, let forced) = router.reloadIfChanged(force: true) else {
                Issue.record("a forced reload of a broken version must fail")
                return
            }
            #expect(forced.contains("truncated"))

            // Once current moves on to a good version, it is served.
            try models.point(at: "v3")
            #expect(router.reloadIfChanged() == .reloaded(from: "v1", to: "v3"))
            // Moving back to the broken one is tried again, because current moved.
            try models.point(at: "v2")
            guard case .failed = router.reloadIfChanged() else {
                Issue.record("current moved back to a broken version: it must be checked and refused")
                return
            }
            #expect(router.currentVersion == "v3")
        }
    }

    @Test("current removed: the router keeps serving and says so once")
    func missingCurrentKeepsServing() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            try models.point(at: "v1")
            let router = try IntentRouter(modelsDirectory: root)
            unlink(root.appendingPathComponent("current").path)
            guard case .failed(let version, let reason) = router.reloadIfChanged() else {
                Issue.record("a missing current must be reported")
                return
            }
            #expect(version == "current")
            #expect(reason.contains("no `current`"))
            #expect(router.reloadIfChanged() == .unchanged)
            #expect(router.currentVersion == "v1")
            try models.point(at: "v1")
            #expect(router.reloadIfChanged() == .unchanged)  // back where it was: nothing to load
            unlink(root.appendingPathComponent("current").path)
            guard case .failed = router.reloadIfChanged() else {
                Issue.record("current went missing again after it had come back: that must be reported again")
                return
            }
        }
    }

    @Test("a pinned router never reloads")
    func pinnedRouterNeverReloads() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            try models.write("v2", seed: 2)
            try models.point(at: "v1")
            let router = try IntentRouter(versionFolder: models.folder("v1"))
            try models.point(at: "v2")
            #expect(router.reloadIfChanged(force: true) == .unchanged)
            #expect(router.currentVersion == "v1")
        }
    }

    @Test("polling notices a move of current and reports it")
    func pollingReloads() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            try models.write("v1")
            try models.write("v2", seed: 2)
            try models.point(at: "v1")
            let router = try IntentRouter(modelsDirectory: root)
            let outcomes = Mutex<[ReloadOutcome]>([])
            router.startPolling(every: .milliseconds(5)) { outcome in outcomes.withLock { $0.append(outcome) } }
            defer { router.stopPolling() }
            try models.point(at: "v2")
            let deadline = Date().addingTimeInterval(20)
            while outcomes.withLock({ $0.isEmpty }), Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            router.stopPolling()
            #expect(outcomes.withLock { $0 } == [.reloaded(from: "v1", to: "v2")])
            #expect(router.currentVersion == "v2")
        }
    }

    @Test("4 threads routing through 20 reloads only ever get what some single version gives")
    func concurrentRoutingDuringReloads() throws {
        try TemporaryFolder.use { root in
            let models = ModelsFolder(root: root)
            let versions = (1...21).map { "v\($0)" }
            for (index, version) in versions.enumerated() { try models.write(version, seed: index + 1) }
            let messages = TinyModel.messages
            // What each version alone decides for each message.
            var expected: [String: [RoutingDecision]] = [:]
            for version in versions {
                let pinned = try IntentRouter(versionFolder: models.folder(version))
                expected[version] = messages.map { pinned.decide($0) }
            }
            #expect(Set(expected.values.map { $0.map(\.confidence) }).count == versions.count)  // all distinguishable
            let reference = expected

            try models.point(at: "v1")
            let router = try IntentRouter(modelsDirectory: root)
            let log = RoutingLog()
            let group = DispatchGroup()
            for thread in 0..<4 {
                DispatchQueue.global().async(group: group) {
                    // Bounded even if the test never says stop.
                    for iteration in 0..<2_000_000 {
                        if log.stop.load(ordering: .acquiring) { break }
                        let index = (iteration + thread) % messages.count
                        let decision = iteration % 5 == 0 ? router.decide([messages[index]])[0] : router.decide(messages[index])
                        let wanted = reference[decision.version]?[index]
                        if decision.intent != wanted?.intent || decision.confidence != wanted?.confidence || decision != wanted {
                            log.mismatches.withLock { $0.append("\(decision.version) \(messages[index]): \(decision)") }
                        }
                        log.versionsSeen.withLock { _ = $0.insert(decision.version) }
                        log.decisions.add(1, ordering: .relaxed)
                    }
                }
            }
            var outcomes: [ReloadOutcome] = []
            for (previous, next) in zip(versions, versions.dropFirst()) {
                try models.point(at: next)
                outcomes.append(router.reloadIfChanged())
                #expect(outcomes.last == .reloaded(from: previous, to: next))
                // Let the routing threads decide on this version for a moment.
                let seen = log.decisions.load(ordering: .relaxed)
                let deadline = Date().addingTimeInterval(5)
                while log.decisions.load(ordering: .relaxed) < seen + 200, Date() < deadline { sched_yield() }
            }
            log.stop.store(true, ordering: .releasing)
            #expect(group.wait(timeout: .now() + 60) == .success)
            #expect(outcomes.count == 20)
            #expect(log.mismatches.withLock { $0 } == [])
            #expect(log.decisions.load(ordering: .relaxed) > 1_000)
            #expect(log.versionsSeen.withLock { $0.count } > 10)
            #expect(router.currentVersion == "v21")
        }
    }
}
