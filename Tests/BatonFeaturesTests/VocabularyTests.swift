import Testing
import BatonFeatures

@Suite struct VocabularyTests {
    @Test func termsAreInUTF8ByteOrder() {
        let frequencies = ["zeta": 1, "alpha": 1, "Zulu": 1, "émile": 1, "alpha beta": 1, "_x": 1, "日本": 1, "9lives": 1]
        let vocabulary = Vocabulary(documentFrequencies: frequencies, documentCount: 4, minDocumentFrequency: 1)
        #expect(vocabulary.terms == ["9lives", "Zulu", "_x", "alpha", "alpha beta", "zeta", "émile", "日本"])
        #expect(vocabulary.index(of: "alpha beta") == 4)
        #expect(vocabulary.index(of: "日本") == 7)
        #expect(vocabulary.index(of: "beta") == nil)
    }

    @Test func minimumDocumentFrequencyDropsRareTerms() {
        let frequencies = ["card": 3, "lost": 2, "stolen": 1]
        #expect(Vocabulary(documentFrequencies: frequencies, documentCount: 3, minDocumentFrequency: 2).terms == ["card", "lost"])
        #expect(Vocabulary(documentFrequencies: frequencies, documentCount: 3, minDocumentFrequency: 3).terms == ["card"])
        #expect(Vocabulary(documentFrequencies: frequencies, documentCount: 3, minDocumentFrequency: 0).count == 3)
    }

    @Test func fittedVocabularyHonoursMinimumDocumentFrequency() {
        let documents = ["card lost", "card stolen", "pin", "Card"]
        let (vectorizer, _) = TFIDFVectorizer.fit(documents: documents, config: FeaturizerConfig(maxNgram: 2, minDocumentFrequency: 2))
        #expect(vectorizer.vocabulary.terms == ["card"])
        let (all, _) = TFIDFVectorizer.fit(documents: documents, config: FeaturizerConfig(maxNgram: 2, minDocumentFrequency: 1))
        #expect(all.vocabulary.terms == ["card", "card lost", "card stolen", "lost", "pin", "stolen"])
    }

    @Test func idfIsSmoothedAndRoundedToFloat() {
        // ln((1 + 3) / (1 + 2)) + 1 and ln((1 + 3) / (1 + 1)) + 1
        #expect(Vocabulary.inverseDocumentFrequency(documentFrequency: 2, documentCount: 3) == Float(1.2876820724517808))
        #expect(Vocabulary.inverseDocumentFrequency(documentFrequency: 1, documentCount: 3) == Float(1.6931471805599454))
        #expect(Vocabulary.inverseDocumentFrequency(documentFrequency: 3, documentCount: 3) == 1)
    }

    @Test func loadedVocabularyIsChecked() throws {
        let vocabulary = try Vocabulary(terms: ["card", "lost"], idf: [1.5, 2])
        #expect(vocabulary.index(of: "lost") == 1)
        #expect(throws: VocabularyError.countMismatch(terms: 2, idf: 1)) { try Vocabulary(terms: ["card", "lost"], idf: [1]) }
        #expect(throws: VocabularyError.notStrictlyAscending(index: 1, previous: "lost", term: "card")) {
            try Vocabulary(terms: ["lost", "card"], idf: [1, 1])
        }
        #expect(throws: VocabularyError.notStrictlyAscending(index: 1, previous: "card", term: "card")) {
            try Vocabulary(terms: ["card", "card"], idf: [1, 1])
        }
        #expect(throws: VocabularyError.emptyTerm(index: 0)) { try Vocabulary(terms: [""], idf: [1]) }
        #expect(throws: VocabularyError.self) { try Vocabulary(terms: ["card"], idf: [.nan]) }
        #expect(throws: VocabularyError.invalidIDF(index: 0, value: 0.5)) { try Vocabulary(terms: ["card"], idf: [0.5]) }
    }

    @Test func errorDescriptionsNameTheTermAndTheRemedy() {
        let description = VocabularyError.notStrictlyAscending(index: 7, previous: "lost", term: "card").description
        #expect(description.contains("term 7"))
        #expect(description.contains("\"card\""))
        #expect(description.contains("republish"))
    }

    @Test func lookupSurvivesManyTerms() {
        let terms = (0..<5000).map { "term\($0)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let vocabulary = Vocabulary(documentFrequencies: Dictionary(uniqueKeysWithValues: terms.map { ($0, 1) }), documentCount: 1, minDocumentFrequency: 1)
        #expect(vocabulary.terms == terms)
        #expect(terms.indices.allSatisfy { vocabulary.index(of: terms[$0]) == $0 })
        #expect(vocabulary.index(of: "term5000") == nil)
    }
}
