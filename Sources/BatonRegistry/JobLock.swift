import Foundation
import Glibc
import Synchronization

/// An exclusive lock that lets one Baton job at a time change a models folder.
///
/// Backed by `flock(2)` on a lock file, so the kernel drops it when the holding process dies,
/// however it dies: there is never a stale lock to clean up by hand. `flock` locks belong to
/// an open file description, so a second `acquire` in the same process is refused too. The
/// holder writes a description of itself into the file, which a refused job quotes.
///
/// `Sendable` without `@unchecked`: the only mutable state, the descriptor, sits in a `Mutex`.
public final class JobLock: Sendable {
    /// The lock file.
    public let path: String
    /// The description written into the lock file.
    public let holder: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, holder: String, descriptor: Int32) {
        self.path = path
        self.holder = holder
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Takes the lock at `url` without waiting, creating the file if needed, and records
    /// `holder` in it (e.g. "pid 123 on host x since 2026-12-04T02:00:00Z running `baton retrain`").
    ///
    /// - Throws: ``JobLockError/held(path:holder:)`` naming the current holder if the lock is taken.
    public static func acquire(at url: URL, holder: String) throws -> JobLock {
        let path = url.path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw unusable(path, "open", errno) }

        var locked = flock(descriptor, LOCK_EX | LOCK_NB)
        while locked != 0 && errno == EINTR { locked = flock(descriptor, LOCK_EX | LOCK_NB) }
        if locked != 0 {
            let code = errno
            if code == EWOULDBLOCK {
                let current = readDescription(descriptor)
                close(descriptor)
                throw JobLockError.held(path: path, holder: current)
            }
            close(descriptor)
            throw unusable(path, "flock", code)
        }

        let text = Array((holder + "\n").utf8)
        guard ftruncate(descriptor, 0) == 0 else {
            let code = errno
            close(descriptor)
            throw unusable(path, "ftruncate", code)
        }
        var offset = 0
        while offset < text.count {
            let written = text.withUnsafeBytes { raw in pwrite(descriptor, raw.baseAddress.map { $0 + offset }, text.count - offset, off_t(offset)) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                throw unusable(path, "write", code)
            }
            offset += written
        }
        // Best effort: the description is informational and the lock itself lives in the kernel.
        _ = fsync(descriptor)
        return JobLock(path: path, holder: holder, descriptor: descriptor)
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool { descriptor.withLock { $0 != nil } }

    /// Releases the lock; calling it again does nothing. The holder description is erased so
    /// the file does not name a job that has finished.
    public func release() {
        let taken = descriptor.withLock { current -> Int32? in
            defer { current = nil }
            return current
        }
        guard let taken else { return }
        _ = ftruncate(taken, 0)
        _ = flock(taken, LOCK_UN)
        _ = close(taken)
    }

    private static func readDescription(_ descriptor: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { raw in pread(descriptor, raw.baseAddress, raw.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: bytes[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func unusable(_ path: String, _ operation: String, _ code: Int32) -> JobLockError {
        .unusable(path: path, operation: operation, reason: String(cString: strerror(code)))
    }
}
