/// Why a list of terms and weights cannot be a ``Vocabulary``, typically because a model file was
/// damaged or written by something other than Baton.
public enum VocabularyError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The term and idf lists differ in length.
    case countMismatch(terms: Int, idf: Int)
    /// The term at this index is the empty string.
    case emptyTerm(index: Int)
    /// The term at this index does not come strictly after the one before it in UTF-8 byte order
    /// (out of order, or a duplicate).
    case notStrictlyAscending(index: Int, previous: String, term: String)
    /// The idf at this index is NaN, infinite, or below 1 (the smoothed formula never gives less).
    case invalidIDF(index: Int, value: Float)

    public var description: String {
        switch self {
        case .countMismatch(let terms, let idf):
            return "vocabulary has \(terms) terms but \(idf) idf weights; the model files do not belong together: republish the model"
        case .emptyTerm(let index):
            return "vocabulary term \(index) is empty; the vocabulary file is damaged: republish the model"
        case .notStrictlyAscending(let index, let previous, let term):
            return "vocabulary term \(index) \"\(term)\" does not sort strictly after \"\(previous)\" in UTF-8 byte order (unsorted or duplicate); the vocabulary file is damaged: republish the model"
        case .invalidIDF(let index, let value):
            return "vocabulary idf \(index) is \(value), but idf weights are finite and at least 1; the vocabulary file is damaged: republish the model"
        }
    }
}
