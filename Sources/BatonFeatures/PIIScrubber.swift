/// Replaces customer data in a message by placeholder tokens before any other step sees the
/// text, so that no email address, URL, phone, account or order number, or introduced name can
/// become a vocabulary term and reach a published model file.
///
/// It runs before lowercasing because the name rules need capital letters. It uses hand-written
/// scanners (no regular expressions): a chat router calls it on every live message within a
/// budget of microseconds, and every rule below runs in time linear in the message length.
///
/// ## Specification
///
/// The input is a sequence of Unicode scalars (Python: the code points of a `str`). Three passes
/// run in this order, each on the output of the one before; each replaces whole spans by a
/// placeholder surrounded by one space on each side (`" __email__ "`, `" __url__ "`,
/// `" __number__ "`, `" __name__ "`). Everything not replaced is kept exactly, including
/// whitespace. Definitions:
///
/// - *whitespace*: Unicode `White_Space`: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680,
///   U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 (not Python's `str.isspace()`).
/// - *digit*: ASCII '0'–'9' only.
/// - *letter*: general category L* (`unicodedata.category(c)[0] == "L"`); *uppercase*: category Lu.
/// - *ASCII-case-insensitive* comparison folds only 'A'–'Z' to 'a'–'z'.
///
/// **Pass 1, emails and URLs.** Split the text into *chunks*: maximal runs of non-whitespace
/// scalars. A chunk is an email if it has an '@' at some position p > 0 of the chunk and a '.'
/// at some position after p. Otherwise it is a URL if it contains, ASCII-case-insensitively,
/// "http://", "https://" or "www." anywhere (anywhere rather than only at the start, so that
/// "(www.example.com)" is caught and a second scrub finds nothing new). The whole chunk,
/// punctuation included, is replaced by `" __email__ "` or `" __url__ "`.
///
/// **Pass 2, numbers.** Scan left to right with a position i starting at 0. If the scalar at i
/// is a digit, '+' or '(', take the maximal run from i of digits and the separators space
/// (U+0020 only), '-', '.', '(', ')', '+', '/'. If the run contains at least 6 digits, replace
/// the run from i through its last digit by `" __number__ "` (separators after the last digit
/// are kept) and continue just after that last digit; otherwise keep the run and continue at
/// its end. Any other scalar: continue at i + 1. So "+1 (555) 123-4567", "555-123-4567",
/// "12345678" and "AB123456" (the digits) are replaced; "2 weeks", "$50", "v2", "12345" stay.
///
/// **Pass 3, names.** Find the *words*: maximal sequences `letter (letter | joiner letter)*`,
/// where a joiner is "'" (U+0027), "’" (U+2019) or '-' (so "O'Brien" and "Jean-Luc" are one
/// word). The *gap* between two consecutive words is the text between them (never letters).
/// A *capitalised* word starts with an uppercase letter. Gap kinds:
/// - phrase gap: one or more whitespace;
/// - introduction gap: one or more scalars, each whitespace, ',' or ':';
/// - sign-off gap: one or more scalars, each whitespace, ',' or '!';
/// - name gap: one or more whitespace; or, when the word before it is a single letter (an
///   initial, as in "J. Smith"), a '.' followed by one or more whitespace.
///
/// *Introductions*: wherever the words "my" "name" "is" or "this" "is" (ASCII-case-insensitive,
/// phrase gaps between them) are followed, across an introduction gap, by a capitalised word N1,
/// the name is N1, extended by the next word N2 when N2 is capitalised and the gap N1–N2 is a
/// name gap. Every occurrence is applied.
///
/// *Sign-off*: let w[m-1] be the last word and the *tail* the text after it. If the tail
/// contains no token character (letter, number or '_', see ``Tokenizer``) then, checking the
/// two-word form first:
/// - if w[m-2] and w[m-1] are capitalised with a name gap between them, and the word before
///   them ends a sign-off, joined to w[m-2] by a sign-off gap, the name is w[m-2] w[m-1];
/// - else if w[m-1] is capitalised and w[m-2] ends a sign-off, joined by a sign-off gap, the name
///   is w[m-1].
/// A word *ends a sign-off* if it is (ASCII-case-insensitively) "thanks", "regards", "cheers" or
/// "best", or it is "you" preceded by the word "thank" across a phrase gap.
///
/// Each name is the span from the start of its first word to the end of its last word;
/// overlapping spans are merged, and each resulting span is replaced by `" __name__ "`.
///
/// Scrubbing is idempotent: scrubbing a scrubbed text changes nothing (placeholders contain no
/// '@', '.', digit or capital, and their '_' is allowed in no gap).
public struct PIIScrubber: Sendable, Hashable {
    /// The token left where an email address was.
    public static let emailPlaceholder = "__email__"
    /// The token left where a URL was.
    public static let urlPlaceholder = "__url__"
    /// The token left where a phone, account, card or order number was.
    public static let numberPlaceholder = "__number__"
    /// The token left where a person's name was.
    public static let namePlaceholder = "__name__"

    /// Fewest digits in a number run that is replaced.
    public static let minimumNumberDigits = 6

    public init() {}

    /// The text with customer data replaced by placeholders, as specified on the type.
    public func scrub(_ text: String) -> String {
        let scalars = text.unicodeScalars.map(\.value)
        return Self.string(from: scrub(scalars: scalars))
    }

    /// The scrubbing passes over scalar values; the text pipeline's entry point.
    func scrub(scalars: [UInt32]) -> [UInt32] {
        var result = Self.replaceEmailsAndURLs(in: scalars)
        result = Self.replaceNumbers(in: result)
        result = Self.replaceNames(in: result)
        return result
    }

    static func string(from scalars: [UInt32]) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars.lazy.compactMap(Unicode.Scalar.init))
        return String(text)
    }

    // MARK: - Pass 1: emails and URLs

    private static let emailReplacement = Array(" __email__ ".unicodeScalars.map(\.value))
    private static let urlReplacement = Array(" __url__ ".unicodeScalars.map(\.value))
    private static let urlMarkers: [[UInt32]] = ["http://", "https://", "www."].map { Array($0.unicodeScalars.map(\.value)) }

    static func replaceEmailsAndURLs(in s: [UInt32]) -> [UInt32] {
        var rewrite = ScalarRewrite(s)
        var i = 0
        let n = s.count
        while i < n {
            if ScalarClass.isWhitespace(s[i]) {
                i += 1
                continue
            }
            let start = i
            var firstAtAfterStart = -1
            var lastDot = -1
            var mayBeURL = false
            while i < n, !ScalarClass.isWhitespace(s[i]) {
                switch s[i] {
                case 0x40 where i > start && firstAtAfterStart < 0: firstAtAfterStart = i  // '@'
                case 0x2E: lastDot = i  // '.'
                case 0x68, 0x48, 0x77, 0x57: mayBeURL = true  // 'h', 'H', 'w', 'W'
                default: break
                }
                i += 1
            }
            if firstAtAfterStart >= 0 && lastDot > firstAtAfterStart {
                rewrite.replace(start..<i, with: emailReplacement)
            } else if mayBeURL && containsURLMarker(s, start..<i) {
                rewrite.replace(start..<i, with: urlReplacement)
            }
        }
        return rewrite.finish()
    }

    private static func containsURLMarker(_ s: [UInt32], _ chunk: Range<Int>) -> Bool {
        for position in chunk {
            let first = asciiLowercased(s[position])
            guard first == 0x68 || first == 0x77 else { continue }
            for marker in urlMarkers where marker[0] == first && position + marker.count <= chunk.upperBound {
                var matches = true
                for k in 1..<marker.count where asciiLowercased(s[position + k]) != marker[k] {
                    matches = false
                    break
                }
                if matches { return true }
            }
        }
        return false
    }

    // MARK: - Pass 2: numbers

    private static let numberReplacement = Array(" __number__ ".unicodeScalars.map(\.value))

    @inline(__always)
    private static func isNumberSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2B, 0x2F: return true  // space - . ( ) + /
        default: return false
        }
    }

    static func replaceNumbers(in s: [UInt32]) -> [UInt32] {
        var rewrite = ScalarRewrite(s)
        var i = 0
        let n = s.count
        while i < n {
            let value = s[i]
            guard ScalarClass.isASCIIDigit(value) || value == 0x2B || value == 0x28 else {  // '+', '('
                i += 1
                continue
            }
            var end = i
            var digits = 0
            var lastDigit = -1
            while end < n {
                let v = s[end]
                if ScalarClass.isASCIIDigit(v) {
                    digits += 1
                    lastDigit = end
                } else if !isNumberSeparator(v) {
                    break
                }
                end += 1
            }
            if digits >= minimumNumberDigits {
                rewrite.replace(i..<(lastDigit + 1), with: numberReplacement)
                i = lastDigit + 1
            } else {
                i = end
            }
        }
        return rewrite.finish()
    }

    // MARK: - Pass 3: names

    private static let nameReplacement = Array(" __name__ ".unicodeScalars.map(\.value))

    private struct Word {
        var start: Int
        var end: Int
    }

    private static func words(in s: [UInt32]) -> [Word] {
        var words: [Word] = []
        var i = 0
        let n = s.count
        while i < n {
            guard ScalarClass.isLetter(s[i]) else {
                i += 1
                continue
            }
            let start = i
            i += 1
            while i < n {
                if ScalarClass.isLetter(s[i]) {
                    i += 1
                } else if isJoiner(s[i]), i + 1 < n, ScalarClass.isLetter(s[i + 1]) {
                    i += 2
                } else {
                    break
                }
            }
            words.append(Word(start: start, end: i))
        }
        return words
    }

    @inline(__always)
    private static func isJoiner(_ value: UInt32) -> Bool {
        value == 0x27 || value == 0x2019 || value == 0x2D
    }

    @inline(__always)
    private static func asciiLowercased(_ value: UInt32) -> UInt32 {
        value &- 0x41 < 26 ? value | 0x20 : value
    }

    private static func word(_ word: Word, in s: [UInt32], is lowercaseASCII: StaticString) -> Bool {
        guard word.end - word.start == lowercaseASCII.utf8CodeUnitCount else { return false }
        return lowercaseASCII.withUTF8Buffer { pattern in
            for k in 0..<pattern.count where asciiLowercased(s[word.start + k]) != UInt32(pattern[k]) {
                return false
            }
            return true
        }
    }

    private static func isCapitalised(_ word: Word, in s: [UInt32]) -> Bool {
        ScalarClass.isUppercaseLetter(s[word.start])
    }

    private static func gap(_ s: [UInt32], from left: Word, to right: Word, allAllowedBy allowed: (UInt32) -> Bool) -> Bool {
        guard right.start > left.end else { return false }
        for position in left.end..<right.start where !allowed(s[position]) { return false }
        return true
    }

    private static func isPhraseGap(_ s: [UInt32], _ left: Word, _ right: Word) -> Bool {
        gap(s, from: left, to: right, allAllowedBy: ScalarClass.isWhitespace)
    }

    private static func isIntroductionGap(_ s: [UInt32], _ left: Word, _ right: Word) -> Bool {
        gap(s, from: left, to: right) { ScalarClass.isWhitespace($0) || $0 == 0x2C || $0 == 0x3A }  // ',' ':'
    }

    private static func isSignOffGap(_ s: [UInt32], _ left: Word, _ right: Word) -> Bool {
        gap(s, from: left, to: right) { ScalarClass.isWhitespace($0) || $0 == 0x2C || $0 == 0x21 }  // ',' '!'
    }

    private static func isNameGap(_ s: [UInt32], _ left: Word, _ right: Word) -> Bool {
        var start = left.end
        if left.end - left.start == 1 && start < right.start && s[start] == 0x2E { start += 1 }  // initial + '.'
        guard right.start > start else { return false }
        for position in start..<right.start where !ScalarClass.isWhitespace(s[position]) { return false }
        return true
    }

    /// The name starting at `words[first]` (one word, or two across a name gap).
    private static func nameSpan(_ s: [UInt32], _ words: [Word], startingAt first: Int) -> Range<Int> {
        let next = first + 1
        if next < words.count, isCapitalised(words[next], in: s), isNameGap(s, words[first], words[next]) {
            return words[first].start..<words[next].end
        }
        return words[first].start..<words[first].end
    }

    private static func endsSignOff(_ s: [UInt32], _ words: [Word], at index: Int) -> Bool {
        let word = words[index]
        if self.word(word, in: s, is: "thanks") || self.word(word, in: s, is: "regards")
            || self.word(word, in: s, is: "cheers") || self.word(word, in: s, is: "best")
        {
            return true
        }
        return index > 0 && self.word(word, in: s, is: "you") && self.word(words[index - 1], in: s, is: "thank")
            && isPhraseGap(s, words[index - 1], word)
    }

    static func replaceNames(in s: [UInt32]) -> [UInt32] {
        // Every rule needs a capitalised word: most lowercase chat messages stop here.
        guard s.contains(where: ScalarClass.isUppercaseLetter) else { return s }
        let words = words(in: s)
        let m = words.count
        guard m >= 2 else { return s }
        var spans: [Range<Int>] = []

        // Introductions: "my name is N", "this is N".
        for k in 0..<m where isCapitalised(words[k], in: s) && k >= 2 && isIntroductionGap(s, words[k - 1], words[k]) {
            let w1 = words[k - 1]
            let w2 = words[k - 2]
            guard word(w1, in: s, is: "is"), isPhraseGap(s, w2, w1) else { continue }
            let introduced =
                word(w2, in: s, is: "this")
                || (k >= 3 && word(w2, in: s, is: "name") && word(words[k - 3], in: s, is: "my")
                    && isPhraseGap(s, words[k - 3], w2))
            if introduced { spans.append(nameSpan(s, words, startingAt: k)) }
        }

        // Sign-off: "... Thanks, N1 N2" at the very end.
        if !s[words[m - 1].end...].contains(where: ScalarClass.isTokenCharacter) && isCapitalised(words[m - 1], in: s) {
            if m >= 3, isCapitalised(words[m - 2], in: s), isNameGap(s, words[m - 2], words[m - 1]),
                endsSignOff(s, words, at: m - 3), isSignOffGap(s, words[m - 3], words[m - 2])
            {
                spans.append(words[m - 2].start..<words[m - 1].end)
            } else if endsSignOff(s, words, at: m - 2), isSignOffGap(s, words[m - 2], words[m - 1]) {
                spans.append(words[m - 1].start..<words[m - 1].end)
            }
        }

        guard !spans.isEmpty else { return s }
        spans.sort { $0.lowerBound < $1.lowerBound }
        var rewrite = ScalarRewrite(s)
        var current = spans[0]
        for span in spans.dropFirst() {
            if span.lowerBound < current.upperBound {
                current = current.lowerBound..<max(current.upperBound, span.upperBound)
            } else {
                rewrite.replace(current, with: nameReplacement)
                current = span
            }
        }
        rewrite.replace(current, with: nameReplacement)
        return rewrite.finish()
    }
}
