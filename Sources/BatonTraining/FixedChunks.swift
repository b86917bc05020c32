import Dispatch

/// Runs work over `0..<count` in fixed-size chunks on all cores.
///
/// Chunk boundaries depend only on `count` and `chunkSize`, never on the number of cores or on
/// scheduling, and every chunk writes only its own slice of the output. So the result is
/// bit-for-bit the same on any machine and on every run: the training stays deterministic.
enum FixedChunks {
    static func forEach(count: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = (count + chunkSize - 1) / chunkSize
        if chunks == 1 {
            body(0..<count)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            body(start..<min(count, start + chunkSize))
        }
    }
}

/// A raw buffer shared by the chunks of ``FixedChunks``.
///
/// `@unchecked Sendable` is sound here because each chunk reads shared inputs and writes a
/// disjoint range of the output, and the buffer outlives the `concurrentPerform` call.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}
