import BatonCore
import BatonRegistry
import Foundation

/// `baton promote VERSION [--reason TEXT] [--json]`: make a published version current, by hand.
///
/// Takes the job lock, so it never races a nightly run; the version is verified file by file
/// first, and the change is recorded in the models folder's history with who and why.
enum PromoteCommand {
    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["reason"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        let reason = arguments.option("reason") ?? "promoted by hand"
        try arguments.finish(maxPositionals: 1)
        guard let version = arguments.positionals.first else { throw UsageError("usage: baton promote VERSION [--reason TEXT]") }

        let registry = try ModelRegistry(directory: locations.models)
        let lock = try JobLock.acquire(at: registry.lockFile, holder: PointerCommand.holder("baton promote \(version)"))
        defer { lock.release() }
        if let rejection = try registry.history.read().events.last(where: { $0.version == version }), rejection.event == .rejected {
            Console.error("baton: note: the promotion gate rejected \(version) at \(rejection.at): \(rejection.reason)")
        }
        let change = try registry.promote(
            version, actor: ModelHistory.defaultActor(), reason: reason, faultHook: CrashDrill.hookFromEnvironment())
        return try PointerCommand.report(change, registry: registry, json: json)
    }
}

/// What promote and rollback share: the lock holder text and the result lines.
enum PointerCommand {
    static func holder(_ command: String) -> String {
        "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(HistoryEvent.timestamp(Date())) running `\(command)`"
    }

    static func report(_ change: PointerChange, registry: ModelRegistry, json: Bool) throws -> ExitCode {
        if json {
            Console.output(try JSONLine.encode(change))
            return .success
        }
        if let reconciled = change.reconciled, change.recorded != nil || reconciled.previous == nil {
            Console.error("baton: first recorded an earlier change missing from the history: \(reconciled.event.rawValue) \(reconciled.version)")
        }
        if change.recorded != nil {
            Console.output("current: \(change.from ?? "none") -> \(change.to) (recorded in \(registry.history.url.path))")
        } else if let reconciled = change.reconciled, let previous = reconciled.previous {
            Console.output(
                "current: \(previous) -> \(change.to); an earlier run had moved it and stopped before recording it, so it is recorded now "
                    + "(in \(registry.history.url.path))")
        } else {
            Console.output("current: \(change.to) (unchanged)")
        }
        return .success
    }
}
