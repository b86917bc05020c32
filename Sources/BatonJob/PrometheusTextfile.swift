import BatonFormat
import Foundation
import Glibc

/// The nightly job's health as a Prometheus text-exposition file, for node_exporter's textfile
/// collector (`--collector.textfile.directory`): when did the job last run, did it work, what
/// did it publish, and how good is the model routers serve.
///
/// Alert on `time() - baton_last_run_timestamp_seconds > 26 * 3600` (the nightly run did not
/// happen), `baton_last_run_success == 0` (it failed) and `baton_last_run_status{status="rejected"} == 1`
/// (the promotion gate refused the new model). The file is replaced atomically (temporary
/// file, fsync, rename), so the collector never reads half a file; the temporary name does not
/// end in `.prom`, so the collector ignores it.
public enum PrometheusTextfile {
    /// What a run reports.
    public struct Metrics: Sendable, Hashable {
        public enum Status: String, Sendable, CaseIterable {
            /// `written`: a version was written but held back by `--promote never`.
            case published, skipped, rejected, written, failed
        }

        /// When the run ended.
        public var lastRunAt: Date
        public var status: Status
        /// When a version was last made current (e.g. the current manifest's `createdAt`).
        public var lastPublishAt: Date?
        /// Holdout metrics of the current version.
        public var macroF1: Double?
        public var tier1Precision: Double?
        public var tier1Coverage: Double?
        /// Training rows of the current version.
        public var trainRows: Int?
        /// Wall seconds per phase of the run ("ingest", "train", …, "total").
        public var phaseSeconds: [String: Double]

        public init(
            lastRunAt: Date, status: Status, lastPublishAt: Date? = nil, macroF1: Double? = nil, tier1Precision: Double? = nil,
            tier1Coverage: Double? = nil, trainRows: Int? = nil, phaseSeconds: [String: Double] = [:]
        ) {
            self.lastRunAt = lastRunAt
            self.status = status
            self.lastPublishAt = lastPublishAt
            self.macroF1 = macroF1
            self.tier1Precision = tier1Precision
            self.tier1Coverage = tier1Coverage
            self.trainRows = trainRows
            self.phaseSeconds = phaseSeconds
        }
    }

    /// Why the file could not be written.
    public enum WriteError: Error, CustomStringConvertible, Sendable {
        case failed(path: String, operation: String, reason: String)

        public var description: String {
            switch self {
            case .failed(let path, let operation, let reason):
                return "Cannot write the Prometheus metrics file \(path): \(operation) failed: \(reason). "
                    + "Check that the textfile collector folder exists and is writable by this user; the run itself is unaffected."
            }
        }
    }

    /// Writes `metrics` to `url` atomically.
    public static func write(metrics: Metrics, to url: URL) throws(WriteError) {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-" + String(getpid())
        do {
            if DurableFileSystem.entryKind(at: temporary) != nil { try DurableFileSystem.removeFile(at: temporary) }
            try DurableFileSystem.writeNewFile(Array(render(metrics).utf8), to: temporary)
            try DurableFileSystem.rename(temporary, to: path)
            try DurableFileSystem.syncDirectory(at: folder)
        } catch {
            _ = unlink(temporary)
            throw .failed(path: path, operation: error.operation, reason: error.reason)
        }
    }

    /// The exposition text: `# HELP` and `# TYPE` lines, then `name{labels} value` per sample.
    public static func render(_ metrics: Metrics) -> String {
        var lines: [String] = []
        func gauge(_ name: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            guard !samples.isEmpty else { return }
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) gauge")
            for sample in samples { lines.append("\(name)\(sample.labels) \(number(sample.value))") }
        }
        gauge("baton_last_run_timestamp_seconds", "Unix time the last baton retrain run ended.", [("", seconds(metrics.lastRunAt))])
        gauge(
            "baton_last_run_success", "1 if the last run completed (published, skipped, rejected or written), 0 if it failed.",
            [("", metrics.status == .failed ? 0 : 1)])
        gauge(
            "baton_last_run_status", "1 for the outcome of the last run, 0 for the others.",
            Metrics.Status.allCases.map { (#"{status="\#($0.rawValue)"}"#, $0 == metrics.status ? 1 : 0) })
        gauge(
            "baton_last_publish_timestamp_seconds", "Unix time a model version was last made current.",
            metrics.lastPublishAt.map { [("", seconds($0))] } ?? [])
        gauge("baton_model_macro_f1", "Holdout macro-F1 of the current model version.", metrics.macroF1.map { [("", $0)] } ?? [])
        gauge(
            "baton_model_tier1_precision", "Holdout precision of tier-1 (auto-resolved) messages of the current model version.",
            metrics.tier1Precision.map { [("", $0)] } ?? [])
        gauge(
            "baton_model_tier1_coverage", "Holdout share of messages in tier 1 under the current model version.",
            metrics.tier1Coverage.map { [("", $0)] } ?? [])
        gauge("baton_train_rows", "Training examples of the current model version.", metrics.trainRows.map { [("", Double($0))] } ?? [])
        gauge(
            "baton_run_duration_seconds", "Wall seconds per phase of the last run.",
            metrics.phaseSeconds.sorted { $0.key < $1.key }.map { (#"{phase="\#(escapeLabel($0.key))"}"#, $0.value) })
        return lines.joined(separator: "\n") + "\n"
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func seconds(_ date: Date) -> Double { date.timeIntervalSince1970.rounded(.down) }

    /// Go-style float text: integers without a fraction, `NaN`, `+Inf`, `-Inf`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
