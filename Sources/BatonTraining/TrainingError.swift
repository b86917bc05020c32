/// Why a model could not be trained.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case noExamples
    case labelCountMismatch(rows: Int, labels: Int)
    case tooFewClasses(Int)
    case labelOutOfRange(label: Int, classCount: Int)
    case invalidHyperparameter(name: String, value: Double)
    case notFinite(iteration: Int)

    public var description: String {
        switch self {
        case .noExamples:
            return "There are no training examples; ingest labelled transcripts first (baton ingest transcripts FILE)."
        case .labelCountMismatch(let rows, let labels):
            return "The feature matrix has \(rows) rows but \(labels) labels were given."
        case .tooFewClasses(let count):
            return "Training needs at least 2 intents with examples, found \(count); ingest more labelled transcripts."
        case .labelOutOfRange(let label, let classCount):
            return "Label index \(label) is outside 0..<\(classCount)."
        case .invalidHyperparameter(let name, let value):
            return "Hyperparameter \(name) = \(value) is invalid; it must be a positive finite number."
        case .notFinite(let iteration):
            return "Training diverged (a non-finite objective at iteration \(iteration)); lower C or check the features."
        }
    }
}
