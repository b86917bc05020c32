/// Why arrays cannot form a ``SparseMatrix`` in CSR layout, typically a damaged file.
public enum SparseMatrixError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Row or column count below zero.
    case negativeShape(rows: Int, columns: Int)
    /// `rowOffsets` must have rowCount + 1 entries, start at 0 and end at the number of values.
    case badRowOffsets(expectedCount: Int, count: Int)
    /// `rowOffsets` decreases at this row.
    case decreasingRowOffsets(row: Int)
    /// `columnIndices` and `values` differ in length.
    case lengthMismatch(columnIndices: Int, values: Int)
    /// A column index outside 0..<columnCount, or not strictly ascending within its row.
    case badColumn(row: Int, position: Int, column: Int32)

    public var description: String {
        switch self {
        case .negativeShape(let rows, let columns):
            return "sparse matrix shape \(rows) × \(columns) is negative; the matrix data is damaged"
        case .badRowOffsets(let expectedCount, let count):
            return "sparse matrix has \(count) row offsets but needs \(expectedCount), starting at 0 and ending at the value count; the matrix data is damaged"
        case .decreasingRowOffsets(let row):
            return "sparse matrix row offsets decrease at row \(row); the matrix data is damaged"
        case .lengthMismatch(let columnIndices, let values):
            return "sparse matrix has \(columnIndices) column indices but \(values) values; the matrix data is damaged"
        case .badColumn(let row, let position, let column):
            return "sparse matrix row \(row) has column \(column) at entry \(position), out of range or not ascending; the matrix data is damaged"
        }
    }
}
