import BatonCore
import BatonFeatures
import Foundation

/// A random sparse classification problem whose classes depend on a few features each.
func syntheticProblem(rows: Int, features: Int, classes: Int, seed: UInt64) throws -> (SparseMatrix, [Int]) {
    var rng = SeededGenerator(seed: seed)
    var offsets = [0]
    var columns: [Int32] = []
    var values: [Float] = []
    var labels: [Int] = []
    for _ in 0..<rows {
        let label = Int.random(in: 0..<classes, using: &rng)
        var picked = Set<Int>()
        // Two features tied to the class, plus noise features.
        picked.insert(label * 2 % features)
        picked.insert((label * 2 + 1) % features)
        for _ in 0..<4 { picked.insert(Int.random(in: 0..<features, using: &rng)) }
        for column in picked.sorted() {
            columns.append(Int32(column))
            values.append(Float.random(in: 0.1...1, using: &rng))
        }
        offsets.append(columns.count)
        labels.append(label)
    }
    let matrix = try SparseMatrix(rowCount: rows, columnCount: features, rowOffsets: offsets, columnIndices: columns, values: values)
    return (matrix, labels)
}
