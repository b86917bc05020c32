/// Settings that turn text into TF-IDF features; stored in every model manifest so that
/// a router featurizes live messages exactly as the training job did.
///
/// How each setting is used is specified on ``Tokenizer``, ``Vocabulary`` and
/// ``TFIDFVectorizer``. A value below 1 for `maxNgram`, `minDocumentFrequency` or
/// `minTokenLength` is treated as 1, so a damaged manifest cannot crash a router.
public struct FeaturizerConfig: Codable, Hashable, Sendable {
    /// Largest word n-gram (1 = unigrams, 2 = unigrams and bigrams).
    public var maxNgram: Int
    /// A term enters the vocabulary only if it occurs in at least this many training documents.
    /// Also a privacy floor: a rare string (a name, an order code) seen in one conversation never
    /// reaches a model file.
    public var minDocumentFrequency: Int
    /// tf = 1 + ln(count) instead of the raw count.
    public var sublinearTF: Bool
    /// Shortest token kept, in Unicode scalars (scikit-learn's default pattern keeps 2 and up).
    public var minTokenLength: Int

    public init(maxNgram: Int = 2, minDocumentFrequency: Int = 2, sublinearTF: Bool = true, minTokenLength: Int = 2) {
        self.maxNgram = maxNgram
        self.minDocumentFrequency = minDocumentFrequency
        self.sublinearTF = sublinearTF
        self.minTokenLength = minTokenLength
    }

    public static let `default` = FeaturizerConfig()
}
