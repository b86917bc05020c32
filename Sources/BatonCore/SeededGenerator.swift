/// SplitMix64: a small deterministic random number generator, so that anything drawn from it
/// (bootstrap resamples, fold assignments in tests, generated test data) is the same on every
/// run with the same seed, and a reported number or a failing case can be reproduced.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in `0..<bound` (bound > 0) by Lemire's multiply-shift with rejection.
    /// Spelled out rather than `Int.random(in:using:)`, whose algorithm the standard library
    /// does not promise to keep, so that results stay reproducible across toolchains.
    public mutating func index(below bound: Int) -> Int {
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }
}
