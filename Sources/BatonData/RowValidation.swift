/// Collects every field problem of one row, so a rejected row lists all its faults at once.
struct RowValidation {
    private(set) var problems: [String] = []

    /// Runs one field check; a problem is recorded and the field reads as absent.
    mutating func check<Value>(_ read: () throws -> Value?) -> Value? {
        do {
            return try read()
        } catch let problem as SourceRow.Problem {
            problems.append(problem.reason)
        } catch {
            problems.append(String(describing: error))
        }
        return nil
    }

    /// Like `check`, but an absent value is a problem described by `missing`.
    mutating func require<Value>(_ missing: String, _ read: () throws -> Value?) -> Value? {
        let before = problems.count
        let value = check(read)
        if value == nil, problems.count == before { problems.append(missing) }
        return value
    }

    /// Records a problem found by the caller.
    mutating func fail(_ reason: String) {
        problems.append(reason)
    }

    /// The row's rejection reason, or nil when every field passed.
    var reason: String? {
        problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}
