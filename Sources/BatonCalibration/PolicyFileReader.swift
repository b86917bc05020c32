import Foundation

/// Walks the object JSONSerialization made of a policy file, checking keys, types and ranges,
/// and remembering the field path of every value so errors can name it.
///
/// Checks run in a fixed order (unknown keys in sorted order, then fields in declaration
/// order, then the rules between fields) so the same bad file always gets the same message.
struct PolicyFileReader {
    let file: String

    mutating func read(_ root: Any) throws(PolicyFileError) -> PolicyFile {
        guard let object = root as? [String: Any] else {
            throw .wrongType(file: file, path: "(top level)", expected: "a JSON object", found: Self.kind(of: root))
        }
        try refuseUnknownKeys(object, known: PolicyFile.knownKeys, prefix: "")
        var policy = PolicyFile()
        if let value = object["alwaysHuman"] { policy.alwaysHuman = try intentList(value, path: "alwaysHuman") }
        if let value = object["outOfScopeIntents"] {
            policy.outOfScopeIntents = try intentList(value, path: "outOfScopeIntents")
        }
        if let value = object["autoResolveTarget"] {
            policy.autoResolveTarget = try target(value, path: "autoResolveTarget")
        }
        if let value = object["reviewTarget"] { policy.reviewTarget = try target(value, path: "reviewTarget") }
        if let value = object["confidenceLevel"] {
            let level = try number(value, path: "confidenceLevel")
            guard level > 0.5, level < 1 else {
                throw .invalidValue(
                    file: file, path: "confidenceLevel", value: Self.format(level),
                    allowed: "it must be strictly between 0.5 and 1 (0.95 is usual)")
            }
            policy.confidenceLevel = level
        }
        if let value = object["bound"] {
            guard let name = value as? String else {
                throw .wrongType(file: file, path: "bound", expected: "a string", found: Self.kind(of: value))
            }
            guard let bound = PrecisionBound(rawValue: name) else {
                let allowed = PrecisionBound.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw .invalidValue(file: file, path: "bound", value: "\"\(name)\"", allowed: "it must be \(allowed)")
            }
            policy.bound = bound
        }
        if let value = object["minimumEvidence"] {
            let count = try number(value, path: "minimumEvidence")
            guard count == count.rounded(), count >= 1, count <= 1_000_000_000 else {
                throw .invalidValue(
                    file: file, path: "minimumEvidence", value: Self.format(count),
                    allowed: "it must be a whole number of predictions, at least 1")
            }
            policy.minimumEvidence = Int(count)
        }
        if let value = object["thresholdFloor"] { policy.thresholdFloor = try unitInterval(value, path: "thresholdFloor") }
        if let value = object["thresholdCeiling"] {
            policy.thresholdCeiling = try unitInterval(value, path: "thresholdCeiling")
        }
        if let value = object["ambiguityMargin"] {
            let margin = try number(value, path: "ambiguityMargin")
            guard margin >= 0, margin < 1 else {
                throw .invalidValue(
                    file: file, path: "ambiguityMargin", value: Self.format(margin),
                    allowed: "it must be at least 0 and below 1 (0 turns the rule off)")
            }
            policy.ambiguityMargin = margin
        }
        if let value = object["overrides"] { policy.overrides = try overrides(value) }
        try checkRulesBetweenFields(policy)
        return policy
    }

    private func checkRulesBetweenFields(_ policy: PolicyFile) throws(PolicyFileError) {
        if policy.reviewTarget > policy.autoResolveTarget {
            throw .invalidValue(
                file: file, path: "reviewTarget", value: Self.format(policy.reviewTarget),
                allowed: "it must be at most autoResolveTarget (\(Self.format(policy.autoResolveTarget))), "
                    + "since a review threshold above the auto-resolve threshold would never apply")
        }
        if policy.thresholdFloor > policy.thresholdCeiling {
            throw .invalidValue(
                file: file, path: "thresholdFloor", value: Self.format(policy.thresholdFloor),
                allowed: "it must be at most thresholdCeiling (\(Self.format(policy.thresholdCeiling)))")
        }
        for intent in policy.overrides.keys.sorted() {
            guard let override = policy.overrides[intent] else { continue }
            let auto = override.autoResolveTarget ?? policy.autoResolveTarget
            let review = override.reviewTarget ?? policy.reviewTarget
            if review > auto {
                let path = override.reviewTarget != nil ? "overrides.\(intent).reviewTarget" : "overrides.\(intent).autoResolveTarget"
                let value = override.reviewTarget != nil ? review : auto
                throw .invalidValue(
                    file: file, path: path, value: Self.format(value),
                    allowed: "this intent's review target (\(Self.format(review))) must be at most its "
                        + "auto-resolve target (\(Self.format(auto)))")
            }
        }
        let outOfScope = Set(policy.outOfScopeIntents)
        if let index = policy.alwaysHuman.firstIndex(where: { outOfScope.contains($0) }) {
            throw .invalidValue(
                file: file, path: "alwaysHuman[\(index)]", value: "\"\(policy.alwaysHuman[index])\"",
                allowed: "an intent cannot be both always-human and out-of-scope; remove it from alwaysHuman or outOfScopeIntents")
        }
    }

    private func overrides(_ value: Any) throws(PolicyFileError) -> [String: TargetOverride] {
        guard let object = value as? [String: Any] else {
            throw .wrongType(
                file: file, path: "overrides", expected: "an object of intent name → {autoResolveTarget, reviewTarget}",
                found: Self.kind(of: value))
        }
        var result: [String: TargetOverride] = [:]
        for intent in object.keys.sorted() {
            let path = "overrides.\(intent)"
            guard !intent.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidValue(file: file, path: path, value: "an empty intent name", allowed: "name an intent")
            }
            guard let entry = object[intent] as? [String: Any] else {
                throw .wrongType(
                    file: file, path: path, expected: "an object with autoResolveTarget and/or reviewTarget",
                    found: Self.kind(of: object[intent] ?? NSNull()))
            }
            try refuseUnknownKeys(entry, known: PolicyFile.overrideKeys, prefix: path + ".")
            var override = TargetOverride()
            if let auto = entry["autoResolveTarget"] { override.autoResolveTarget = try target(auto, path: path + ".autoResolveTarget") }
            if let review = entry["reviewTarget"] { override.reviewTarget = try target(review, path: path + ".reviewTarget") }
            result[intent] = override
        }
        return result
    }

    private func refuseUnknownKeys(_ object: [String: Any], known: [String], prefix: String) throws(PolicyFileError) {
        for key in object.keys.sorted() where !known.contains(key) {
            throw .unknownKey(file: file, path: prefix + key, suggestion: Self.closest(to: key, in: known), allowed: known)
        }
    }

    private func intentList(_ value: Any, path: String) throws(PolicyFileError) -> [String] {
        guard let items = value as? [Any] else {
            throw .wrongType(file: file, path: path, expected: "an array of intent names", found: Self.kind(of: value))
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = item as? String else {
                throw .wrongType(file: file, path: "\(path)[\(index)]", expected: "a string (an intent name)", found: Self.kind(of: item))
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidValue(file: file, path: "\(path)[\(index)]", value: "an empty string", allowed: "it must name an intent")
            }
            names.append(name)
        }
        return names
    }

    private func target(_ value: Any, path: String) throws(PolicyFileError) -> Double {
        let target = try number(value, path: path)
        guard target > 0, target < 1 else {
            throw .invalidValue(
                file: file, path: path, value: Self.format(target),
                allowed: "a precision target must be strictly between 0 and 1 (e.g. 0.95)")
        }
        return target
    }

    private func unitInterval(_ value: Any, path: String) throws(PolicyFileError) -> Double {
        let number = try number(value, path: path)
        guard number >= 0, number <= 1 else {
            throw .invalidValue(
                file: file, path: path, value: Self.format(number), allowed: "a threshold limit must be between 0 and 1")
        }
        return number
    }

    private func number(_ value: Any, path: String) throws(PolicyFileError) -> Double {
        guard let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite else {
            throw .wrongType(file: file, path: path, expected: "a number", found: Self.kind(of: value))
        }
        return number.doubleValue
    }

    /// JSONSerialization gives booleans as NSNumber too; their ObjC type is `char`.
    private static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    static func kind(of value: Any) -> String {
        switch value {
        case is String: return "a string"
        case let number as NSNumber: return isBoolean(number) ? "true/false" : "a number"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        default: return "an unexpected value"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The known key nearest to `key` by edit distance, ignoring case, `_` and `-`; nil when
    /// nothing is close enough to be a plausible typo. A key that is the start of exactly one
    /// known key (`autoResolve`) suggests that key.
    static func closest(to key: String, in known: [String]) -> String? {
        func normalized(_ text: String) -> [Character] { Array(text.lowercased().filter { $0 != "_" && $0 != "-" }) }
        let target = normalized(key)
        let extended = known.filter { target.count >= 4 && normalized($0).starts(with: target) }
        if extended.count == 1 { return extended[0] }
        var best: (distance: Int, key: String)? = nil
        for candidate in known {
            let distance = editDistance(target, normalized(candidate))
            if best.map({ distance < $0.distance }) ?? true { best = (distance, candidate) }
        }
        guard let best, best.distance <= max(2, target.count / 4) else { return nil }
        return best.key
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
