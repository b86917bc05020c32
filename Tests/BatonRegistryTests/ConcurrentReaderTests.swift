import BatonFormat
import BatonRegistry
import Dispatch
import Foundation
import Synchronization
import Testing

/// What the reader thread saw, shared with the test.
private final class ReaderLog: Sendable {
    let stop = Atomic<Bool>(false)
    let reads = Atomic<Int>(0)
    let failures = Mutex<[String]>([])

    func record(_ failure: String) { failures.withLock { $0.append(failure) } }
}

@Suite("Model registry: routers reading while a job publishes")
struct ConcurrentReaderTests {
    @Test("a reader resolving and loading current during 50 publishes never sees an error")
    func readerNeverSeesAnError() throws {
        try TemporaryFolder.use { root in
            let registry = try ModelRegistry(directory: root)
            try registry.publish(SampleModel.artifacts(seed: 0), makeCurrent: true)
            let currentLink = root.appendingPathComponent("current")
            let log = ReaderLog()
            let finished = DispatchGroup()

            DispatchQueue.global().async(group: finished) {
                // Bounded even if the publisher never says stop.
                for iteration in 0..<200_000 {
                    if log.stop.load(ordering: .acquiring) { break }
                    // Resolving is cheap and loading is not: resolve many times per load so that a
                    // moment without `current` would be seen.
                    var resolved: String?
                    for _ in 0..<200 {
                        resolved = registry.currentVersion()
                        if resolved == nil { break }
                    }
                    guard let version = resolved else {
                        log.record("iteration \(iteration): current did not resolve")
                        continue
                    }
                    do {
                        let viaName = try registry.load(version: version)
                        if viaName.manifest.version != version { log.record("\(version) loaded as \(viaName.manifest.version)") }
                        // Loading through the link itself, as a router given only the path would.
                        _ = try ModelFolderReader.load(from: currentLink)
                        log.reads.add(1, ordering: .relaxed)
                    } catch {
                        log.record("iteration \(iteration), \(version): \(error)")
                    }
                }
            }

            for seed in 1...50 { try registry.publish(SampleModel.artifacts(seed: seed), makeCurrent: true) }
            // On a loaded machine the publisher can finish before the reader's first load; give
            // the reader a bounded moment so the test always checks at least one read.
            let deadline = Date().addingTimeInterval(30)
            while log.reads.load(ordering: .relaxed) == 0, log.failures.withLock({ $0.isEmpty }), Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
            log.stop.store(true, ordering: .releasing)
            #expect(finished.wait(timeout: .now() + 60) == .success)

            #expect(log.failures.withLock { $0 } == [])
            #expect(log.reads.load(ordering: .relaxed) > 0)
            #expect(registry.currentVersion() == "v51")
            #expect(try registry.versions().count == 51)
        }
    }
}
