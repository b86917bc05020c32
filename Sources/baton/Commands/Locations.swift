import Foundation

/// Where the store, the models and the inbox are: flag, then environment, then default.
struct Locations {
    let store: String
    let models: URL
    let inbox: URL?

    init(_ arguments: inout ArgumentList) {
        let environment = ProcessInfo.processInfo.environment
        store = arguments.option("store") ?? environment["BATON_STORE"] ?? "baton.sqlite"
        models = URL(fileURLWithPath: arguments.option("models") ?? environment["BATON_MODELS"] ?? "models")
        inbox = (arguments.option("inbox") ?? environment["BATON_INBOX"]).map { URL(fileURLWithPath: $0) }
    }

    static let valueOptions: Set<String> = ["store", "models", "inbox"]
}
