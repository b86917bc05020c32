import Foundation

/// The terms that are features, in column order, with their idf weights and a fast
/// term → column lookup.
///
/// ## Specification
///
/// - Terms are the distinct terms (see ``Tokenizer``) that occur in at least
///   `minDocumentFrequency` training documents (a value below 1 counts as 1). The *document
///   frequency* df of a term is the number of documents containing it at least once.
/// - Column order is ascending UTF-8 byte order of the terms, which is also Unicode code point
///   order and Python's `sorted()` order of `str`; scikit-learn orders its vocabulary the same way.
/// - `idf = ln((1 + n) / (1 + df)) + 1` computed in binary64, with n the number of training
///   documents, then rounded to the nearest binary32 (Float). That Float is what is stored in a
///   model and what every weight computation uses (see ``TFIDFVectorizer``).
public struct Vocabulary: Sendable, Equatable {
    /// Terms in column order (strictly ascending UTF-8 byte order).
    public let terms: [String]
    /// `idf[i]` belongs to `terms[i]`.
    public let idf: [Float]
    private let table: TermTable

    /// The number of terms (feature columns).
    public var count: Int { terms.count }

    /// A vocabulary read back from a model: checks the invariants that training guarantees.
    public init(terms: [String], idf: [Float]) throws(VocabularyError) {
        guard terms.count == idf.count else { throw .countMismatch(terms: terms.count, idf: idf.count) }
        for (index, term) in terms.enumerated() {
            if term.isEmpty { throw .emptyTerm(index: index) }
            if index > 0 && !terms[index - 1].utf8.lexicographicallyPrecedes(term.utf8) {
                throw .notStrictlyAscending(index: index, previous: terms[index - 1], term: term)
            }
        }
        for (index, value) in idf.enumerated() where !value.isFinite || value < 1 {
            throw .invalidIDF(index: index, value: value)
        }
        self.init(validatedTerms: terms, idf: idf)
    }

    /// The vocabulary of a corpus of `documentCount` documents from its document frequencies:
    /// the terms with `df ≥ minDocumentFrequency`, sorted, with their idf.
    ///
    /// Keys are Swift strings, so canonically equivalent spellings would collide; text from
    /// ``TextNormalizer`` is in NFKC, where they do not occur.
    public init(documentFrequencies: [String: Int], documentCount: Int, minDocumentFrequency: Int) {
        let floor = max(1, minDocumentFrequency)
        let kept = documentFrequencies.filter { $0.value >= floor }
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        self.init(
            validatedTerms: kept.map(\.key),
            idf: kept.map { Self.inverseDocumentFrequency(documentFrequency: $0.value, documentCount: documentCount) })
    }

    init(validatedTerms terms: [String], idf: [Float]) {
        var table = TermTable(minimumCapacity: terms.count)
        for term in terms {
            var bytes = Array(term.utf8)
            _ = bytes.withUnsafeMutableBufferPointer { table.insert(UnsafeBufferPointer($0), hash: TermHash.hash($0)) }
        }
        self.terms = terms
        self.idf = idf
        self.table = table
    }

    /// `Float(ln((1 + n) / (1 + df)) + 1)`, scikit-learn's smoothed idf, rounded once to Float.
    public static func inverseDocumentFrequency(documentFrequency: Int, documentCount: Int) -> Float {
        Float(log(Double(1 + documentCount) / Double(1 + documentFrequency)) + 1)
    }

    /// The column of `term`, or nil if it is not a feature. Compares UTF-8 bytes exactly.
    public func index(of term: String) -> Int? {
        var bytes = Array(term.utf8)
        let id = bytes.withUnsafeMutableBufferPointer { table.find(UnsafeBufferPointer($0), hash: TermHash.hash($0)) }
        return id < 0 ? nil : Int(id)
    }

    /// The column of the term with these UTF-8 bytes and ``TermHash``, or -1.
    @inline(__always)
    func column(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
        table.find(bytes, hash: hash)
    }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.idf == rhs.idf && lhs.terms.count == rhs.terms.count
            && zip(lhs.terms, rhs.terms).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
    }
}
