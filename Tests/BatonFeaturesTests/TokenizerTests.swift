import Testing
@testable import BatonFeatures

@Suite struct TokenizerTests {
    @Test func tokensAreRunsOfLettersDigitsAndUnderscore() {
        let tokenizer = Tokenizer()
        #expect(tokenizer.tokens(in: "Héllo wörld_2 日本 x 42 a_b") == ["Héllo", "wörld_2", "日本", "42", "a_b"])
        #expect(tokenizer.tokens(in: "can't e-mail me: __email__!") == ["can", "mail", "me", "__email__"])
        #expect(tokenizer.tokens(in: "Ⅻ ½ x² ٣٤") == ["x²", "٣٤"])
        #expect(tokenizer.tokens(in: "  ,.;  ") == [])
    }

    @Test func minimumTokenLengthCountsScalars() {
        #expect(Tokenizer(minTokenLength: 1).tokens(in: "I a é 日") == ["I", "a", "é", "日"])
        #expect(Tokenizer(minTokenLength: 3).tokens(in: "my new card") == ["new", "card"])
        #expect(Tokenizer(minTokenLength: 0).tokens(in: "a b") == ["a", "b"])
    }

    @Test func bigramsJoinConsecutiveKeptTokens() {
        let tokenizer = Tokenizer(minTokenLength: 2, maxNgram: 2)
        // "i" is dropped before bigrams are formed, so "lost" starts the first one.
        #expect(tokenizer.terms(in: "i lost my card") == ["lost", "my", "card", "lost my", "my card"])
        #expect(tokenizer.terms(in: "card") == ["card"])
        #expect(tokenizer.terms(in: "") == [])
    }

    @Test func ngramOrderUpToMaximum() {
        #expect(Tokenizer(maxNgram: 1).terms(in: "lost my card") == ["lost", "my", "card"])
        #expect(
            Tokenizer(maxNgram: 3).terms(in: "lost my card")
                == ["lost", "my", "card", "lost my", "my card", "lost my card"])
        #expect(Tokenizer(maxNgram: 0).terms(in: "lost my") == ["lost", "my"])
    }

    @Test func bufferRangesHoldExactlyTheTermBytes() {
        var buffer = TokenBuffer()
        let tokenizer = Tokenizer(maxNgram: 2)
        tokenizer.tokenize("héllo, wörld 日本".unicodeScalars.map(\.value), into: &buffer)
        var seen: [String] = []
        var hashesMatch = true
        buffer.forEachTerm(maxNgram: 2) { hash, bytes in
            seen.append(String(decoding: bytes, as: UTF8.self))
            hashesMatch = hashesMatch && hash == TermHash.hash(bytes)
        }
        #expect(seen == ["héllo", "héllo wörld", "wörld", "wörld 日本", "日本"])
        #expect(hashesMatch)
    }
}
