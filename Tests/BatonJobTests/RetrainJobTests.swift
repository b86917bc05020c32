import BatonCalibration
import BatonCore
import BatonFormat
import BatonRegistry
import BatonStore
import Foundation
import Testing

@testable import BatonJob

@Suite struct RetrainJobTests {
    @Test func publishesThenSkipsThenPublishesAfterNewCorrections() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.store.ingestTranscripts(fileAt: fixture.write("t.csv", JobFixture.transcriptsCSV()))

        let first = try fixture.job().run()
        #expect(first.status == .published)
        #expect(first.version == "v1")
        #expect(fixture.registry.currentVersion() == "v1")
        let manifest = try fixture.registry.load(version: "v1").manifest
        #expect(manifest.intents == ["integration_quickbooks", "mfa_reset", "password_reset", "refund_request"])
        #expect(manifest.rows.train + manifest.rows.holdout == 240 - first.rows.duplicatesCollapsed)
        #expect(manifest.metrics.evaluatedOn == manifest.rows.holdout)
        #expect(manifest.hyperparameters.converged)
        // Calibrated on out-of-fold predictions of every training example; every intent has thresholds.
        let calibration = try #require(manifest.calibration)
        #expect(calibration.fittedOn == manifest.rows.train)
        #expect(calibration.folds == 5)
        #expect(calibration.nllAfter <= calibration.nllBefore)
        #expect(manifest.temperature > 0 && manifest.temperature != 1)
        #expect(Set(manifest.tiers.thresholds.keys) == Set(manifest.intents))
        #expect(manifest.tiers.outOfScopeIntents == ["out_of_scope", "oos", "other"])
        let metricsFile = fixture.registry.directory.appendingPathComponent("v1/metrics.json")
        let holdout = try JSONDecoder().decode(HoldoutReport.self, from: Data(contentsOf: metricsFile))
        #expect(holdout.tiers.tier1Count + holdout.tiers.tier2Count + holdout.tiers.tier3Count == manifest.rows.holdout)
        #expect(holdout.evaluation.rows == manifest.rows.holdout)

        let second = try fixture.job().run()
        #expect(second.status == .skipped)
        #expect(second.version == "v1")
        #expect(try fixture.registry.versions() == ["v1"])

        let ratings = "rating_id,conversation_id,verdict,corrected_intent,agent_id,rated_at\nr-1,c-00000,wrong_intent,mfa_reset,agent-7,2026-12-01T10:00:00Z\n"
        let report = try fixture.store.ingestRatings(fileAt: fixture.write("r.csv", ratings))
        #expect(report.accepted == 1)
        let third = try fixture.job().run()
        #expect(third.status == .published)
        #expect(third.version == "v2")
        #expect(third.parentVersion == "v1")
        #expect(third.rows.correctionsApplied == 1)
        #expect(fixture.registry.currentVersion() == "v2")
        #expect(try fixture.registry.manifest(of: "v2").parentVersion == "v1")
    }

    @Test func sameDataAndSettingsGiveByteIdenticalWeights() throws {
        var digests: [String] = []
        for _ in 0..<2 {
            let fixture = try JobFixture()
            defer { fixture.remove() }
            _ = try fixture.store.ingestTranscripts(fileAt: fixture.write("t.csv", JobFixture.transcriptsCSV(rows: 400, seed: 9)))
            let summary = try fixture.job().run()
            let folder = fixture.registry.directory.appendingPathComponent(try #require(summary.version))
            let weights = try Data(contentsOf: folder.appendingPathComponent("weights.f32"))
            let bias = try Data(contentsOf: folder.appendingPathComponent("bias.f32"))
            digests.append(SHA256.hex(weights) + SHA256.hex(bias))
        }
        #expect(digests[0] == digests[1])
    }

    @Test(arguments: PublishStep.allCases)
    func aRunThatDiesWhilePublishingLeavesCurrentComplete(step: PublishStep) throws {
        struct Crash: Error {}
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.store.ingestTranscripts(fileAt: fixture.write("t.csv", JobFixture.transcriptsCSV()))
        _ = try fixture.job().run()
        #expect(throws: RetrainError.self) {
            _ = try fixture.job(force: true, faultHook: { if $0 == step { throw Crash() } }).run()
        }
        // Only the final rename moves `current`; before it, readers still get v1.
        let current = try #require(fixture.registry.currentVersion())
        #expect(current == (step == .pointerRenamed ? "v2" : "v1"))
        let loaded = try LoadedModel(artifacts: fixture.registry.load(version: current))
        #expect(loaded.predict("I forgot my password please").intent == "password_reset")
        // The next run recovers and publishes a fresh, complete version.
        let next = try fixture.job(force: true).run()
        #expect(next.status == .published)
        #expect(fixture.registry.currentVersion() == next.version)
        _ = try fixture.registry.load(version: try #require(next.version))
    }

    @Test func thePolicyFileTravelsWithTheModelAndDecidesTiers() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.store.ingestTranscripts(fileAt: fixture.write("t.csv", JobFixture.transcriptsCSV()))
        let policyFile = try fixture.write("policy.json", #"{"alwaysHuman": ["refund_request"], "ambiguityMargin": 0.05}"#)
        let settings = RetrainSettings(policy: try PolicyFile.load(from: policyFile))
        let summary = try fixture.job(settings: settings).run()
        let loaded = try LoadedModel(artifacts: fixture.registry.load(version: try #require(summary.version)))
        #expect(loaded.manifest.tiers.alwaysHuman == ["refund_request"])
        #expect(loaded.manifest.tiers.ambiguityMargin == 0.05)
        let decision = loaded.manifest.tiers.decide(loaded.predict("please refund the duplicate charge asap"))
        #expect(decision.intent == "refund_request")
        #expect(decision.tier == 3)
        #expect(decision.reason == .alwaysHuman)
    }

    @Test func aCandidateTrainedOnCorruptedLabelsIsRejectedByTheGate() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.store.ingestTranscripts(fileAt: fixture.write("t.csv", JobFixture.transcriptsCSV(rows: 400)))
        let first = try fixture.job().run()
        #expect(first.status == .published)
        // Corrupt the training part only: most password_reset training conversations "corrected" to refund_request.
        let train = try fixture.store.collect(holdoutPercent: 10).train.filter { $0.intent == "password_reset" }
        var ratings = ["rating_id,conversation_id,verdict,corrected_intent,agent_id,rated_at"]
        for (index, example) in train.enumerated() where index % 5 != 0 {
            ratings.append("bad-\(index),\(example.id),wrong_intent,refund_request,agent-x,2026-12-02T10:00:00Z")
        }
        _ = try fixture.store.ingestRatings(fileAt: fixture.write("bad.csv", ratings.joined(separator: "\n") + "\n"))

        let second = try fixture.job().run()
        #expect(second.status == .rejected)
        #expect(second.version == "v2")
        let verdict = try #require(second.gate)
        #expect(!verdict.passed)
        #expect(verdict.failures.contains { $0.contains("macro-F1") }, "\(verdict.failures)")
        #expect(fixture.registry.currentVersion() == "v1")
        #expect(try fixture.registry.versions() == ["v1", "v2"])
        let events = try fixture.registry.history.read().events
        #expect(events.last?.event == .rejected)
        #expect(events.last?.version == "v2")

        // The next night with the same data does not train the rejected candidate again.
        let again = try fixture.job().run()
        #expect(again.status == .skipped)
        #expect(again.version == "v2")
        #expect(try fixture.registry.versions() == ["v1", "v2"])

        // An engineer can still force it through by hand; `--promote always` skips the gate.
        var always = fixture.job(force: true)
        always.promotion = .always
        #expect(try always.run().status == .published)
        #expect(fixture.registry.currentVersion() == "v3")
    }

    @Test func tooLittleDataIsRefusedWithoutPublishing() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        _ = try fixture.store.ingestTranscripts(fileAt: fixture.write("t.csv", "text,intent\nhello there,greeting\n"))
        #expect(throws: RetrainError.self) { _ = try fixture.job().run() }
        #expect(try fixture.registry.versions().isEmpty)
        #expect(fixture.registry.currentVersion() == nil)
    }

    @Test func inboxFilesAreIngestedOnce() throws {
        let fixture = try JobFixture()
        defer { fixture.remove() }
        let inbox = fixture.root.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("transcripts"), withIntermediateDirectories: true)
        try JobFixture.transcriptsCSV().write(
            to: inbox.appendingPathComponent("transcripts/night-1.csv"), atomically: true, encoding: .utf8)
        var job = fixture.job()
        job.inbox = Inbox(directory: inbox)
        let first = try job.run()
        #expect(first.ingested.count == 1)
        #expect(first.ingested.first?.accepted == 240)
        let second = try job.run()
        #expect(second.ingested.isEmpty)
        #expect(second.status == .skipped)
    }
}
