import BatonCore
import Testing
@testable import BatonFeatures

/// Invariants over many random messages drawn from a seeded generator.
@Suite struct TextPropertyTests {
    static let fragments = [
        "a", "Z", "é", "Σ", "ς", "日", "ß", "İ", "0", "7", "42", "123", "4567", " ", "  ", "\t", "\n", "\u{A0}", "\u{3000}",
        "@", ".", ",", ":", "!", "?", "'", "’", "-", "+", "(", ")", "/", "_", "#", "$", "😀", "\u{301}",
        "my name is ", "this is ", "Thanks, ", "thank you ", "Best ", "http://", "www.", "@x.com", "John", "O'Brien",
        "J. ", "Smith", "__name__", "__number__", "ﬁ", "ｊ", "＠", "①",
    ]

    static func randomMessages(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...24, using: &generator)
            return (0..<length).map { _ in fragments.randomElement(using: &generator) ?? "" }.joined()
        }
    }

    @Test func scrubbingIsIdempotent() {
        let scrubber = PIIScrubber()
        for message in Self.randomMessages(count: 3000, seed: 20_260_101) {
            let once = scrubber.scrub(message)
            #expect(scrubber.scrub(once) == once, "\(message.debugDescription)")
        }
    }

    @Test func tokensContainNoWhitespaceOrPunctuation() {
        let normalizer = TextNormalizer()
        let tokenizer = Tokenizer(minTokenLength: 2, maxNgram: 2)
        for message in Self.randomMessages(count: 3000, seed: 42) {
            let tokens = tokenizer.tokens(in: normalizer.normalize(message))
            for token in tokens {
                #expect(token.unicodeScalars.count >= 2)
                let allowed = token.unicodeScalars.allSatisfy { scalar in
                    switch scalar.properties.generalCategory {
                    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                        .decimalNumber, .letterNumber, .otherNumber:
                        return true
                    default:
                        return scalar == "_"
                    }
                }
                #expect(allowed, "\(token.debugDescription) from \(message.debugDescription)")
                #expect(!token.contains { $0.isWhitespace || $0.isPunctuation && $0 != "_" })
            }
            let bigrams = tokenizer.terms(in: normalizer.normalize(message)).dropFirst(tokens.count)
            #expect(bigrams.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: false).count == 2 })
        }
    }

    @Test func scalarLowercasingMatchesStringLowercasedOnRandomText() {
        for message in Self.randomMessages(count: 1000, seed: 5) {
            let scalars = message.unicodeScalars.map(\.value)
            #expect(TextNormalizer.lowercased(scalars) == message.lowercased().unicodeScalars.map(\.value))
        }
    }
}
