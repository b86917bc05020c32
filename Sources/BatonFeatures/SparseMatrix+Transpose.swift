extension SparseMatrix {
    /// The transpose in CSR form (equivalently, this matrix in CSC form).
    ///
    /// Within each output row the entries keep increasing original-row order, which fixes the
    /// summation order of `Xᵀ·R` in training and so keeps it deterministic.
    public func transposed() -> SparseMatrix {
        var offsets = [Int](repeating: 0, count: columnCount + 1)
        for column in columnIndices { offsets[Int(column) + 1] += 1 }
        for j in 0..<columnCount { offsets[j + 1] += offsets[j] }
        var next = offsets
        var indices = [Int32](repeating: 0, count: values.count)
        var newValues = [Float](repeating: 0, count: values.count)
        for row in 0..<rowCount {
            for p in rowOffsets[row]..<rowOffsets[row + 1] {
                let column = Int(columnIndices[p])
                indices[next[column]] = Int32(row)
                newValues[next[column]] = values[p]
                next[column] += 1
            }
        }
        return SparseMatrix(unchecked: columnCount, columnCount: rowCount, rowOffsets: offsets, columnIndices: indices, values: newValues)
    }
}
