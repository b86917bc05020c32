import BatonFormat
import BatonRegistry
import Foundation
import Testing

/// Thrown by a fault hook to stand in for the process dying at that step.
private struct SimulatedCrash: Error {}

@Suite("Model registry: a publish that dies at any step leaves a loadable current")
struct PublishCrashTests {
    @Test(
        "crash at each step, with and without an earlier version",
        arguments: PublishStep.allCases, [false, true])
    func crashAtStep(step: PublishStep, hadEarlierVersion: Bool) throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            if hadEarlierVersion { try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true) }
            let earlier = registry.currentVersion()
            let attempted = hadEarlierVersion ? "v2" : "v1"

            #expect(throws: SimulatedCrash.self) {
                try registry.publish(SampleModel.artifacts(seed: 2), makeCurrent: true) { reached in
                    if reached == step { throw SimulatedCrash() }
                }
            }

            // `current` moves only with the final rename; before it, it is where it was.
            let expectedCurrent = step == .pointerRenamed ? attempted : earlier
            #expect(registry.currentVersion() == expectedCurrent)
            if let current = registry.currentVersion() {
                _ = try registry.load(version: current)
                _ = try ModelFolderReader.load(from: root.appendingPathComponent("current"))
            }
            // Only complete versions are listed, and each of them verifies.
            let listed = try registry.versions()
            let expectedListed = (hadEarlierVersion ? ["v1"] : []) + (step == .stagingWritten ? [] : [attempted])
            #expect(listed == expectedListed)
            for version in listed { _ = try registry.load(version: version) }

            // The crash left what a real crash would leave.
            let leftovers = try FolderSurgery.entries(of: root).filter { $0.hasPrefix(".staging-") || $0.hasPrefix(".current.tmp-") }
            switch step {
            case .stagingWritten: #expect(leftovers.count == 1 && leftovers[0].hasPrefix(".staging-\(attempted)-"))
            case .pointerLinkCreated: #expect(leftovers.count == 1 && leftovers[0].hasPrefix(".current.tmp-"))
            case .versionRenamed, .pointerRenamed: #expect(leftovers.isEmpty)
            }

            // The next publish succeeds, takes the next free name and cleans up.
            let next = try registry.publish(SampleModel.artifacts(seed: 3), makeCurrent: true)
            #expect(next == (step == .stagingWritten ? attempted : (hadEarlierVersion ? "v3" : "v2")))
            #expect(registry.currentVersion() == next)
            #expect(try registry.load(version: next).bias == SampleModel.artifacts(seed: 3).bias)
            let after = try FolderSurgery.entries(of: root)
            #expect(after.allSatisfy { !$0.hasPrefix(".staging-") && !$0.hasPrefix(".current.tmp-") }, "\(after)")
        }
    }

    @Test("setCurrent that dies after creating its temporary link leaves current unchanged")
    func setCurrentCrashKeepsPointer() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(seed: 1), makeCurrent: true)
            try registry.publish(SampleModel.artifacts(seed: 2), makeCurrent: true)
            #expect(throws: SimulatedCrash.self) {
                try registry.setCurrent("v1") { if $0 == .pointerLinkCreated { throw SimulatedCrash() } }
            }
            #expect(registry.currentVersion() == "v2")
            try registry.setCurrent("v1")
            #expect(registry.currentVersion() == "v1")
        }
    }
}
