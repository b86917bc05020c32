/// The TF-IDF features of one message: the non-zero columns in ascending order and their values.
///
/// What a router multiplies with the weight matrix; an empty vector means no known term.
public struct SparseVector: Sendable, Hashable {
    /// Columns of the non-zero entries, strictly ascending.
    public var indices: [Int32]
    /// `values[k]` is the value at column `indices[k]`.
    public var values: [Float]

    public init(indices: [Int32] = [], values: [Float] = []) {
        self.indices = indices
        self.values = values
    }

    /// Number of non-zero entries.
    public var count: Int { indices.count }

    /// True when the message had no known term.
    public var isEmpty: Bool { indices.isEmpty }
}
