/// A small command-line reader: `--name value`, `--name=value`, boolean `--flag`, positionals.
///
/// Options are declared by the command that reads them; anything left unread is refused with a
/// usage error, so a typo such as `--froce` never runs a job with defaults silently.
struct ArgumentList {
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private var consumed: Set<String> = []

    /// - Parameter valueOptions: option names (without `--`) that take a value.
    init(_ arguments: [String], valueOptions: Set<String>) throws(UsageError) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                positionals += arguments[index...]
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positionals.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                let name = String(body[..<equals])
                guard valueOptions.contains(name) else { throw UsageError("--\(name) does not take a value") }
                options[name] = String(body[body.index(after: equals)...])
            } else if valueOptions.contains(String(body)) {
                guard index < arguments.count else { throw UsageError("--\(body) needs a value") }
                options[String(body)] = arguments[index]
                index += 1
            } else {
                flags.insert(String(body))
            }
        }
    }

    mutating func option(_ name: String) -> String? {
        consumed.insert(name)
        return options[name]
    }

    mutating func flag(_ name: String) -> Bool {
        consumed.insert(name)
        return flags.contains(name)
    }

    mutating func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = option(name) else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw UsageError("--\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return parsed
    }

    mutating func number(_ name: String, default value: Double, where valid: (Double) -> Bool, expected: String) throws(UsageError) -> Double {
        guard let text = option(name) else { return value }
        guard let parsed = Double(text), parsed.isFinite, valid(parsed) else {
            throw UsageError("--\(name) must be \(expected), got '\(text)'")
        }
        return parsed
    }

    /// Refuses options and flags that no one read, and more positionals than allowed.
    func finish(maxPositionals: Int) throws(UsageError) {
        let unknown = Set(options.keys).union(flags).subtracting(consumed).sorted()
        if let first = unknown.first { throw UsageError("unknown option --\(first)") }
        if positionals.count > maxPositionals {
            throw UsageError("unexpected argument '\(positionals[maxPositionals])'")
        }
    }
}

/// A command line that cannot be run as given (exit code 2).
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { "\(message). Run `baton help` for usage." }
}
