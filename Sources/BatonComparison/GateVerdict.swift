/// Whether a candidate version may become current, and why.
public struct GateVerdict: Codable, Hashable, Sendable {
    public var passed: Bool
    /// Every check in words, failures first, naming intents and numbers.
    public var reasons: [String]
    /// The failed checks alone (empty when `passed`).
    public var failures: [String]

    public init(passed: Bool, reasons: [String], failures: [String]) {
        self.passed = passed
        self.reasons = reasons
        self.failures = failures
    }
}
