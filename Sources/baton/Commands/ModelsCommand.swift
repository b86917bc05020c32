import BatonCore
import BatonFormat
import BatonModel
import BatonRegistry
import Foundation

/// `baton models list|show|prune`: what is published, what each version is, and cleaning up.
enum ModelsCommand {
    static let usage = "usage: baton models list [--json] | baton models show VERSION [--json] | baton models prune --keep N [--protect-days D] [--dry-run] [--json]"

    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["keep", "protect-days"]))
        let locations = Locations(&arguments)
        let json = arguments.flag("json")
        switch arguments.positionals.first {
        case "list":
            try arguments.finish(maxPositionals: 1)
            return try list(ModelRegistry(directory: locations.models), json: json)
        case "show":
            try arguments.finish(maxPositionals: 2)
            guard arguments.positionals.count == 2 else { throw UsageError("usage: baton models show VERSION [--json]") }
            return try show(arguments.positionals[1], registry: ModelRegistry(directory: locations.models), json: json)
        case "prune":
            guard let keepText = arguments.option("keep") else { throw UsageError("models prune needs --keep N (how many newest versions to keep)") }
            guard let keep = Int(keepText), keep >= 1 else { throw UsageError("--keep must be a whole number of at least 1, got '\(keepText)'") }
            let days = try arguments.integer("protect-days", default: keep, range: 0...36_500)
            let dryRun = arguments.flag("dry-run")
            try arguments.finish(maxPositionals: 1)
            return try prune(keep: keep, protectDays: days, dryRun: dryRun, registry: ModelRegistry(directory: locations.models), json: json)
        default:
            throw UsageError(usage)
        }
    }

    // MARK: - list

    struct Row: Codable {
        var version: String
        var current: Bool
        /// "current", "rejected", "rolled back from (to v2 at …)", "pruned at …", or "" for none.
        var status: String
        var createdAt: String?
        var parentVersion: String?
        var trainRows: Int?
        var intents: Int?
        var features: Int?
        var accuracy: Double?
        var macroF1: Double?
        var tier1Precision: Double?
        var tier1Coverage: Double?
        var ece: Double?
        var dataFingerprint: String?
    }

    static func list(_ registry: ModelRegistry, json: Bool) throws -> ExitCode {
        let current = registry.currentVersion()
        let reading = try registry.history.read()
        for problem in reading.problems { Console.error("baton: \(registry.history.url.path): \(problem)") }
        let onDisk = try registry.versions()
        var rows = try onDisk.map { version -> Row in
            let manifest = try registry.manifest(of: version)
            let metrics = manifest.metrics
            return Row(
                version: version, current: version == current, status: status(of: version, current: current, events: reading.events),
                createdAt: manifest.createdAt, parentVersion: manifest.parentVersion, trainRows: manifest.rows.train,
                intents: manifest.intents.count, features: manifest.featureCount, accuracy: metrics.accuracy, macroF1: metrics.macroF1,
                tier1Precision: metrics.tier1Precision, tier1Coverage: metrics.tier1Coverage, ece: metrics.ece,
                dataFingerprint: manifest.dataFingerprint)
        }
        // Versions the history says were pruned, so the list explains the gaps in the numbering.
        let pruned = Set(reading.events.filter { $0.event == .pruned }.map(\.version)).subtracting(onDisk)
        rows += pruned.map { version in
            Row(version: version, current: false, status: status(of: version, current: current, events: reading.events))
        }
        rows.sort { (ModelRegistry.versionNumber(of: $0.version) ?? 0) < (ModelRegistry.versionNumber(of: $1.version) ?? 0) }
        if json {
            for row in rows { Console.output(try JSONLine.encode(row)) }
            return .success
        }
        if rows.isEmpty {
            Console.output("no published versions in \(registry.directory.path); run `baton retrain`")
            return .success
        }
        func dash(_ text: String?) -> String { text ?? "-" }
        Console.output(
            "   version  created               train rows  macro-F1  tier-1 precision  tier-1 coverage  data          status")
        for row in rows {
            Console.output(
                [
                    (row.current ? "*" : " ") + row.version.leftPadded(9),
                    dash(row.createdAt).padding(toLength: 20, withPad: " ", startingAt: 0),
                    dash(row.trainRows.map(String.init)).leftPadded(10),
                    dash(row.macroF1.map(ReportText.percent)).leftPadded(8),
                    dash(row.tier1Precision.map(ReportText.percent)).leftPadded(16),
                    dash(row.tier1Coverage.map(ReportText.percent)).leftPadded(15),
                    dash(row.dataFingerprint.map { String($0.prefix(12)) }).padding(toLength: 12, withPad: " ", startingAt: 0),
                    row.status.isEmpty ? "-" : row.status,
                ].joined(separator: "  "))
        }
        return .success
    }

    /// A version's standing, from the `current` link and the history.
    static func status(of version: String, current: String?, events: [HistoryEvent]) -> String {
        if version == current { return "current" }
        var latest: String?
        for event in events {
            if event.version == version {
                switch event.event {
                case .rejected: latest = "rejected at \(event.at)"
                case .pruned: latest = "pruned at \(event.at)"
                case .published, .promoted, .rolledBack: latest = nil
                }
            } else if event.previous == version, event.movedCurrent {
                latest = event.event == .rolledBack ? "rolled back from (to \(event.version) at \(event.at))" : "replaced by \(event.version)"
            }
        }
        return latest ?? ""
    }

    // MARK: - show

    struct Shown: Encodable {
        var manifest: ModelManifest
        var current: Bool
        var status: String
        var history: [HistoryEvent]
        var changes: Changes?
    }

    /// What changed against the parent.
    struct Changes: Encodable {
        var parent: String
        var intentsAdded: [String]
        var intentsRemoved: [String]
        var metrics: [MetricDelta]
        var thresholdsMovedMost: [ThresholdMove]
        var dataChanged: Bool
    }

    struct MetricDelta: Encodable {
        var name: String
        var parent: Double?
        var version: Double?
        var delta: Double?
    }

    struct ThresholdMove: Encodable {
        var intent: String
        var autoResolveBefore: Double?
        var autoResolveAfter: Double?
        var reviewBefore: Double?
        var reviewAfter: Double?
        var size: Double
    }

    static func show(_ version: String, registry: ModelRegistry, json: Bool) throws -> ExitCode {
        let manifest = try registry.manifest(of: version)
        let current = registry.currentVersion()
        let events = try registry.history.read().events
        var changes: Changes?
        var parentNote: String?
        if let parent = manifest.parentVersion {
            do {
                changes = changesAgainst(try registry.manifest(of: parent), manifest)
            } catch {
                parentNote = "parent \(parent) is not on disk any more (\(error))"
            }
        }
        let shown = Shown(
            manifest: manifest, current: version == current, status: status(of: version, current: current, events: events),
            history: events.filter { $0.version == version || $0.previous == version && $0.movedCurrent }, changes: changes)
        if json {
            Console.output(try JSONLine.encode(shown))
            return .success
        }
        Console.output(render(shown, parentNote: parentNote))
        return .success
    }

    static func changesAgainst(_ parent: ModelManifest, _ manifest: ModelManifest) -> Changes {
        let before = parent.metrics
        let after = manifest.metrics
        func delta(_ name: String, _ x: Double?, _ y: Double?) -> MetricDelta {
            let difference: Double? = if let x, let y { y - x } else { nil }
            return MetricDelta(name: name, parent: x, version: y, delta: difference)
        }
        let intents = Set(parent.intents).union(manifest.intents)
        func move(_ x: Double?, _ y: Double?) -> Double {
            switch (x, y) {
            case (nil, nil): return 0
            case (let x?, let y?): return abs(y - x)
            default: return 1
            }
        }
        let moves = intents.compactMap { intent -> ThresholdMove? in
            let x = parent.tiers.thresholds(for: intent)
            let y = manifest.tiers.thresholds(for: intent)
            let size = max(move(x.autoResolve, y.autoResolve), move(x.review, y.review))
            guard size > 0 else { return nil }
            return ThresholdMove(
                intent: intent, autoResolveBefore: x.autoResolve, autoResolveAfter: y.autoResolve, reviewBefore: x.review,
                reviewAfter: y.review, size: size)
        }
        .sorted { ($0.size, $1.intent) > ($1.size, $0.intent) }
        return Changes(
            parent: parent.version, intentsAdded: Set(manifest.intents).subtracting(parent.intents).sorted(),
            intentsRemoved: Set(parent.intents).subtracting(manifest.intents).sorted(),
            metrics: [
                delta("accuracy", before.accuracy, after.accuracy), delta("macro-F1", before.macroF1, after.macroF1),
                delta("log-loss", before.logLoss, after.logLoss), delta("ECE", before.ece, after.ece),
                delta("tier-1 precision", before.tier1Precision, after.tier1Precision),
                delta("tier-1 coverage", before.tier1Coverage, after.tier1Coverage),
            ],
            thresholdsMovedMost: Array(moves.prefix(10)), dataChanged: parent.dataFingerprint != manifest.dataFingerprint)
    }

    static func render(_ shown: Shown, parentNote: String?) -> String {
        let m = shown.manifest
        func pct(_ value: Double?) -> String { value.map(ReportText.percent) ?? "-" }
        func threshold(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "never" }
        var lines: [String] = []
        lines.append("\(m.version)\(shown.status.isEmpty ? "" : "  (\(shown.status))")")
        lines.append("")
        lines.append("lineage")
        lines.append("  created          \(m.createdAt) by baton \(m.codeVersion)")
        lines.append("  parent           \(m.parentVersion ?? "none (first version)")")
        lines.append("  data fingerprint \(m.dataFingerprint)")
        lines.append(
            "  rows             \(m.rows.train) train, \(m.rows.holdout) holdout; \(m.rows.labelled) labelled conversations, \(m.rows.duplicatesCollapsed) duplicates collapsed")
        let h = m.hyperparameters
        lines.append(
            "  training         C \(h.c), tolerance \(h.gradientTolerance), max \(h.maxIterations) iterations; ran \(h.iterations), \(h.converged ? "converged" : "did not converge"), objective \(String(format: "%.6f", h.finalObjective))")
        let f = m.featurizer
        lines.append(
            "  features         \(m.featureCount) terms, n-grams up to \(f.maxNgram), min document frequency \(f.minDocumentFrequency), \(f.sublinearTF ? "sublinear" : "raw") TF, min token length \(f.minTokenLength)")
        lines.append("  intents          \(m.intents.count)")
        lines.append("")
        lines.append("calibration")
        if let c = m.calibration {
            lines.append("  temperature      \(String(format: "%.4f", m.temperature)) (\(c.method) on \(c.fittedOn) out-of-fold predictions, \(c.folds) folds)")
            lines.append("  log-loss         \(String(format: "%.4f", c.nllBefore)) -> \(String(format: "%.4f", c.nllAfter))")
            lines.append("  ECE              \(pct(c.eceBefore)) -> \(pct(c.eceAfter))")
            lines.append(
                "  targets          tier 1 precision \(pct(c.autoResolveTarget)), tier 2 \(pct(c.reviewTarget)), at \(pct(c.confidenceLevel)) confidence; own thresholds from \(c.minimumEvidence) predictions")
        } else {
            lines.append("  temperature      \(String(format: "%.4f", m.temperature)) (not calibrated)")
        }
        lines.append("")
        let metrics = m.metrics
        lines.append("holdout metrics (\(metrics.evaluatedOn) messages)")
        lines.append(
            "  accuracy \(pct(metrics.accuracy))   macro-F1 \(pct(metrics.macroF1))   log-loss \(String(format: "%.4f", metrics.logLoss))   ECE \(pct(metrics.ece))")
        lines.append("  tier-1 precision \(pct(metrics.tier1Precision)) at coverage \(pct(metrics.tier1Coverage))")
        lines.append("")
        let policy = m.tiers
        lines.append("tier policy")
        lines.append(
            "  fallback         auto-resolve \(threshold(policy.fallback.autoResolve)), review \(threshold(policy.fallback.review)) (\(policy.fallback.source), evidence \(policy.fallback.evidence))")
        lines.append("  always human     \(policy.alwaysHuman.isEmpty ? "none" : policy.alwaysHuman.joined(separator: ", "))")
        lines.append("  out of scope     \(policy.outOfScopeIntents.isEmpty ? "none" : policy.outOfScopeIntents.joined(separator: ", "))")
        lines.append("  ambiguity margin \(policy.ambiguityMargin)")
        let width = max(36, (m.intents.map(\.count).max() ?? 0) + 1)
        lines.append("  " + "intent".padding(toLength: width, withPad: " ", startingAt: 0) + "   auto  review  evidence  source")
        for intent in m.intents {
            let t = policy.thresholds(for: intent)
            lines.append(
                "  " + intent.padding(toLength: width, withPad: " ", startingAt: 0) + threshold(t.autoResolve).leftPadded(7)
                    + threshold(t.review).leftPadded(8) + String(t.evidence).leftPadded(10) + "  " + t.source
                    + (policy.thresholds[intent] == nil ? " (fallback)" : ""))
        }
        if let changes = shown.changes {
            lines.append("")
            lines.append("changes against parent \(changes.parent)\(changes.dataChanged ? "" : " (same data fingerprint)")")
            lines.append("  intents added    \(changes.intentsAdded.isEmpty ? "none" : changes.intentsAdded.joined(separator: ", "))")
            lines.append("  intents removed  \(changes.intentsRemoved.isEmpty ? "none" : changes.intentsRemoved.joined(separator: ", "))")
            for metric in changes.metrics {
                let isLoss = metric.name == "log-loss"
                let show: (Double?) -> String = isLoss ? { $0.map { String(format: "%.4f", $0) } ?? "-" } : pct
                let delta = metric.delta.map { isLoss ? String(format: "%+.4f", $0) : String(format: "%+.1f points", $0 * 100) } ?? ""
                lines.append("  " + metric.name.padding(toLength: 17, withPad: " ", startingAt: 0) + "\(show(metric.parent)) -> \(show(metric.version))  \(delta)")
            }
            if changes.thresholdsMovedMost.isEmpty {
                lines.append("  thresholds       none moved")
            } else {
                lines.append("  thresholds moved most (auto-resolve, review)")
                for move in changes.thresholdsMovedMost {
                    lines.append(
                        "    " + move.intent.padding(toLength: max(34, move.intent.count + 1), withPad: " ", startingAt: 0)
                            + "\(threshold(move.autoResolveBefore)) -> \(threshold(move.autoResolveAfter))   \(threshold(move.reviewBefore)) -> \(threshold(move.reviewAfter))")
                }
            }
        } else if let parentNote {
            lines.append("")
            lines.append("changes against parent: \(parentNote)")
        }
        if !shown.history.isEmpty {
            lines.append("")
            lines.append("history")
            for event in shown.history {
                let what: String
                if event.version == m.version {
                    what = "\(event.event.rawValue)\(event.previous.map { " (current was \($0))" } ?? "")"
                } else {
                    what = "replaced by \(event.version) (\(event.event.rawValue))"
                }
                lines.append("  \(event.at)  \(what) by \(event.actor): \(event.reason)")
            }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - prune

    struct PruneOutput: Encodable {
        var removed: [String]
        var kept: [String: String]
        var dryRun: Bool
    }

    static func prune(keep: Int, protectDays: Int, dryRun: Bool, registry: ModelRegistry, json: Bool) throws -> ExitCode {
        let now = Date()
        let lock = try JobLock.acquire(
            at: registry.lockFile,
            holder: "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(HistoryEvent.timestamp(now)) running `baton models prune`")
        defer { lock.release() }
        let onDisk = Set(try registry.versions())
        let kept = try registry.protectedVersions(keep: keep, protectDays: protectDays, now: now).filter { onDisk.contains($0.key) }
        let removed: [String]
        if dryRun {
            removed = try registry.versions().filter { kept[$0] == nil }
        } else {
            removed = try registry.prune(keep: keep, protectDays: protectDays, now: now, actor: ModelHistory.defaultActor())
        }
        if json {
            Console.output(try JSONLine.encode(PruneOutput(removed: removed, kept: kept, dryRun: dryRun)))
            return .success
        }
        let verb = dryRun ? "would remove" : "removed"
        Console.output(removed.isEmpty ? "nothing to prune" : "\(verb) \(removed.joined(separator: ", "))")
        for version in kept.keys.sorted(by: { (ModelRegistry.versionNumber(of: $0) ?? 0) < (ModelRegistry.versionNumber(of: $1) ?? 0) }) {
            Console.output("kept \(version): \(kept[version] ?? "")")
        }
        return .success
    }
}
