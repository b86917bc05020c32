/// A sparse matrix in CSR (compressed sparse row) layout: the TF-IDF features of many messages,
/// one row per message, one column per vocabulary term.
///
/// Row r's entries are `columnIndices[rowOffsets[r] ..< rowOffsets[r + 1]]` and the same range of
/// `values`, with columns strictly ascending within each row: the layout scikit-learn and
/// scipy call `csr_matrix` with sorted indices.
public struct SparseMatrix: Sendable, Hashable {
    public let rowCount: Int
    public let columnCount: Int
    /// rowCount + 1 entries, from 0 to the number of non-zeros, non-decreasing.
    public let rowOffsets: [Int]
    public let columnIndices: [Int32]
    public let values: [Float]

    /// A matrix from CSR arrays, checked: offsets well formed, columns in range and strictly
    /// ascending in each row.
    public init(rowCount: Int, columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) throws(SparseMatrixError) {
        guard rowCount >= 0, columnCount >= 0 else { throw .negativeShape(rows: rowCount, columns: columnCount) }
        guard columnIndices.count == values.count else {
            throw .lengthMismatch(columnIndices: columnIndices.count, values: values.count)
        }
        guard rowOffsets.count == rowCount + 1, rowOffsets.first == 0, rowOffsets.last == values.count else {
            throw .badRowOffsets(expectedCount: rowCount + 1, count: rowOffsets.count)
        }
        // Offsets first: once they rise from 0 to values.count, every row range is in bounds.
        for row in 0..<rowCount where rowOffsets[row] > rowOffsets[row + 1] {
            throw .decreasingRowOffsets(row: row)
        }
        for row in 0..<rowCount {
            let range = rowOffsets[row]..<rowOffsets[row + 1]
            var previous: Int32 = -1
            for position in range {
                let column = columnIndices[position]
                guard column > previous, Int(column) < columnCount else {
                    throw .badColumn(row: row, position: position, column: column)
                }
                previous = column
            }
        }
        self.init(unchecked: rowCount, columnCount: columnCount, rowOffsets: rowOffsets, columnIndices: columnIndices, values: values)
    }

    init(unchecked rowCount: Int, columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Number of stored (non-zero) entries.
    public var nonZeroCount: Int { values.count }

    /// Row `index` (0 ≤ index < rowCount) as a vector.
    public func row(_ index: Int) -> SparseVector {
        let range = rowOffsets[index]..<rowOffsets[index + 1]
        return SparseVector(indices: Array(columnIndices[range]), values: Array(values[range]))
    }
}
