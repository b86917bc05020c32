import BatonModel
import Foundation
import Testing

@testable import BatonCalibration

@Suite struct PolicyFileTests {
    static let valid = """
        {
          "alwaysHuman": ["cancel_subscription", "legal_complaint"],
          "outOfScopeIntents": ["out_of_scope"],
          "autoResolveTarget": 0.97,
          "reviewTarget": 0.85,
          "confidenceLevel": 0.9,
          "bound": "wilson",
          "minimumEvidence": 50,
          "thresholdFloor": 0.4,
          "thresholdCeiling": 0.99,
          "ambiguityMargin": 0.1,
          "overrides": {
            "refund_request": {"autoResolveTarget": 0.99},
            "greeting": {"autoResolveTarget": 0.9, "reviewTarget": 0.6}
          }
        }
        """

    static func parse(_ text: String) throws(PolicyFileError) -> PolicyFile {
        try PolicyFile.parse(Array(text.utf8), source: "policy.json")
    }

    @Test func aValidFileIsReadAndRoundTrips() throws {
        let policy = try Self.parse(Self.valid)
        #expect(policy.alwaysHuman == ["cancel_subscription", "legal_complaint"])
        #expect(policy.outOfScopeIntents == ["out_of_scope"])
        #expect(policy.autoResolveTarget == 0.97)
        #expect(policy.reviewTarget == 0.85)
        #expect(policy.confidenceLevel == 0.9)
        #expect(policy.bound == .wilson)
        #expect(policy.minimumEvidence == 50)
        #expect(policy.thresholdFloor == 0.4)
        #expect(policy.thresholdCeiling == 0.99)
        #expect(policy.ambiguityMargin == 0.1)
        #expect(policy.overrides["refund_request"] == TargetOverride(autoResolveTarget: 0.99))
        #expect(policy.overrides["greeting"] == TargetOverride(autoResolveTarget: 0.9, reviewTarget: 0.6))

        // Encoded by JSONEncoder, the file parses back to the same policy (the format is the Codable form).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = [UInt8](try encoder.encode(policy))
        #expect(try PolicyFile.parse(bytes, source: "encoded.json") == policy)
        #expect(try JSONDecoder().decode(PolicyFile.self, from: Data(bytes)) == policy)

        // The same through a real file.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("policy.json")
        try Data(Self.valid.utf8).write(to: url)
        #expect(try PolicyFile.load(from: url) == policy)

        let settings = policy.thresholdSettings
        #expect(settings == ThresholdSettings(
            autoResolveTarget: 0.97, reviewTarget: 0.85, confidenceLevel: 0.9, bound: .wilson, minimumEvidence: 50,
            floor: 0.4, ceiling: 0.99, overrides: policy.overrides))
    }

    @Test func anEmptyObjectTakesTheDefaults() throws {
        let policy = try Self.parse("{}")
        #expect(policy == PolicyFile())
        #expect(policy.outOfScopeIntents == ["out_of_scope", "oos", "other"])
        #expect(policy.thresholdSettings == ThresholdSettings())
        #expect(try JSONDecoder().decode(PolicyFile.self, from: Data("{}".utf8)) == PolicyFile())
    }

    @Test func theTierPolicyCarriesTheFitAndTheRules() throws {
        let policy = try Self.parse(Self.valid)
        let fit = ThresholdFit(
            perIntent: ["refund_request": .init(autoResolve: 0.93, review: 0.7, evidence: 120, source: "override")],
            fallback: .init(autoResolve: 0.9, review: 0.6, evidence: 900, source: "pooled"))
        let tiers = policy.tierPolicy(from: fit)
        #expect(tiers.thresholds == fit.perIntent)
        #expect(tiers.fallback == fit.fallback)
        #expect(tiers.alwaysHuman == policy.alwaysHuman)
        #expect(tiers.outOfScopeIntents == ["out_of_scope"])
        #expect(tiers.ambiguityMargin == 0.1)
        let intents = ["cancel_subscription", "refund_request"]
        #expect(tiers.decide(IntentPrediction(probabilities: [0.99, 0.01], intents: intents)).reason == .alwaysHuman)
        #expect(tiers.decide(IntentPrediction(probabilities: [0.05, 0.95], intents: intents)).tier == 1)
    }

    /// Each malformed file, the field path its error must name, and a phrase of the message.
    @Test(arguments: [
        (#"{"autoResolveTraget": 0.9}"#, "autoResolveTraget", "Did you mean `autoResolveTarget`?"),
        (#"{"always_human": ["x"]}"#, "always_human", "Did you mean `alwaysHuman`?"),
        (#"{"colour": "blue"}"#, "colour", "Known fields here: alwaysHuman"),
        (#"{"overrides": {"refund_request": {"autoResolveTarget": 1.2}}}"#, "overrides.refund_request.autoResolveTarget", "strictly between 0 and 1"),
        (#"{"overrides": {"refund_request": {"autoResolve": 0.9}}}"#, "overrides.refund_request.autoResolve", "Did you mean `autoResolveTarget`?"),
        (#"{"overrides": {"refund_request": 0.9}}"#, "overrides.refund_request", "must be an object"),
        (#"{"overrides": ["refund_request"]}"#, "overrides", "found an array"),
        (#"{"overrides": {"refund_request": {"reviewTarget": 0.97}}}"#, "overrides.refund_request.reviewTarget", "must be at most its auto-resolve target (0.95)"),
        (#"{"overrides": {"refund_request": {"autoResolveTarget": 0.7}}}"#, "overrides.refund_request.autoResolveTarget", "review target (0.8)"),
        (#"{"reviewTarget": "0.8"}"#, "reviewTarget", "must be a number, found a string"),
        (#"{"autoResolveTarget": true}"#, "autoResolveTarget", "must be a number, found true/false"),
        (#"{"autoResolveTarget": null}"#, "autoResolveTarget", "found null"),
        (#"{"autoResolveTarget": 0}"#, "autoResolveTarget", "strictly between 0 and 1"),
        (#"{"reviewTarget": 0.97}"#, "reviewTarget", "at most autoResolveTarget (0.95)"),
        (#"{"confidenceLevel": 0.4}"#, "confidenceLevel", "strictly between 0.5 and 1"),
        (#"{"confidenceLevel": 1}"#, "confidenceLevel", "is 1;"),
        (#"{"bound": "beta"}"#, "bound", #""clopper_pearson" or "wilson""#),
        (#"{"bound": 1}"#, "bound", "must be a string"),
        (#"{"minimumEvidence": 0}"#, "minimumEvidence", "at least 1"),
        (#"{"minimumEvidence": 2.5}"#, "minimumEvidence", "whole number"),
        (#"{"thresholdFloor": 0.9, "thresholdCeiling": 0.5}"#, "thresholdFloor", "at most thresholdCeiling (0.5)"),
        (#"{"thresholdCeiling": 1.5}"#, "thresholdCeiling", "between 0 and 1"),
        (#"{"thresholdFloor": -0.1}"#, "thresholdFloor", "between 0 and 1"),
        (#"{"ambiguityMargin": 1}"#, "ambiguityMargin", "below 1"),
        (#"{"alwaysHuman": "refund"}"#, "alwaysHuman", "an array of intent names"),
        (#"{"alwaysHuman": ["refund", 3]}"#, "alwaysHuman[1]", "a string (an intent name), found a number"),
        (#"{"outOfScopeIntents": [""]}"#, "outOfScopeIntents[0]", "must name an intent"),
        (#"{"alwaysHuman": ["billing", "oos"]}"#, "alwaysHuman[1]", "both always-human and out-of-scope"),
        (#"["alwaysHuman"]"#, "(top level)", "a JSON object"),
    ])
    func malformedFilesAreRefusedNamingTheField(json: String, path: String, phrase: String) {
        do {
            let policy = try Self.parse(json)
            Issue.record("accepted \(json) as \(policy)")
        } catch {
            #expect(error.path == path)
            #expect(error.file == "policy.json")
            #expect(error.description.contains("'policy.json'"))
            #expect(error.description.contains("`\(path)`") || path == "(top level)", "\(error)")
            #expect(error.description.contains(phrase), "\(error)")
        }
    }

    @Test func invalidJSONIsRefusedWithItsPosition() {
        do {
            _ = try Self.parse("{\n  \"autoResolveTarget\": 0.9,\n  \"reviewTarget\": ,\n}")
            Issue.record("accepted invalid JSON")
        } catch {
            guard case .invalidJSON(let file, _, let offset, let line, let column) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(file == "policy.json")
            #expect(error.path == nil)
            #expect(line == 3)
            #expect(offset == 48)
            #expect(column == 19)
            #expect(error.description.contains("line 3, column 19"), "\(error)")
        }
        #expect(throws: PolicyFileError.self) { try Self.parse("") }
        #expect(throws: PolicyFileError.self) { try Self.parse("{\"a\": 1e400}") }
    }

    @Test func anUnreadableFileNamesItsPath() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baton-missing-\(UUID().uuidString).json")
        do {
            _ = try PolicyFile.load(from: url)
            Issue.record("read a missing file")
        } catch {
            guard case .unreadable = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(error.file == url.path)
            #expect(error.description.contains(url.lastPathComponent))
        }
    }

    @Test func closestKeySuggestions() {
        #expect(PolicyFileReader.closest(to: "overides", in: PolicyFile.knownKeys) == "overrides")
        #expect(PolicyFileReader.closest(to: "threshold_floor", in: PolicyFile.knownKeys) == "thresholdFloor")
        #expect(PolicyFileReader.closest(to: "banana", in: PolicyFile.knownKeys) == nil)
    }
}
