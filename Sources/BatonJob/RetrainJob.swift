import BatonCalibration
import BatonComparison
import BatonCore
import BatonData
import BatonEvaluation
import BatonFeatures
import BatonFormat
import BatonModel
import BatonRegistry
import BatonStore
import BatonTraining
import Foundation

/// The nightly run: ingest the inbox, collect labelled examples, train, evaluate, publish.
///
/// The caller holds the job lock (``JobLock``) for the whole run. Publishing goes through
/// ``ModelRegistry/publish(_:makeCurrent:faultHook:)``, so a run that dies at any point leaves
/// `current` on a complete, verified version.
public struct RetrainJob {
    public var store: FeedbackStore
    public var registry: ModelRegistry
    public var settings: RetrainSettings
    public var inbox: Inbox?
    /// Retrain even when the data fingerprint equals the current model's.
    public var force: Bool
    /// Progress lines for humans (stderr in the CLI).
    public var log: (String) -> Void
    /// Called at every publishing step; tests and crash drills use it to stop there.
    public var publishFaultHook: ((PublishStep) throws -> Void)?
    /// Whether a new version becomes current: always, through the gate (default), or never.
    public var promotion: PromotionMode = .gate
    /// What the gate demands; its tier-1 precision target is the policy's auto-resolve target.
    public var gate = GateSettings()

    /// `--promote always|gate|never`.
    public enum PromotionMode: String, Sendable, CaseIterable {
        case always, gate, never
    }

    public init(
        store: FeedbackStore, registry: ModelRegistry, settings: RetrainSettings = .init(), inbox: Inbox? = nil,
        force: Bool = false, log: @escaping (String) -> Void = { _ in }, publishFaultHook: ((PublishStep) throws -> Void)? = nil
    ) {
        self.store = store
        self.registry = registry
        self.settings = settings
        self.inbox = inbox
        self.force = force
        self.log = log
        self.publishFaultHook = publishFaultHook
    }

    public func run() throws -> RetrainSummary {
        var clock = PhaseClock()
        let ingested = try inbox?.ingestNewFiles(into: store, log: log) ?? []
        clock.lap("ingest")

        let collected = try store.collect(holdoutPercent: settings.holdoutPercent)
        let fingerprint = Self.fingerprint(data: collected.fingerprint, settings: settings)
        let current = registry.currentVersion()
        let currentManifest = try current.map { try registry.manifest(of: $0) }
        clock.lap("collect")
        var rows = RetrainSummary.Rows(
            train: collected.train.count, holdout: collected.holdout.count, labelled: collected.labelled,
            duplicatesCollapsed: collected.duplicatesCollapsed, conflictingTexts: collected.conflictingTexts,
            correctionsApplied: collected.correctionsApplied)
        log("collected \(collected.train.count) training and \(collected.holdout.count) holdout examples (\(collected.duplicatesCollapsed) duplicates collapsed, \(collected.correctionsApplied) agent corrections applied)")

        // Nothing new since the current version, or since the newest version (which the gate may
        // have rejected, or `--promote never` kept back): training again would only repeat it.
        let newest = try registry.versions().last.flatMap { $0 == current ? nil : try registry.manifest(of: $0) }
        if !force, let same = [currentManifest, newest].compactMap({ $0 }).first(where: { $0.dataFingerprint == fingerprint }) {
            let reason = same.version == current
                ? "data fingerprint unchanged since \(same.version)"
                : "data fingerprint unchanged since \(same.version), which is not current (rejected or held back); promote it or use --force"
            log("\(reason); nothing to do (use --force to retrain anyway)")
            return RetrainSummary(
                status: .skipped, version: same.version, parentVersion: same.parentVersion, reason: reason,
                dataFingerprint: fingerprint, ingested: ingested, rows: rows, metrics: nil, training: nil, seconds: clock.finish())
        }

        let intents = Array(Set(collected.train.map(\.intent))).sorted()
        guard collected.train.count >= settings.minimumTrainingExamples, intents.count >= 2 else {
            throw RetrainError.notEnoughData(
                examples: collected.train.count, intents: intents.count, minimumExamples: settings.minimumTrainingExamples)
        }
        let (vectorizer, matrix) = TFIDFVectorizer.fit(documents: collected.train.map(\.text), config: settings.featurizer)
        let suspicious = PrivacyAudit.suspiciousTerms(in: vectorizer.vocabulary.terms)
        guard suspicious.isEmpty else { throw RetrainError.privacyAuditFailed(terms: suspicious) }
        rows.features = vectorizer.vocabulary.terms.count
        rows.intents = intents.count
        clock.lap("features")
        log("features: \(vectorizer.vocabulary.terms.count) terms; training on \(intents.count) intents")

        let column = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })
        let labels = collected.train.map { column[$0.intent] ?? 0 }
        let trainer = SoftmaxRegressionTrainer(settings: settings.trainer)
        let outcome = try trainer.train(matrix: matrix, labels: labels, intents: intents) { iteration, objective, gradient in
            if iteration % 10 == 0 { log("  iteration \(iteration): objective \(objective), max |gradient| \(gradient)") }
        }
        clock.lap("train")
        log("trained: \(outcome.iterations) iterations, objective \(outcome.objective), \(outcome.converged ? "converged" : "stopped: \(outcome.stopReason.rawValue)")")

        let foldLogits = try OutOfFoldLogits.compute(examples: collected.train, intents: intents, settings: settings, log: log)
        let calibration = CalibrationOutcome.fit(
            logits: foldLogits, examples: collected.train, intents: intents, policy: settings.policy)
        var model = outcome.model
        model.temperature = calibration.temperature.temperature
        clock.lap("calibrate")
        let own = calibration.tiers.thresholds.values.filter { $0.source != "pooled" }.count
        log(
            "calibrated on \(collected.train.count) out-of-fold predictions: temperature \(calibration.temperature.temperature), ECE \(calibration.record.eceBefore) -> \(calibration.record.eceAfter); \(own) intents with thresholds of their own, \(intents.count - own) pooled"
        )

        let holdoutMatrix = vectorizer.transform(collected.holdout.map(\.text))
        var rawModel = model
        rawModel.temperature = 1
        let replay = try FeedbackReplay.evaluate(
            replayCases(
                examples: collected.train, outOfFold: calibration.probabilities, model: model, vectorizer: vectorizer,
                intents: intents, policy: calibration.tiers))
        let holdoutProbabilities = model.probabilities(for: holdoutMatrix)
        let holdout = HoldoutReport.make(
            rawProbabilities: rawModel.probabilities(for: holdoutMatrix), calibratedProbabilities: holdoutProbabilities,
            trueIntents: collected.holdout.map(\.intent), intents: intents, temperature: model.temperature,
            policy: calibration.tiers, feedbackReplay: replay)
        let report = holdout.evaluation
        clock.lap("evaluate")
        if collected.holdout.isEmpty {
            log("holdout is empty (--holdout-percent 0): no metrics")
        } else {
            let tiers = holdout.tiers
            log("holdout (\(report.rows) messages): accuracy \(report.accuracy), macro-F1 \(report.macroF1), log-loss \(report.logLoss), ECE \(holdout.eceBeforeCalibration) -> \(holdout.eceAfterCalibration)")
            log("tiers on the holdout: 1 \(tiers.tier1Share), 2 \(tiers.tier2Share), 3 \(tiers.tier3Share); tier-1 precision \(tiers.tier1Precision ?? 0) at coverage \(tiers.tier1Coverage) (one global 0.85 threshold: \(tiers.globalTier1Precision ?? 0) at \(tiers.globalTier1Coverage))")
        }
        let metrics = ManifestMetrics(
            accuracy: report.accuracy, macroF1: report.macroF1, logLoss: report.logLoss, evaluatedOn: report.rows,
            ece: holdout.eceAfterCalibration, tier1Coverage: holdout.tiers.tier1Coverage, tier1Precision: holdout.tiers.tier1Precision)

        let manifest = ModelManifest(
            version: "", parentVersion: current, createdAt: UTCTimestamp.string(from: Date()), codeVersion: BatonVersion.current,
            dataFingerprint: fingerprint,
            rows: .init(train: rows.train, holdout: rows.holdout, labelled: rows.labelled, duplicatesCollapsed: rows.duplicatesCollapsed),
            hyperparameters: .init(
                c: settings.trainer.c, gradientTolerance: settings.trainer.gradientTolerance,
                maxIterations: settings.trainer.maxIterations, iterations: outcome.iterations, converged: outcome.converged,
                finalObjective: outcome.objective),
            featurizer: settings.featurizer, intents: intents, featureCount: model.featureCount,
            temperature: model.temperature, tiers: calibration.tiers, calibration: calibration.record, metrics: metrics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let artifacts = ModelArtifacts(
            manifest: manifest, vocabulary: vectorizer.vocabulary.terms, idf: vectorizer.vocabulary.idf,
            weights: model.weights, bias: model.bias,
            extraFiles: ["metrics.json": Array(try encoder.encode(holdout))])
        let (version, verdict) = try publishAndPromote(
            artifacts, current: current, holdout: collected.holdout, holdoutProbabilities: holdoutProbabilities,
            intents: intents, tiers: calibration.tiers)
        clock.lap("publish")
        let status: RetrainSummary.Status
        switch (promotion, verdict?.passed) {
        case (.never, _):
            status = .written
            log("wrote \(version); current stays \(current ?? "unset") (--promote never)")
        case (_, false):
            status = .rejected
            log("wrote \(version) but the promotion gate rejected it; current stays \(current ?? "unset"):")
            for reason in verdict?.failures ?? [] { log("  \(reason)") }
        default:
            status = .published
            log("published \(version)\(current.map { " (parent \($0))" } ?? ""); current -> \(version)")
        }
        return RetrainSummary(
            status: status, version: version, parentVersion: current, reason: verdict.map { $0.reasons.joined(separator: "; ") },
            dataFingerprint: fingerprint, ingested: ingested, rows: rows, metrics: .init(holdout),
            training: .init(
                iterations: outcome.iterations, converged: outcome.converged, stopReason: outcome.stopReason.rawValue,
                objective: outcome.objective, gradientMaxAbs: outcome.gradientMaxAbs),
            gate: verdict, seconds: clock.finish())
    }

    /// Writes the new version, then moves `current` as `promotion` says, recording history.
    ///
    /// The gate compares the candidate with the current version on the same holdout, each
    /// featurized and scored by its own files. With no current version, or an empty holdout,
    /// there is nothing to compare: the first version is promoted, and the verdict says so.
    func publishAndPromote(
        _ artifacts: ModelArtifacts, current: String?, holdout: [LabeledExample], holdoutProbabilities: [Double],
        intents: [String], tiers: TierPolicy
    ) throws -> (String, GateVerdict?) {
        var verdict: GateVerdict?
        if promotion == .gate {
            verdict = try judge(
                current: current, holdout: holdout, candidate: VersionPredictions(
                    version: "candidate", intents: intents, probabilities: holdoutProbabilities, policy: tiers))
        }
        do {
            let version = try registry.publish(artifacts, makeCurrent: false, faultHook: publishFaultHook)
            switch (promotion, verdict?.passed) {
            case (.never, _):
                break
            case (_, false):
                try registry.markRejected(version: version, reasons: verdict?.failures ?? [])
            default:
                let reason = verdict.map { $0.reasons.joined(separator: "; ") } ?? "nightly retrain (--promote always)"
                try registry.promote(version, reason: reason, recordedAs: .published, faultHook: publishFaultHook)
            }
            return (version, verdict)
        } catch {
            throw RetrainError.publishFailed(underlying: "\(error)")
        }
    }

    func judge(current: String?, holdout: [LabeledExample], candidate: VersionPredictions) throws -> GateVerdict {
        let gateSettings = GateSettings(
            maxMacroF1Drop: gate.maxMacroF1Drop, minTier1Precision: self.settings.policy.autoResolveTarget,
            maxIntentF1Drop: gate.maxIntentF1Drop, minIntentSupport: gate.minIntentSupport)
        guard !holdout.isEmpty else {
            return GateVerdict(passed: true, reasons: ["the holdout is empty (--holdout-percent 0): nothing to judge on, promoted"], failures: [])
        }
        let trueIntents = holdout.map(\.intent)
        let candidateSummary = try VersionEvaluation.evaluate(candidate, trueIntents: trueIntents).summary
        guard let current else {
            // The first version: nothing to be worse than; a miss of the tier-1 target is reported, not blocking.
            let verdict = PromotionGate.judge(candidate: candidateSummary, current: nil, settings: gateSettings)
            return GateVerdict(
                passed: true, reasons: ["first version: promoted, there is no current version to protect"] + verdict.reasons, failures: [])
        }
        let loaded: LoadedModel
        do {
            loaded = try LoadedModel(artifacts: registry.load(version: current))
        } catch {
            return GateVerdict(
                passed: true, reasons: ["the current version \(current) fails verification (\(error)); replacing it"], failures: [])
        }
        let currentPredictions = VersionPredictions(
            version: current, intents: loaded.manifest.intents,
            probabilities: loaded.model.probabilities(for: loaded.vectorizer.transform(holdout.map(\.text))), policy: loaded.manifest.tiers)
        let currentSummary = try VersionEvaluation.evaluate(currentPredictions, trueIntents: trueIntents).summary
        return PromotionGate.judge(candidate: candidateSummary, current: currentSummary, settings: gateSettings)
    }

    /// Rated handoffs replayed through the new model and thresholds. A conversation that is a
    /// training example is judged by its out-of-fold prediction (the final model has seen it);
    /// any other by the final model.
    func replayCases(
        examples: [LabeledExample], outOfFold: [Double], model: IntentModel, vectorizer: TFIDFVectorizer,
        intents: [String], policy: TierPolicy
    ) throws -> [ReplayCase] {
        let k = intents.count
        var rowOfText: [String: Int] = [:]
        for (row, example) in examples.enumerated() { rowOfText[example.text.trimmingCharacters(in: .whitespacesAndNewlines)] = row }
        return try store.ratedConversations().compactMap { rated in
            guard rated.latestVerdict == .unnecessaryHandoff || rated.latestVerdict == .shouldHaveEscalated else { return nil }
            let probabilities: [Double]
            if let row = rowOfText[rated.text.trimmingCharacters(in: .whitespacesAndNewlines)] {
                probabilities = Array(outOfFold[(row * k)..<((row + 1) * k)])
            } else {
                probabilities = model.probabilities(for: vectorizer.vector(for: rated.text))
            }
            let decision = policy.decide(IntentPrediction(probabilities: probabilities, intents: intents))
            return ReplayCase(verdict: rated.latestVerdict.rawValue, trueIntent: rated.label, decision: decision)
        }
    }

    /// The data fingerprint: the collected examples, every setting, and the code version.
    static func fingerprint(data: String, settings: RetrainSettings) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let settingsJSON = (try? encoder.encode(settings)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return SHA256.hex("\(data)\n\(settingsJSON)\n\(BatonVersion.current)")
    }
}

/// Wall-clock seconds per phase.
struct PhaseClock {
    private let start = Date()
    private var last = Date()
    private var laps: [String: Double] = [:]

    mutating func lap(_ name: String) {
        let now = Date()
        laps[name] = now.timeIntervalSince(last)
        last = now
    }

    func finish() -> [String: Double] {
        var result = laps
        result["total"] = Date().timeIntervalSince(start)
        return result
    }
}
