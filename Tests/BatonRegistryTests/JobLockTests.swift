import BatonRegistry
import Foundation
import Testing

@Suite("Job lock")
struct JobLockTests {
    private let holder = "pid 123 on host build-7 since 2026-12-04T02:00:00Z running `baton retrain`"

    @Test("a second acquire while held is refused with the holder's description; after release it succeeds")
    func secondAcquireIsRefusedUntilRelease() throws {
        try TemporaryFolder.use { root in
            let url = root.appendingPathComponent(".lock")
            let first = try JobLock.acquire(at: url, holder: holder)
            #expect(first.isHeld)

            let error = try #require(throws: JobLockError.self) {
                _ = try JobLock.acquire(at: url, holder: "pid 456 running `baton publish`")
            }
            guard case .held(let path, let heldBy) = error else {
                Issue.record("expected held, got \(error)")
                return
            }
            #expect(path == url.path)
            #expect(heldBy == holder)
            #expect(error.description.contains(holder))

            first.release()
            #expect(!first.isHeld)
            first.release()  // a second release is harmless
            let second = try JobLock.acquire(at: url, holder: "pid 456 running `baton publish`")
            #expect(second.isHeld)
            second.release()
        }
    }

    @Test("the lock file names the holder while the lock is held")
    func lockFileNamesHolder() throws {
        try TemporaryFolder.use { root in
            let url = root.appendingPathComponent(".lock")
            // A longer description from an earlier holder must not leave a tail behind.
            try Data(String(repeating: "stale ", count: 40).utf8).write(to: url)
            let lock = try JobLock.acquire(at: url, holder: holder)
            #expect(String(decoding: try Data(contentsOf: url), as: UTF8.self) == holder + "\n")
            lock.release()
        }
    }

    @Test("dropping the last reference releases the lock")
    func deinitReleases() throws {
        try TemporaryFolder.use { root in
            let url = root.appendingPathComponent(".lock")
            func holdBriefly() throws {
                let lock = try JobLock.acquire(at: url, holder: holder)
                #expect(lock.isHeld)
            }
            try holdBriefly()
            let again = try JobLock.acquire(at: url, holder: holder)
            #expect(again.isHeld)
            again.release()
        }
    }

    @Test("a lock file in a missing folder is reported as unusable")
    func missingFolderIsUnusable() throws {
        try TemporaryFolder.use { root in
            let url = root.appendingPathComponent("no-such-folder/.lock")
            let error = try #require(throws: JobLockError.self) { _ = try JobLock.acquire(at: url, holder: holder) }
            guard case .unusable = error else {
                Issue.record("expected unusable, got \(error)")
                return
            }
        }
    }
}
