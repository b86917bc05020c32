import BatonRegistry

/// `baton rollback [--to VERSION] [--reason TEXT] [--json]`: point `current` back.
///
/// Without `--to`, goes to the version that was current before the present one according to
/// the history (else the present version's parent). Takes the job lock and records the change.
enum RollbackCommand {
    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["to", "reason"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        let target = arguments.option("to")
        let reason = arguments.option("reason") ?? "rolled back by hand"
        try arguments.finish(maxPositionals: 0)

        let registry = try ModelRegistry(directory: locations.models)
        let lock = try JobLock.acquire(
            at: registry.lockFile, holder: PointerCommand.holder("baton rollback" + (target.map { " --to \($0)" } ?? "")))
        defer { lock.release() }
        let change = try registry.rollback(
            to: target, actor: ModelHistory.defaultActor(), reason: reason, faultHook: CrashDrill.hookFromEnvironment())
        return try PointerCommand.report(change, registry: registry, json: json)
    }
}
