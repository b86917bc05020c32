/// Why an ``IntentModel`` could not be built from the given arrays.
public enum IntentModelError: Error, CustomStringConvertible, Equatable {
    case noIntents
    case shapeMismatch(what: String, expected: Int, found: Int)
    case invalidTemperature(Double)

    public var description: String {
        switch self {
        case .noIntents:
            return "The model has no intents; retrain it on labelled data."
        case .shapeMismatch(let what, let expected, let found):
            return "The model's \(what) has \(found) values where \(expected) were expected; the model files are inconsistent, publish a new version or roll back."
        case .invalidTemperature(let t):
            return "The model's temperature \(t) is not a positive finite number; recalibrate and publish a new version."
        }
    }
}
