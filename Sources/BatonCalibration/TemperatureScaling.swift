import Foundation

/// Temperature scaling: one scalar `T` that divides every logit before the softmax, fitted by
/// minimum negative log-likelihood on out-of-sample predictions.
///
/// Why one scalar: a regularised logistic regression trained to convergence is usually
/// over- or under-confident as a whole, and a single temperature fixes most of that without
/// changing which intent wins (the arg-max is invariant), so accuracy and the confusion pairs
/// stay exactly as trained. It must be fitted on predictions the model did not train on
/// (out-of-fold logits), or it learns the training set's over-confidence.
///
/// The fit: with `β = 1/T`, the mean NLL `f(β) = mean_i[logsumexp(β z_i) − β z_i[y_i]]` is convex
/// in β (`f″(β)` is the mean variance of the logits under the softmax), so it has one minimum
/// on the allowed range `T ∈ [0.05, 20]`. A golden-section search over `log T` brackets it to
/// 1e-10 (robust even when the minimum is on the boundary), then up to five Newton steps in β
/// polish it; a step is kept only if it stays in range and does not raise the NLL. Everything is
/// Double and the same input gives the same bits.
public enum TemperatureScaling {
    /// Smallest temperature the fit may return.
    public static let minimumTemperature = 0.05
    /// Largest temperature the fit may return.
    public static let maximumTemperature = 20.0

    /// Fits the temperature minimising mean NLL of `softmax(z / T)`.
    ///
    /// - Parameters:
    ///   - logits: raw (temperature 1) logits, row-major `n × classCount`.
    ///   - labels: the true class of each row, `0..<classCount`.
    ///   - classCount: K, the number of classes.
    /// - Returns: T = 1 with both NLLs 0 when no row is usable (empty input, K < 1). Rows with a
    ///   label out of range or a non-finite logit are skipped; `rows` says how many were used.
    public static func fit(logits: [Float], labels: [Int], classCount: Int) -> TemperatureFit {
        let data = UsableRows(logits: logits, labels: labels, classCount: classCount)
        guard data.rowCount > 0 else { return TemperatureFit(temperature: 1, nllBefore: 0, nllAfter: 0, rows: 0) }
        let before = data.nll(beta: 1)

        // Golden-section search on u = log T.
        var lo = log(minimumTemperature)
        var hi = log(maximumTemperature)
        let ratio = (sqrt(5.0) - 1) / 2
        var x1 = hi - ratio * (hi - lo)
        var x2 = lo + ratio * (hi - lo)
        var f1 = data.nll(beta: exp(-x1))
        var f2 = data.nll(beta: exp(-x2))
        while hi - lo > 1e-10 {
            if f1 <= f2 {
                hi = x2
                x2 = x1
                f2 = f1
                x1 = hi - ratio * (hi - lo)
                f1 = data.nll(beta: exp(-x1))
            } else {
                lo = x1
                x1 = x2
                f1 = f2
                x2 = lo + ratio * (hi - lo)
                f2 = data.nll(beta: exp(-x2))
            }
        }
        var bestU = f1 <= f2 ? x1 : x2
        var bestF = min(f1, f2)
        // The boundaries themselves: golden section never evaluates them exactly.
        for edge in [log(minimumTemperature), log(maximumTemperature)] {
            let value = data.nll(beta: exp(-edge))
            if value < bestF {
                bestF = value
                bestU = edge
            }
        }

        // Safeguarded Newton steps in β, where the objective is convex.
        let betaRange = (1 / maximumTemperature)...(1 / minimumTemperature)
        var beta = exp(-bestU)
        for _ in 0..<5 {
            let (gradient, curvature) = data.derivatives(beta: beta)
            guard curvature > 0, gradient.isFinite, curvature.isFinite else { break }
            let candidate = beta - gradient / curvature
            guard betaRange.contains(candidate) else { break }
            let value = data.nll(beta: candidate)
            guard value <= bestF else { break }
            let moved = abs(candidate - beta)
            beta = candidate
            bestF = value
            if moved <= 1e-14 * beta { break }
        }
        // Keep the raw model when the search cannot beat it (a flat objective, e.g. all-equal logits).
        var temperature = 1 / beta
        if before <= bestF {
            temperature = 1
            bestF = before
        }
        return TemperatureFit(temperature: temperature, nllBefore: before, nllAfter: bestF, rows: data.rowCount)
    }

    /// Mean negative log-likelihood (natural log) of `labels` under `softmax(logits / temperature)`.
    /// Skips unusable rows like ``fit(logits:labels:classCount:)``; 0 when none is usable.
    public static func nll(logits: [Float], labels: [Int], classCount: Int, temperature: Double) -> Double {
        guard temperature.isFinite, temperature > 0 else { return .infinity }
        return UsableRows(logits: logits, labels: labels, classCount: classCount).nll(beta: 1 / temperature)
    }

    /// `softmax(z / temperature)` of every row, row-major `n × classCount` in Double.
    /// A trailing partial row (fewer than `classCount` logits) is dropped; each row sums to 1.
    public static func probabilities(logits: [Float], classCount: Int, temperature: Double) -> [Double] {
        guard classCount > 0, temperature.isFinite, temperature > 0 else { return [] }
        let rows = logits.count / classCount
        var out = [Double](repeating: 0, count: rows * classCount)
        for row in 0..<rows {
            let base = row * classCount
            var top = -Double.infinity
            for j in 0..<classCount { top = max(top, Double(logits[base + j])) }
            var total = 0.0
            for j in 0..<classCount {
                let value = exp((Double(logits[base + j]) - top) / temperature)
                out[base + j] = value
                total += value
            }
            for j in 0..<classCount { out[base + j] /= total }
        }
        return out
    }
}

/// The rows of a logit matrix that can be scored, converted once to Double.
private struct UsableRows {
    let classCount: Int
    var logits: [Double] = []
    var labels: [Int] = []

    var rowCount: Int { labels.count }

    init(logits raw: [Float], labels rawLabels: [Int], classCount: Int) {
        self.classCount = classCount
        guard classCount > 0 else { return }
        let rows = min(raw.count / classCount, rawLabels.count)
        logits.reserveCapacity(rows * classCount)
        labels.reserveCapacity(rows)
        for row in 0..<rows {
            let label = rawLabels[row]
            guard label >= 0, label < classCount else { continue }
            let slice = raw[(row * classCount)..<((row + 1) * classCount)]
            guard slice.allSatisfy({ $0.isFinite }) else { continue }
            logits.append(contentsOf: slice.map { Double($0) })
            labels.append(label)
        }
    }

    /// Mean NLL at inverse temperature `beta`.
    func nll(beta: Double) -> Double {
        guard rowCount > 0 else { return 0 }
        let k = classCount
        var sum = 0.0
        logits.withUnsafeBufferPointer { z in
            for row in 0..<rowCount {
                let base = row * k
                var top = -Double.infinity
                for j in 0..<k { top = max(top, beta * z[base + j]) }
                var total = 0.0
                for j in 0..<k { total += exp(beta * z[base + j] - top) }
                sum += top + log(total) - beta * z[base + labels[row]]
            }
        }
        return sum / Double(rowCount)
    }

    /// First and second derivative of the mean NLL with respect to β:
    /// `mean(E_p[z] − z_y)` and `mean(Var_p[z])`.
    func derivatives(beta: Double) -> (Double, Double) {
        guard rowCount > 0 else { return (0, 0) }
        let k = classCount
        var gradient = 0.0
        var curvature = 0.0
        logits.withUnsafeBufferPointer { z in
            for row in 0..<rowCount {
                let base = row * k
                var top = -Double.infinity
                for j in 0..<k { top = max(top, beta * z[base + j]) }
                var total = 0.0
                var first = 0.0
                var second = 0.0
                for j in 0..<k {
                    let value = z[base + j]
                    let weight = exp(beta * value - top)
                    total += weight
                    first += weight * value
                    second += weight * value * value
                }
                let mean = first / total
                gradient += mean - z[base + labels[row]]
                curvature += max(second / total - mean * mean, 0)
            }
        }
        return (gradient / Double(rowCount), curvature / Double(rowCount))
    }
}
