/// An input row as named values, whichever format it came from.
///
/// CSV rows are mapped through their header, JSON Lines rows are objects; both end up
/// here so the record types validate fields in one place.
struct SourceRow: Sendable {
    var values: [String: FieldValue]

    /// A problem with one field, phrased for the person fixing the export.
    struct Problem: Error {
        var reason: String
    }

    /// The value under the first of `keys` that is present and not empty.
    private func value(_ keys: [String]) -> (key: String, value: FieldValue)? {
        for key in keys {
            guard let value = values[key] else { continue }
            switch value {
            case .null: continue
            case .text(let text) where Self.trimmed(text).isEmpty: continue
            default: return (key, value)
            }
        }
        return nil
    }

    /// Text exactly as given (not trimmed); nil when absent or blank.
    func verbatimText(_ keys: String...) throws(Problem) -> String? {
        guard let (key, value) = value(keys) else { return nil }
        switch value {
        case .text(let text): return text
        default: throw Problem(reason: "\(key) must be a string, found \(value.kindName)")
        }
    }

    /// Text with surrounding whitespace removed; nil when absent or blank. JSON integers
    /// are accepted as their decimal digits, since exported ids are often numbers.
    func trimmedText(_ keys: String...) throws(Problem) -> String? {
        guard let (key, value) = value(keys) else { return nil }
        switch value {
        case .text(let text): return Self.trimmed(text)
        case .number(let number) where number == number.rounded() && abs(number) < 9.0e15:
            return String(Int64(number))
        default: throw Problem(reason: "\(key) must be a string, found \(value.kindName)")
        }
    }

    /// A number, from a JSON number or a decimal string; nil when absent or blank.
    func number(_ key: String) throws(Problem) -> Double? {
        guard let (key, value) = value([key]) else { return nil }
        switch value {
        case .number(let number): return number
        case .text(let text):
            let trimmed = Self.trimmed(text)
            guard let number = Double(trimmed), number.isFinite else {
                throw Problem(reason: "\(key) must be a number, found \"\(Self.excerpt(trimmed))\"")
            }
            return number
        default: throw Problem(reason: "\(key) must be a number, found \(value.kindName)")
        }
    }

    /// An integer, from a whole JSON number or a string of digits; nil when absent or blank.
    func integer(_ key: String) throws(Problem) -> Int? {
        guard let (key, value) = value([key]) else { return nil }
        switch value {
        case .number(let number) where number == number.rounded() && abs(number) < 1.0e9:
            return Int(number)
        case .text(let text):
            let trimmed = Self.trimmed(text)
            guard let integer = Int(trimmed) else {
                throw Problem(reason: "\(key) must be a whole number, found \"\(Self.excerpt(trimmed))\"")
            }
            return integer
        case .number(let number):
            throw Problem(reason: "\(key) must be a whole number, found \(number)")
        default: throw Problem(reason: "\(key) must be a whole number, found \(value.kindName)")
        }
    }

    /// An intent label: trimmed, and `[A-Za-z0-9_.-]{1,64}`; nil when absent or blank.
    func intentLabel(_ keys: String...) throws(Problem) -> String? {
        guard let (key, value) = value(keys) else { return nil }
        guard case .text(let text) = value else {
            throw Problem(reason: "\(key) must be a string, found \(value.kindName)")
        }
        let label = Self.trimmed(text)
        if let problem = IntentLabel.problem(with: label) {
            throw Problem(reason: "\(key) \(problem)")
        }
        return label
    }

    /// An ISO 8601 timestamp normalised to UTC `yyyy-MM-ddTHH:mm:ssZ`; nil when absent or blank.
    func timestamp(_ key: String) throws(Problem) -> String? {
        guard let (key, value) = value([key]) else { return nil }
        guard case .text(let text) = value else {
            throw Problem(reason: "\(key) must be an ISO 8601 timestamp string, found \(value.kindName)")
        }
        let trimmed = Self.trimmed(text)
        guard let normalised = UTCTimestamp.normalise(trimmed) else {
            if UTCTimestamp.normalise(trimmed + "Z") != nil {
                throw Problem(
                    reason: "\(key) \"\(Self.excerpt(trimmed))\" has no time zone; add Z (UTC) or an offset such as +01:00")
            }
            throw Problem(
                reason: "\(key) \"\(Self.excerpt(trimmed))\" is not an ISO 8601 timestamp; use e.g. 2026-12-01T10:00:00Z, 2026-12-01T11:00:00.250+01:00 or 2026-12-01")
        }
        return normalised
    }

    /// `text` without leading and trailing whitespace or line breaks.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        if first == text.startIndex && text.index(after: last) == text.endIndex { return text }
        return String(text[first...last])
    }

    /// The start of a long value, so a reason stays one readable line.
    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}
