/// Builds the result of replacing some ranges of a scalar buffer, copying nothing until the
/// first replacement: most messages contain no customer data, and then the input array is
/// returned as it is.
struct ScalarRewrite {
    private let source: [UInt32]
    private var output: [UInt32] = []
    private var copiedUpTo = 0
    private var changed = false

    init(_ source: [UInt32]) { self.source = source }

    /// Replaces `range` of the source. Ranges must be given in increasing, non-overlapping order.
    mutating func replace(_ range: Range<Int>, with replacement: [UInt32]) {
        if !changed {
            changed = true
            output.reserveCapacity(source.count + replacement.count)
        }
        output.append(contentsOf: source[copiedUpTo..<range.lowerBound])
        output.append(contentsOf: replacement)
        copiedUpTo = range.upperBound
    }

    /// The source with every replacement applied.
    consuming func finish() -> [UInt32] {
        guard changed else { return source }
        output.append(contentsOf: source[copiedUpTo...])
        return output
    }
}
