import CBLAS

/// The dense vector algebra of the optimizer, on BLAS.
///
/// This is the one file that calls BLAS: the rest of the training code sees Swift arrays.
/// Any CBLAS works (Debian's reference `libblas.so.3`, OpenBLAS through the BLAS
/// alternatives, Accelerate): only the level-1 double-precision routines are used, with
/// plain `Int32` sizes, which both headers declare identically.
enum DenseVector {
    /// Σ x_i y_i.
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// Σ x_i².
    static func sumOfSquares(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let base = x.baseAddress else { return 0 }
        return cblas_ddot(Int32(x.count), base, 1, base, 1)
    }

    /// y ← a·x + y.
    static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
        let n = Int32(x.count)
        y.withUnsafeMutableBufferPointer { cblas_daxpy(n, a, x, 1, $0.baseAddress, 1) }
    }

    /// x ← a·x.
    static func scale(_ a: Double, _ x: inout [Double]) {
        let n = Int32(x.count)
        x.withUnsafeMutableBufferPointer { cblas_dscal(n, a, $0.baseAddress, 1) }
    }

    /// max_i |x_i| (the convergence measure scikit-learn's L-BFGS uses).
    static func maxAbs(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        let i = Int(cblas_idamax(Int32(x.count), x, 1))
        return abs(x[i])
    }
}
