import BatonCore
import Foundation
import Testing
import BatonFeatures

@Suite struct TFIDFVectorizerTests {
    /// n = 3; df(card) = 2, df(lost) = 1, df(pin) = 2.
    /// idf(card) = idf(pin) = ln(4/3) + 1 = 1.2876820724517808 → Float 1.287682056427002
    /// idf(lost) = ln(4/2) + 1 = 1.6931471805599454 → Float 1.6931471824645996
    let corpus = ["card lost card", "card pin", "pin pin pin"]
    let unigrams = FeaturizerConfig(maxNgram: 1, minDocumentFrequency: 1, sublinearTF: true, minTokenLength: 2)

    @Test func weightsMatchHandComputedValues() throws {
        let (vectorizer, matrix) = TFIDFVectorizer.fit(documents: corpus, config: unigrams)
        #expect(vectorizer.vocabulary.terms == ["card", "lost", "pin"])
        #expect(vectorizer.vocabulary.idf == [1.287682056427002, 1.6931471824645996, 1.287682056427002])
        #expect(matrix.rowCount == 3 && matrix.columnCount == 3)

        // Row 0: tf(card) = 1 + ln 2; w = (1.6931471805599454 · 1.287682056427002, 1 · 1.6931471824645996)
        //      = (2.1802352432970107, 1.6931471824645996); norm 2.7604661015129652.
        let row0 = matrix.row(0)
        #expect(row0.indices == [0, 1])
        #expect(abs(row0.values[0] - 0.7898069250341674) < 1e-7)
        #expect(abs(row0.values[1] - 0.6133555422168068) < 1e-7)
        // Row 1: equal weights → 1/√2 each.
        let row1 = matrix.row(1)
        #expect(row1.indices == [0, 2])
        #expect(row1.values.allSatisfy { abs($0 - 0.70710678) < 1e-7 })
        // Row 2: one term → 1.
        #expect(matrix.row(2) == SparseVector(indices: [2], values: [1]))

        for row in 0..<matrix.rowCount {
            let norm = matrix.row(row).values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-6)
        }
    }

    @Test func rawCountsWhenSublinearTFIsOff() {
        var config = unigrams
        config.sublinearTF = false
        let (_, matrix) = TFIDFVectorizer.fit(documents: corpus, config: config)
        // w = (2 · 1.287682056427002, 1.6931471824645996)
        let row0 = matrix.row(0)
        #expect(abs(row0.values[0] - 0.8355915385230677) < 1e-7)
        #expect(abs(row0.values[1] - 0.5493512362311135) < 1e-7)
    }

    @Test func unseenWordsGiveAnEmptyVector() {
        let (vectorizer, _) = TFIDFVectorizer.fit(documents: corpus, config: unigrams)
        #expect(vectorizer.vector(for: "hello world").isEmpty)
        #expect(vectorizer.vector(for: "").isEmpty)
        #expect(vectorizer.vector(for: "a b c !!").isEmpty)
        let matrix = vectorizer.transform(["hello world", "card"])
        #expect(matrix.row(0).isEmpty)
        #expect(matrix.row(1) == SparseVector(indices: [0], values: [1]))
    }

    @Test func emptyCorpusGivesEmptyVocabularyAndMatrix() {
        let (vectorizer, matrix) = TFIDFVectorizer.fit(documents: [], config: .default)
        #expect(vectorizer.vocabulary.count == 0)
        #expect(matrix.rowCount == 0 && matrix.rowOffsets == [0] && matrix.nonZeroCount == 0)
        #expect(vectorizer.vector(for: "card").isEmpty)
    }

    @Test func vectorizerLoadedFromItsPartsFeaturizesAlike() throws {
        let (fitted, _) = TFIDFVectorizer.fit(documents: corpus, config: unigrams)
        let vocabulary = try Vocabulary(terms: fitted.vocabulary.terms, idf: fitted.vocabulary.idf)
        let loaded = TFIDFVectorizer(vocabulary: vocabulary, config: unigrams)
        for text in ["CARD lost", "pin card pin", "lost"] {
            #expect(loaded.vector(for: text) == fitted.vector(for: text))
        }
    }

    @Test func transformOfTrainingDocumentsEqualsFittedMatrix() {
        let documents = Self.syntheticCorpus(count: 1500, seed: 7)
        let (vectorizer, matrix) = TFIDFVectorizer.fit(documents: documents, config: .default)
        #expect(vectorizer.transform(documents) == matrix)
        for index in stride(from: 0, to: documents.count, by: 97) {
            #expect(vectorizer.vector(for: documents[index]) == matrix.row(index))
        }
    }

    @Test func fittingIsDeterministic() {
        let documents = Self.syntheticCorpus(count: 3000, seed: 11)
        let first = TFIDFVectorizer.fit(documents: documents, config: .default)
        let second = TFIDFVectorizer.fit(documents: documents, config: .default)
        #expect(first.vectorizer.vocabulary.terms == second.vectorizer.vocabulary.terms)
        #expect(first.vectorizer.vocabulary.idf == second.vectorizer.vocabulary.idf)
        #expect(first.matrix.rowOffsets == second.matrix.rowOffsets)
        #expect(first.matrix.columnIndices == second.matrix.columnIndices)
        #expect(first.matrix.values.map(\.bitPattern) == second.matrix.values.map(\.bitPattern))
    }

    @Test func hotPathAgreesWithTheSpecificationStepByStep() {
        let documents = Self.syntheticCorpus(count: 400, seed: 3)
        let (vectorizer, _) = TFIDFVectorizer.fit(documents: documents, config: FeaturizerConfig(maxNgram: 2, minDocumentFrequency: 1))
        let probes = Self.syntheticCorpus(count: 200, seed: 99)
        for text in probes {
            #expect(vectorizer.vector(for: text) == Self.specifiedVector(text, vectorizer))
        }
    }

    @Test func noCustomerDataReachesTheVocabulary() {
        let firstNames = ["Alice", "Bruno", "Chiara", "Dmitri", "Emeka"]
        let lastNames = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Castillo"]
        var documents: [String] = []
        for index in 0..<300 {
            let first = firstNames[index % 5]
            let last = lastNames[(index / 5) % 5]
            let phone = String(format: "+44 20 7946 %04d", index)
            let account = String(format: "%08d", 31_337 * index + 10_000_000)
            documents.append(
                "Hi, my name is \(first) \(last). My card was blocked, call me on \(phone) or write to "
                    + "\(first.lowercased()).\(last.lowercased())@mail.example.com. Account \(account), "
                    + "details at https://bank.example/case/\(index). Thanks, \(first)")
        }
        let (vectorizer, _) = TFIDFVectorizer.fit(documents: documents, config: FeaturizerConfig(maxNgram: 2, minDocumentFrequency: 1))
        let terms = vectorizer.vocabulary.terms
        let words = Set(terms.flatMap { $0.split(separator: " ").map(String.init) })
        for name in firstNames + lastNames {
            #expect(!words.contains(name.lowercased()), "\(name) leaked")
        }
        #expect(!words.contains("example") && !words.contains("mail") && !words.contains("bank"))
        #expect(!terms.contains { $0.contains { $0.isNumber } })
        #expect(words.isSuperset(of: ["__name__", "__number__", "__email__", "__url__"]))
        #expect(PrivacyAudit.suspiciousTerms(in: terms).isEmpty)
    }

    // MARK: - Test data and reference

    /// Short bank-support-like messages drawn with a seeded generator.
    static func syntheticCorpus(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let words = [
            "card", "lost", "my", "pin", "top", "up", "transfer", "pending", "refund", "fee", "exchange", "rate",
            "why", "is", "the", "still", "not", "arrived", "cash", "atm", "declined", "Can", "I", "How", "do",
            "Ünïcödé", "日本", "verify", "identity", "2", "weeks", "£1", "charge", "app", "?", ",", "!",
        ]
        return (0..<count).map { _ in
            let length = Int.random(in: 1...14, using: &generator)
            return (0..<length).map { _ in words.randomElement(using: &generator) ?? "card" }.joined(separator: " ")
        }
    }

    /// The specification followed literally with public API and strings: normalize, split into
    /// terms, count known terms, weigh, normalise.
    static func specifiedVector(_ text: String, _ vectorizer: TFIDFVectorizer) -> SparseVector {
        var counts: [Int: Int] = [:]
        for term in vectorizer.tokenizer.terms(in: vectorizer.normalizer.normalize(text)) {
            if let column = vectorizer.vocabulary.index(of: term) { counts[column, default: 0] += 1 }
        }
        let columns = counts.keys.sorted()
        let weights = columns.map { (1 + log(Double(counts[$0] ?? 1))) * Double(vectorizer.vocabulary.idf[$0]) }
        var sumOfSquares = 0.0
        for weight in weights { sumOfSquares += weight * weight }
        let norm = sumOfSquares.squareRoot()
        return SparseVector(indices: columns.map { Int32($0) }, values: weights.map { Float($0 / norm) })
    }
}
