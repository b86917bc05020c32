import CBLAS

#if canImport(Glibc)
    import Glibc
#endif

/// The dense vector algebra of the optimizer, on BLAS.
///
/// This is the one file that calls BLAS: the rest of the training code sees Swift arrays.
/// Any CBLAS works (Debian's reference `libblas.so.3`, OpenBLAS through the BLAS
/// alternatives, Accelerate): only the level-1 double-precision routines are used, with
/// plain `Int32` sizes, which both headers declare identically.
enum DenseVector {
    /// Keeps OpenBLAS to one thread, when OpenBLAS is the BLAS in use.
    ///
    /// The optimizer only calls level-1 routines on vectors of a few megabytes: memory-bound
    /// work that a second BLAS thread does not speed up, while its spin-waiting competes with the
    /// objective's own threads (measured on BANKING77: 27 s with two OpenBLAS threads, 19 s with
    /// one). Looked up at run time, so the reference BLAS, which has no such call, works too.
    static func useSingleThreadedBLAS() {
        #if canImport(Glibc)
            typealias SetThreads = @convention(c) (Int32) -> Void
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") {
                unsafeBitCast(symbol, to: SetThreads.self)(1)
            }
        #endif
    }

    /// Σ x_i y_i.
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// Σ x_i y_i in single precision (the optimizer's search-direction history).
    static func dot(_ x: [Float], _ y: [Float]) -> Float {
        cblas_sdot(Int32(x.count), x, 1, y, 1)
    }

    /// y ← a·x + y in single precision.
    static func axpy(_ a: Float, _ x: [Float], _ y: inout [Float]) {
        let n = Int32(x.count)
        y.withUnsafeMutableBufferPointer { cblas_saxpy(n, a, x, 1, $0.baseAddress, 1) }
    }

    /// x ← a·x in single precision.
    static func scale(_ a: Float, _ x: inout [Float]) {
        let n = Int32(x.count)
        x.withUnsafeMutableBufferPointer { cblas_sscal(n, a, $0.baseAddress, 1) }
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
