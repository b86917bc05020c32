/// Splits normalized text into tokens and the tokens into terms (word n-grams), the units that
/// become vocabulary features.
///
/// ## Specification
///
/// Input: the output of ``TextNormalizer`` (this type neither lowercases nor scrubs).
///
/// - A *token character* is a Unicode scalar whose general category is a letter (L*) or a number
///   (N*), or '_' (U+005F), so that placeholders such as `__email__` stay one token. Python:
///   `c == "_" or unicodedata.category(c)[0] in "LN"`, the same set as `re`'s `\w`.
/// - *Tokens* are the maximal runs of token characters, in text order. A run shorter than
///   ``minTokenLength`` Unicode scalars is dropped (with 2, this is scikit-learn's default
///   `token_pattern` `(?u)\b\w\w+\b`). Dropping happens before n-grams are formed, so the
///   tokens on either side of a dropped one become consecutive.
/// - *Terms*: first every unigram (each kept token, in order, repeats included), then every
///   bigram "tok_i tok_{i+1}" (the two tokens joined by one U+0020), then trigrams, …, up to
///   ``maxNgram`` tokens, each order from left to right. This is scikit-learn's
///   `ngram_range=(1, maxNgram)` order.
///
/// A `minTokenLength` or `maxNgram` below 1 is treated as 1.
public struct Tokenizer: Sendable, Hashable {
    /// Shortest token kept, in Unicode scalars.
    public var minTokenLength: Int
    /// Longest n-gram, in tokens.
    public var maxNgram: Int

    public init(minTokenLength: Int = 2, maxNgram: Int = 2) {
        self.minTokenLength = minTokenLength
        self.maxNgram = maxNgram
    }

    /// The tokenizer that `config` describes.
    public init(config: FeaturizerConfig) {
        self.init(minTokenLength: config.minTokenLength, maxNgram: config.maxNgram)
    }

    /// The kept tokens of `text`, in order.
    public func tokens(in text: String) -> [String] {
        var buffer = TokenBuffer()
        tokenize(text.unicodeScalars.map(\.value), into: &buffer)
        return (0..<buffer.count).map { String(decoding: buffer.bytes[buffer.starts[$0]..<buffer.ends[$0]], as: UTF8.self) }
    }

    /// The terms of `text`: all unigrams, then all bigrams, …, up to ``maxNgram``.
    public func terms(in text: String) -> [String] {
        terms(fromTokens: tokens(in: text))
    }

    /// The terms formed from already split tokens, in the order specified on the type.
    public func terms(fromTokens tokens: [String]) -> [String] {
        var terms = tokens
        let longest = max(1, maxNgram)
        guard longest >= 2 else { return terms }
        for n in 2...longest where n <= tokens.count {
            for first in 0...(tokens.count - n) {
                terms.append(tokens[first..<(first + n)].joined(separator: " "))
            }
        }
        return terms
    }

    /// Appends the kept tokens of normalized scalars to `buffer` (see ``TokenBuffer``).
    func tokenize(_ scalars: [UInt32], into buffer: inout TokenBuffer) {
        let minimumLength = max(1, minTokenLength)
        scalars.withUnsafeBufferPointer { scalars in
            var index = 0
            let count = scalars.count
            while index < count {
                guard ScalarClass.isTokenCharacter(scalars[index]) else {
                    index += 1
                    continue
                }
                let start = buffer.bytes.count
                var length = 0
                while index < count, ScalarClass.isTokenCharacter(scalars[index]) {
                    Self.appendUTF8(scalars[index], to: &buffer.bytes)
                    length += 1
                    index += 1
                }
                if length >= minimumLength {
                    buffer.starts.append(start)
                    buffer.ends.append(buffer.bytes.count)
                    buffer.bytes.append(0x20)
                } else {
                    buffer.bytes.removeLast(buffer.bytes.count - start)
                }
            }
        }
    }

    @inline(__always)
    static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            bytes.append(UInt8(truncatingIfNeeded: 0xC0 | (value >> 6)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(truncatingIfNeeded: 0xE0 | (value >> 12)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        default:
            bytes.append(UInt8(truncatingIfNeeded: 0xF0 | (value >> 18)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
            bytes.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        }
    }
}
