import Testing
import BatonFeatures

@Suite struct SparseMatrixTests {
    @Test func rowsComeFromOffsets() throws {
        let matrix = try SparseMatrix(rowCount: 3, columnCount: 4, rowOffsets: [0, 2, 2, 3], columnIndices: [0, 3, 1], values: [0.5, 0.25, 1])
        #expect(matrix.nonZeroCount == 3)
        #expect(matrix.row(0) == SparseVector(indices: [0, 3], values: [0.5, 0.25]))
        #expect(matrix.row(1).isEmpty)
        #expect(matrix.row(2) == SparseVector(indices: [1], values: [1]))
    }

    @Test func malformedArraysAreRefused() {
        #expect(throws: SparseMatrixError.lengthMismatch(columnIndices: 1, values: 2)) {
            try SparseMatrix(rowCount: 1, columnCount: 2, rowOffsets: [0, 1], columnIndices: [0], values: [1, 2])
        }
        #expect(throws: SparseMatrixError.badRowOffsets(expectedCount: 2, count: 3)) {
            try SparseMatrix(rowCount: 1, columnCount: 2, rowOffsets: [0, 1, 1], columnIndices: [0], values: [1])
        }
        #expect(throws: SparseMatrixError.decreasingRowOffsets(row: 1)) {
            try SparseMatrix(rowCount: 2, columnCount: 2, rowOffsets: [0, 2, 1], columnIndices: [0], values: [1])
        }
        #expect(throws: SparseMatrixError.badColumn(row: 0, position: 1, column: 0)) {
            try SparseMatrix(rowCount: 1, columnCount: 2, rowOffsets: [0, 2], columnIndices: [1, 0], values: [1, 1])
        }
        #expect(throws: SparseMatrixError.badColumn(row: 0, position: 0, column: 2)) {
            try SparseMatrix(rowCount: 1, columnCount: 2, rowOffsets: [0, 1], columnIndices: [2], values: [1])
        }
        #expect(throws: SparseMatrixError.negativeShape(rows: -1, columns: 2)) {
            try SparseMatrix(rowCount: -1, columnCount: 2, rowOffsets: [0], columnIndices: [], values: [])
        }
    }
}
