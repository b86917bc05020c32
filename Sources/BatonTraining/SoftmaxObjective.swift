import BatonFeatures
import Foundation

/// The training objective of multinomial logistic regression with an L2 penalty, exactly as
/// scikit-learn's `LogisticRegression(solver="lbfgs")` minimises it:
///
///     J(W, b) = (1/n) Σ_i [ logsumexp(z_i) − z_i[y_i] ] + ‖W‖²_F / (2·C·n),   z_i = Wᵀx_i + b
///
/// with one unpenalised intercept per class. Parameters are one flat vector θ: the weights
/// `W` row-major `featureCount × classCount` (a feature's weights for every class are
/// contiguous), then the `classCount` intercepts.
///
/// The sparse-by-dense products are tight loops over CSR rows (`X·W`) and over the columns
/// of a transposed copy (`Xᵀ·R`), each split into fixed chunks on all cores; the reductions
/// run in a fixed order, so the same inputs give bit-identical values on every run.
public struct SoftmaxObjective: Sendable {
    public let featureCount: Int
    public let classCount: Int
    public let rowCount: Int
    /// Inverse regularisation strength (scikit-learn's `C`).
    public let c: Double

    private let matrix: SparseMatrix
    private let transposed: SparseMatrix
    private let labels: [Int32]

    public var parameterCount: Int { featureCount * classCount + classCount }

    /// - Parameters:
    ///   - matrix: n × F feature rows.
    ///   - labels: class index of each row, in `0..<classCount`.
    public init(matrix: SparseMatrix, labels: [Int], classCount: Int, c: Double) throws(TrainingError) {
        guard matrix.rowCount > 0 else { throw .noExamples }
        guard labels.count == matrix.rowCount else {
            throw .labelCountMismatch(rows: matrix.rowCount, labels: labels.count)
        }
        guard classCount >= 2 else { throw .tooFewClasses(classCount) }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classCount }) {
            throw .labelOutOfRange(label: bad, classCount: classCount)
        }
        guard c.isFinite, c > 0 else { throw .invalidHyperparameter(name: "C", value: c) }
        self.matrix = matrix
        self.transposed = matrix.transposed()
        self.labels = labels.map { Int32($0) }
        self.featureCount = matrix.columnCount
        self.classCount = classCount
        self.rowCount = matrix.rowCount
        self.c = c
    }

    /// J(θ), writing ∇J(θ) into `gradient` (resized to ``parameterCount``).
    public func evaluate(_ theta: [Double], gradient: inout [Double]) -> Double {
        let k = classCount
        let n = rowCount
        let weightCount = featureCount * k
        // Residuals R = softmax(Z) − onehot(y), n × k; per-row losses.
        var residuals = [Double](repeating: 0, count: n * k)
        var rowLoss = [Double](repeating: 0, count: n)
        theta.withUnsafeBufferPointer { th in
            residuals.withUnsafeMutableBufferPointer { resBuffer in
                rowLoss.withUnsafeMutableBufferPointer { lossBuffer in
                    guard let thetaBase = th.baseAddress, let resBase = resBuffer.baseAddress,
                        let lossBase = lossBuffer.baseAddress
                    else { return }
                    let thetaPointer = SharedBuffer(UnsafeMutablePointer(mutating: thetaBase))
                    let res = SharedBuffer(resBase)
                    let loss = SharedBuffer(lossBase)
                    let rowsChunk = Self.rowChunkSize
                    FixedChunks.forEach(count: n, chunkSize: rowsChunk) { rows in
                        forwardRows(rows, theta: thetaPointer, weightCount: weightCount, residuals: res, loss: loss)
                    }
                }
            }
        }
        var lossSum = 0.0
        for value in rowLoss { lossSum += value }
        let weightNormSquared = theta.withUnsafeBufferPointer { th in
            DenseVector.sumOfSquares(UnsafeBufferPointer(rebasing: th[0..<weightCount]))
        }
        let objective = lossSum / Double(n) + weightNormSquared / (2 * c * Double(n))

        // Gradient: ∇W = (1/n) XᵀR + W/(C·n);  ∇b = (1/n) Σ_i R_i.
        if gradient.count != parameterCount { gradient = [Double](repeating: 0, count: parameterCount) }
        let invN = 1 / Double(n)
        let penaltyScale = 1 / (c * Double(n))
        theta.withUnsafeBufferPointer { th in
            residuals.withUnsafeBufferPointer { resBuffer in
                gradient.withUnsafeMutableBufferPointer { gradBuffer in
                    guard let thetaBase = th.baseAddress, let resBase = resBuffer.baseAddress,
                        let gradBase = gradBuffer.baseAddress
                    else { return }
                    let thetaPointer = SharedBuffer(UnsafeMutablePointer(mutating: thetaBase))
                    let res = SharedBuffer(UnsafeMutablePointer(mutating: resBase))
                    let grad = SharedBuffer(gradBase)
                    FixedChunks.forEach(count: featureCount, chunkSize: Self.featureChunkSize) { features in
                        backwardFeatures(features, theta: thetaPointer, residuals: res, gradient: grad, invN: invN, penaltyScale: penaltyScale)
                    }
                    for j in 0..<k { grad[weightCount + j] = 0 }
                    for i in 0..<n {
                        for j in 0..<k { grad[weightCount + j] += res[i * k + j] }
                    }
                    for j in 0..<k { grad[weightCount + j] *= invN }
                }
            }
        }
        return objective
    }

    /// J(θ) alone.
    public func value(_ theta: [Double]) -> Double {
        var scratch: [Double] = []
        return evaluate(theta, gradient: &scratch)
    }

    static let rowChunkSize = 512
    static let featureChunkSize = 1024

    /// Logits, per-row loss and residuals of the rows in `rows`.
    private func forwardRows(
        _ rows: Range<Int>, theta: SharedBuffer<Double>, weightCount: Int,
        residuals: SharedBuffer<Double>, loss: SharedBuffer<Double>
    ) {
        let k = classCount
        matrix.rowOffsets.withUnsafeBufferPointer { offsets in
            matrix.columnIndices.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { values in
                    for i in rows {
                        let z = residuals.base + i * k
                        for j in 0..<k { z[j] = theta[weightCount + j] }
                        for p in offsets[i]..<offsets[i + 1] {
                            let x = Double(values[p])
                            let w = theta.base + Int(columns[p]) * k
                            for j in 0..<k { z[j] += x * w[j] }
                        }
                        var maxLogit = z[0]
                        for j in 1..<k where z[j] > maxLogit { maxLogit = z[j] }
                        let y = Int(labels[i])
                        let shiftedTrueLogit = z[y] - maxLogit
                        var total = 0.0
                        for j in 0..<k {
                            let e = exp(z[j] - maxLogit)
                            z[j] = e
                            total += e
                        }
                        // loss_i = logsumexp(z) − z_y = log(total) − (z_y − max)
                        loss[i] = log(total) - shiftedTrueLogit
                        let inverseTotal = 1 / total
                        for j in 0..<k { z[j] *= inverseTotal }
                        z[y] -= 1
                    }
                }
            }
        }
    }

    /// Gradient rows of the features in `features`, summing over their rows in increasing order.
    private func backwardFeatures(
        _ features: Range<Int>, theta: SharedBuffer<Double>, residuals: SharedBuffer<Double>,
        gradient: SharedBuffer<Double>, invN: Double, penaltyScale: Double
    ) {
        let k = classCount
        transposed.rowOffsets.withUnsafeBufferPointer { offsets in
            transposed.columnIndices.withUnsafeBufferPointer { rowsOfFeature in
                transposed.values.withUnsafeBufferPointer { values in
                    for f in features {
                        let g = gradient.base + f * k
                        for j in 0..<k { g[j] = 0 }
                        for p in offsets[f]..<offsets[f + 1] {
                            let x = Double(values[p])
                            let r = residuals.base + Int(rowsOfFeature[p]) * k
                            for j in 0..<k { g[j] += x * r[j] }
                        }
                        let w = theta.base + f * k
                        for j in 0..<k { g[j] = g[j] * invN + w[j] * penaltyScale }
                    }
                }
            }
        }
    }
}
