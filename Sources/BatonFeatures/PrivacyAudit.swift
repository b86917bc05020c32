/// Finds vocabulary terms that still look like customer data, so that the job can refuse to
/// publish a model whose vocabulary would leak it.
///
/// A last line of defence behind ``PIIScrubber`` and the minimum document frequency: anything it
/// flags means one of them let something through, and a person should look before a model
/// file carrying that term is published.
///
/// ## Rules
///
/// A term is split into words at U+0020 (a bigram has two). The term is suspicious if any word:
/// - contains '@';
/// - contains "www" (ASCII-case-insensitive), the remains of a URL. ("http" alone is not
///   flagged: the scrubber replaces every chunk holding "http://" or "https://", so a bare
///   "http" is the word in "http 500 error", which support messages use.)
/// - contains 6 or more ASCII digits in total (a phone, card or order number in pieces);
/// - looks like an account or reference code: at least 8 Unicode scalars, at least 4 of them
///   ASCII digits and at least one a letter (e.g. "ab123456", "x9y8z7w6q").
///
/// Placeholders (`__number__`, …) contain none of these.
public enum PrivacyAudit {
    /// Fewest digits in a word that marks it as a number.
    public static let numberDigits = 6
    /// Shortest word that can be an account code.
    public static let accountCodeLength = 8
    /// Fewest digits in an account code.
    public static let accountCodeDigits = 4

    /// The suspicious terms of `terms`, in their order.
    public static func suspiciousTerms(in terms: [String]) -> [String] {
        terms.filter(isSuspicious)
    }

    /// Whether one term looks like customer data (see the rules on the type).
    public static func isSuspicious(_ term: String) -> Bool {
        term.unicodeScalars.split(separator: " ").contains { isSuspiciousWord(Array($0)) }
    }

    private static func isSuspiciousWord(_ word: [Unicode.Scalar]) -> Bool {
        var digits = 0
        var letters = 0
        var lowered: [UInt8] = []
        lowered.reserveCapacity(word.count)
        for scalar in word {
            let value = scalar.value
            if value == 0x40 { return true }  // '@'
            if ScalarClass.isASCIIDigit(value) { digits += 1 }
            if ScalarClass.isLetter(value) { letters += 1 }
            lowered.append(value &- 0x41 < 26 ? UInt8(value | 0x20) : (value < 0x80 ? UInt8(value) : 0))
        }
        if digits >= numberDigits { return true }
        if word.count >= accountCodeLength && digits >= accountCodeDigits && letters > 0 { return true }
        return contains(lowered, Array("www".utf8))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
