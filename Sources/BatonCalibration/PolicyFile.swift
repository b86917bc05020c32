import BatonModel
import Foundation

/// The policy file the nightly job reads: the business rules around the fitted thresholds.
///
/// JSON, every field optional (defaults below), for example:
/// ```json
/// {
///   "alwaysHuman": ["cancel_subscription"],
///   "autoResolveTarget": 0.95, "reviewTarget": 0.8, "confidenceLevel": 0.95,
///   "bound": "clopper_pearson", "minimumEvidence": 30,
///   "thresholdFloor": 0.5, "thresholdCeiling": 0.99, "ambiguityMargin": 0.1,
///   "overrides": { "refund_request": { "autoResolveTarget": 0.99 } }
/// }
/// ```
/// Why strict: a typo such as `"autoResolveTraget"` silently keeping the default target would
/// publish thresholds nobody asked for, so unknown keys, wrong types and values out of range are
/// refused with the field path and what is allowed (``PolicyFileError``).
public struct PolicyFile: Codable, Hashable, Sendable {
    /// Intents always handed to a human, at any confidence (tier 3, `always_human`).
    public var alwaysHuman: [String]
    /// Labels meaning "fits no intent"; predicted, they hand off; as a true label, only a
    /// handoff is right.
    public var outOfScopeIntents: [String]
    /// Precision (lower-bounded) the auto-resolve set must reach; in (0, 1).
    public var autoResolveTarget: Double
    /// Precision (lower-bounded) the review set must reach; in (0, 1), at most `autoResolveTarget`.
    public var reviewTarget: Double
    /// One-sided level of the lower bound; in (0.5, 1).
    public var confidenceLevel: Double
    /// `"clopper_pearson"` (exact, conservative) or `"wilson"`.
    public var bound: PrecisionBound
    /// Fewest out-of-sample predictions for an intent's own thresholds; at least 1.
    public var minimumEvidence: Int
    /// No threshold below this; in [0, 1]. Default 0.5: the bot never answers a message the
    /// model itself thinks is more likely wrong than right (see ``ThresholdSettings/floor``).
    public var thresholdFloor: Double
    /// No threshold above this; in [0, 1], at least `thresholdFloor`.
    public var thresholdCeiling: Double
    /// A tier-1 message whose runner-up is closer than this goes to tier 2; in [0, 1).
    public var ambiguityMargin: Double
    /// Per-intent targets; each effective review target must stay at most its auto-resolve target.
    public var overrides: [String: TargetOverride]

    public init(
        alwaysHuman: [String] = [], outOfScopeIntents: [String] = ["out_of_scope", "oos", "other"],
        autoResolveTarget: Double = 0.95, reviewTarget: Double = 0.80, confidenceLevel: Double = 0.95,
        bound: PrecisionBound = .clopperPearson, minimumEvidence: Int = 30, thresholdFloor: Double = 0.5,
        thresholdCeiling: Double = 1.0, ambiguityMargin: Double = 0.0, overrides: [String: TargetOverride] = [:]
    ) {
        self.alwaysHuman = alwaysHuman
        self.outOfScopeIntents = outOfScopeIntents
        self.autoResolveTarget = autoResolveTarget
        self.reviewTarget = reviewTarget
        self.confidenceLevel = confidenceLevel
        self.bound = bound
        self.minimumEvidence = minimumEvidence
        self.thresholdFloor = thresholdFloor
        self.thresholdCeiling = thresholdCeiling
        self.ambiguityMargin = ambiguityMargin
        self.overrides = overrides
    }

    /// The settings threshold fitting needs.
    public var thresholdSettings: ThresholdSettings {
        ThresholdSettings(
            autoResolveTarget: autoResolveTarget, reviewTarget: reviewTarget, confidenceLevel: confidenceLevel,
            bound: bound, minimumEvidence: minimumEvidence, floor: thresholdFloor, ceiling: thresholdCeiling,
            overrides: overrides)
    }

    /// The tier policy a model version ships: the fitted thresholds plus this file's rules.
    public func tierPolicy(from fit: ThresholdFit) -> TierPolicy {
        TierPolicy(
            thresholds: fit.perIntent, fallback: fit.fallback, alwaysHuman: alwaysHuman,
            outOfScopeIntents: outOfScopeIntents, ambiguityMargin: ambiguityMargin)
    }

    /// Reads and validates a policy file.
    public static func load(from url: URL) throws(PolicyFileError) -> PolicyFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        return try parse([UInt8](data), source: url.path)
    }

    /// Parses and validates the bytes of a policy file; `source` names it in errors.
    public static func parse(_ bytes: [UInt8], source: String) throws(PolicyFileError) -> PolicyFile {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw invalidJSON(bytes, source: source, error: error)
        }
        var reader = PolicyFileReader(file: source)
        return try reader.read(root)
    }

    static let knownKeys = [
        "alwaysHuman", "outOfScopeIntents", "autoResolveTarget", "reviewTarget", "confidenceLevel", "bound",
        "minimumEvidence", "thresholdFloor", "thresholdCeiling", "ambiguityMargin", "overrides",
    ]
    static let overrideKeys = ["autoResolveTarget", "reviewTarget"]

    /// Turns the parser's error into a position, when it gives "around character N" (a byte offset).
    private static func invalidJSON(_ bytes: [UInt8], source: String, error: any Error) -> PolicyFileError {
        if bytes.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return .invalidJSON(file: source, detail: "the file is empty", byteOffset: nil, line: nil, column: nil)
        }
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var offset: Int? = nil
        if let range = detail.range(of: "character ") {
            let digits = detail[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            offset = Int(digits)
        }
        guard let offset, offset >= 0, offset <= bytes.count else {
            return .invalidJSON(file: source, detail: detail, byteOffset: nil, line: nil, column: nil)
        }
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return .invalidJSON(file: source, detail: detail, byteOffset: offset, line: line, column: offset - lineStart + 1)
    }

    private enum CodingKeys: String, CodingKey {
        case alwaysHuman, outOfScopeIntents, autoResolveTarget, reviewTarget, confidenceLevel, bound
        case minimumEvidence, thresholdFloor, thresholdCeiling, ambiguityMargin, overrides
    }

    /// Missing keys take their defaults (like the file format). Decoding does not validate;
    /// ``parse(_:source:)`` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = PolicyFile()
        alwaysHuman = try container.decodeIfPresent([String].self, forKey: .alwaysHuman) ?? defaults.alwaysHuman
        outOfScopeIntents = try container.decodeIfPresent([String].self, forKey: .outOfScopeIntents) ?? defaults.outOfScopeIntents
        autoResolveTarget = try container.decodeIfPresent(Double.self, forKey: .autoResolveTarget) ?? defaults.autoResolveTarget
        reviewTarget = try container.decodeIfPresent(Double.self, forKey: .reviewTarget) ?? defaults.reviewTarget
        confidenceLevel = try container.decodeIfPresent(Double.self, forKey: .confidenceLevel) ?? defaults.confidenceLevel
        bound = try container.decodeIfPresent(PrecisionBound.self, forKey: .bound) ?? defaults.bound
        minimumEvidence = try container.decodeIfPresent(Int.self, forKey: .minimumEvidence) ?? defaults.minimumEvidence
        thresholdFloor = try container.decodeIfPresent(Double.self, forKey: .thresholdFloor) ?? defaults.thresholdFloor
        thresholdCeiling = try container.decodeIfPresent(Double.self, forKey: .thresholdCeiling) ?? defaults.thresholdCeiling
        ambiguityMargin = try container.decodeIfPresent(Double.self, forKey: .ambiguityMargin) ?? defaults.ambiguityMargin
        overrides = try container.decodeIfPresent([String: TargetOverride].self, forKey: .overrides) ?? [:]
    }
}
