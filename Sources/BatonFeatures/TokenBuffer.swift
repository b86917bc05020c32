/// The kept tokens of one message as UTF-8, each followed by one space, so that the n-gram of
/// tokens i…j is the contiguous byte range `bytes[starts[i] ..< ends[j]]`, exactly the term's
/// UTF-8 ("tok_i tok_i+1"). Lets the hot path hash and look up terms without building strings.
struct TokenBuffer {
    var bytes: [UInt8] = []
    var starts: [Int] = []
    var ends: [Int] = []

    var count: Int { starts.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Calls `body(hash, termBytes)` for every term: each n-gram of n = 1…maxNgram consecutive
    /// tokens, with ``TermHash`` of its UTF-8. Order: by first token, then by n.
    @inline(__always)
    func forEachTerm(maxNgram: Int, _ body: (UInt64, UnsafeBufferPointer<UInt8>) -> Void) {
        let tokenCount = starts.count
        guard tokenCount > 0 else { return }
        bytes.withUnsafeBufferPointer { bytes in
            for first in 0..<tokenCount {
                var hash = TermHash.seed
                var position = starts[first]
                let lastToken = min(tokenCount, first + maxNgram) - 1
                for last in first...lastToken {
                    let end = ends[last]
                    while position < end {
                        hash = TermHash.combine(hash, bytes[position])
                        position += 1
                    }
                    body(hash, UnsafeBufferPointer(rebasing: bytes[starts[first]..<end]))
                }
            }
        }
    }
}
