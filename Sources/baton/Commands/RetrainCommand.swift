import BatonCalibration
import BatonCore
import BatonData
import BatonFeatures
import BatonJob
import BatonRegistry
import BatonStore
import BatonTraining
import Foundation

/// `baton retrain`: the command cron runs every night.
enum RetrainCommand {
    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(
            raw,
            valueOptions: Locations.valueOptions.union([
                "holdout-percent", "c", "min-df", "tolerance", "max-iterations", "policy", "auto-resolve-target",
                "review-target", "confidence-level", "folds", "promote", "metrics-file",
            ]))
        let locations = Locations(&arguments)
        let defaults = RetrainSettings()
        var settings = defaults
        settings.holdoutPercent = try arguments.integer("holdout-percent", default: defaults.holdoutPercent, range: 0...50)
        settings.trainer.c = try arguments.number("c", default: defaults.trainer.c, where: { $0 > 0 }, expected: "a positive number")
        settings.featurizer.minDocumentFrequency = try arguments.integer(
            "min-df", default: defaults.featurizer.minDocumentFrequency, range: 1...1_000)
        settings.trainer.gradientTolerance = try arguments.number(
            "tolerance", default: defaults.trainer.gradientTolerance, where: { $0 > 0 }, expected: "a positive number")
        settings.trainer.maxIterations = try arguments.integer(
            "max-iterations", default: defaults.trainer.maxIterations, range: 1...100_000)
        settings.policy = try policy(&arguments)
        settings.calibrationFolds = try arguments.integer("folds", default: defaults.calibrationFolds, range: 2...20)
        let force = arguments.flag("force")
        let promotionText = arguments.option("promote") ?? "gate"
        guard let promotion = RetrainJob.PromotionMode(rawValue: promotionText) else {
            throw UsageError("--promote must be always, gate or never, got '\(promotionText)'")
        }
        let metricsFile = (arguments.option("metrics-file") ?? ProcessInfo.processInfo.environment["BATON_METRICS_FILE"])
            .map { URL(fileURLWithPath: $0) }
        try arguments.finish(maxPositionals: 0)

        let registry = try ModelRegistry(directory: locations.models)
        let lock = try JobLock.acquire(
            at: locations.models.appendingPathComponent(".lock"),
            holder: "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(UTCTimestamp.string(from: Date())) running `baton retrain`")
        defer { lock.release() }

        let store = try FeedbackStore(path: locations.store)
        let runID = try store.beginRun(command: (["retrain"] + raw).joined(separator: " "), at: Date())
        var job = RetrainJob(
            store: store, registry: registry, settings: settings, inbox: locations.inbox.map(Inbox.init(directory:)),
            force: force, log: { Console.error("baton: \($0)") }, publishFaultHook: CrashDrill.hookFromEnvironment())
        job.promotion = promotion
        do {
            let summary = try job.run()
            let line = try JSONLine.encode(summary)
            let status: RunStatus
            switch summary.status {
            case .published: status = .published
            case .skipped: status = .skipped
            case .rejected, .written: status = .rejected
            }
            try store.finishRun(
                id: runID, status: status, version: summary.version, dataFingerprint: summary.dataFingerprint,
                summaryJSON: line, error: nil, at: Date())
            Console.output(line)
            writeMetrics(to: metricsFile, registry: registry, status: summary.status.rawValue, seconds: summary.seconds)
            return summary.status == .rejected || summary.status == .written ? .notPromoted : .success
        } catch {
            try? store.finishRun(
                id: runID, status: .failed, version: nil, dataFingerprint: nil, summaryJSON: nil, error: "\(error)", at: Date())
            writeMetrics(to: metricsFile, registry: registry, status: "failed", seconds: [:])
            throw error
        }
    }

    /// The Prometheus textfile for node_exporter, when asked for; a failure to write it is
    /// reported but never fails the run.
    static func writeMetrics(to file: URL?, registry: ModelRegistry, status: String, seconds: [String: Double]) {
        guard let file else { return }
        let manifest = registry.currentVersion().flatMap { try? registry.manifest(of: $0) }
        let metrics = PrometheusTextfile.Metrics(
            lastRunAt: Date(), status: PrometheusTextfile.Metrics.Status(rawValue: status) ?? .failed,
            lastPublishAt: manifest.flatMap { UTCTimestamp.secondsSinceEpoch($0.createdAt) }.map { Date(timeIntervalSince1970: TimeInterval($0)) },
            macroF1: manifest?.metrics.macroF1,
            tier1Precision: manifest?.metrics.tier1Precision, tier1Coverage: manifest?.metrics.tier1Coverage,
            trainRows: manifest?.rows.train, phaseSeconds: seconds)
        do {
            try PrometheusTextfile.write(metrics: metrics, to: file)
        } catch {
            Console.error("baton: warning: \(error)")
        }
    }
}

/// The policy file (`--policy FILE`), with `--auto-resolve-target`, `--review-target` and
/// `--confidence-level` overriding its values; checked by the same rules as the file.
func policy(_ arguments: inout ArgumentList) throws -> PolicyFile {
    var policy = try arguments.option("policy").map { try PolicyFile.load(from: URL(fileURLWithPath: $0)) } ?? PolicyFile()
    let inUnitInterval: (Double) -> Bool = { $0 > 0 && $0 < 1 }
    policy.autoResolveTarget = try arguments.number(
        "auto-resolve-target", default: policy.autoResolveTarget, where: inUnitInterval, expected: "a precision in (0, 1)")
    policy.reviewTarget = try arguments.number(
        "review-target", default: policy.reviewTarget, where: inUnitInterval, expected: "a precision in (0, 1)")
    policy.confidenceLevel = try arguments.number(
        "confidence-level", default: policy.confidenceLevel, where: { $0 > 0.5 && $0 < 1 }, expected: "a level in (0.5, 1)")
    guard policy.reviewTarget <= policy.autoResolveTarget else {
        throw UsageError("the review target \(policy.reviewTarget) is above the auto-resolve target \(policy.autoResolveTarget)")
    }
    return policy
}

/// Compact, key-sorted JSON on one line.
enum JSONLine {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// `BATON_CRASH_AT=<step>` kills the process at that publishing step, to rehearse a crash
/// (power loss, OOM kill) for real: the next reader must still find `current` complete.
enum CrashDrill {
    static func hookFromEnvironment() -> ((PublishStep) throws -> Void)? {
        guard let step = ProcessInfo.processInfo.environment["BATON_CRASH_AT"] else { return nil }
        return { current in
            if current.rawValue == step { _exit(99) }
        }
    }
}
