/// Everything in one published model folder, decoded: the manifest, the vocabulary, the IDF
/// vector, the weight matrix, the bias vector and any further files.
///
/// This is what the training job hands to ``ModelFolderWriter`` and what a router gets back
/// from ``ModelFolderReader``; both sides agree on the layout below, so a router never has to
/// know how the bytes are laid out on disk.
public struct ModelArtifacts: Sendable, Hashable {
    /// The manifest. When written, its `files` (and `format`, `formatVersion`) are filled in by
    /// the writer; everything else is kept as given.
    public var manifest: ModelManifest
    /// Feature index → term. `vocabulary[f]` is feature `f`; `vocabulary.count == manifest.featureCount`.
    public var vocabulary: [String]
    /// Inverse document frequency per feature, `featureCount` values.
    public var idf: [Float]
    /// Row-major `featureCount × intents.count`: the weights of feature `f` for intents
    /// `0..<K` are `weights[f * K ..< (f + 1) * K]`. Rows are features because a message has
    /// few features, so scoring adds a handful of contiguous rows.
    public var weights: [Float]
    /// One bias per intent, in `manifest.intents` order.
    public var bias: [Float]
    /// Further files of the folder by file name (e.g. "metrics.json"), stored and verified
    /// byte for byte but not interpreted.
    public var extraFiles: [String: [UInt8]]

    public init(
        manifest: ModelManifest, vocabulary: [String], idf: [Float], weights: [Float], bias: [Float],
        extraFiles: [String: [UInt8]] = [:]
    ) {
        self.manifest = manifest
        self.vocabulary = vocabulary
        self.idf = idf
        self.weights = weights
        self.bias = bias
        self.extraFiles = extraFiles
    }

    // MARK: - File names of format version 1

    public static let manifestFileName = "manifest.json"
    public static let vocabularyFileName = "vocabulary.txt"
    public static let idfFileName = "idf.f32"
    public static let weightsFileName = "weights.f32"
    public static let biasFileName = "bias.f32"
    /// The files every version folder must have (besides `manifest.json`) and list in `manifest.files`.
    public static let requiredFileNames = [vocabularyFileName, idfFileName, weightsFileName, biasFileName]

    /// Whether `name` can be a file of a model folder: a plain, visible file name. Refusing
    /// "/", "..", and leading dots keeps a manifest from pointing a reader outside its folder
    /// and keeps extra files apart from the registry's own dotfiles.
    public static func isValidFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.utf8.contains(0)
            && name.utf8.count <= 255
    }
}
