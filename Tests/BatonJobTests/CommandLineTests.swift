import BatonFormat
import BatonRegistry
import Foundation
import Testing

/// Runs the real `baton` executable (built beside the test bundle) in temp folders.
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func baton(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("baton")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env["BATON_STORE"] = nil
        env["BATON_MODELS"] = nil
        env["BATON_INBOX"] = nil
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A folder holding `t.csv` ingested into `baton.sqlite`.
    static func preparedFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JobFixture.transcriptsCSV().write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let ingest = try baton(["ingest", "transcripts", "t.csv"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("read 240, accepted 240, duplicates 0, quarantined 0"))
        return folder
    }

    @Test func retrainPrintsOneJSONSummaryAndSkipsWhenNothingChanged() throws {
        let folder = try Self.preparedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try Self.baton(["retrain"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(summary["status"] as? String == "published")
        #expect(summary["version"] as? String == "v1")
        let again = try Self.baton(["retrain"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout.contains(#""status":"skipped""#))
        #expect(again.stderr.contains("nothing to do"))
    }

    @Test func usageErrorsAndAHeldLockHaveTheirOwnExitCodes() throws {
        let folder = try Self.preparedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.baton(["retrain", "--froce"], in: folder).status == 2)
        #expect(try Self.baton(["frobnicate"], in: folder).status == 2)
        #expect(try Self.baton(["eval", "--data", "missing.csv"], in: folder).status == 2)  // no current version yet
        let lock = try JobLock.acquire(at: folder.appendingPathComponent("models/.lock"), holder: "a test holding the lock")
        let blocked = try Self.baton(["retrain"], in: folder)
        lock.release()
        #expect(blocked.status == 4)
        #expect(blocked.stderr.contains("a test holding the lock"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("models/v1").path))
    }

    @Test(arguments: PublishStep.allCases)
    func aProcessKilledWhilePublishingLeavesCurrentComplete(step: PublishStep) throws {
        let folder = try Self.preparedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.baton(["retrain"], in: folder).status == 0)
        let crashed = try Self.baton(["retrain", "--force"], in: folder, environment: ["BATON_CRASH_AT": step.rawValue])
        #expect(crashed.status == 99)
        let registry = try ModelRegistry(directory: folder.appendingPathComponent("models"))
        let current = try #require(registry.currentVersion())
        #expect(current == (step == .pointerRenamed ? "v2" : "v1"))
        _ = try LoadedModel(artifacts: registry.load(version: current))
        let list = try Self.baton(["models", "list", "--json"], in: folder)
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == (step == .stagingWritten ? 1 : 2))
        let recovered = try Self.baton(["retrain", "--force"], in: folder)
        #expect(recovered.status == 0, "\(recovered.stderr)")
    }
}

@Suite struct GateExitCodeTests {
    @Test func aRejectedCandidateExitsSixAndLeavesCurrent() throws {
        let folder = try CommandLineTests.preparedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CommandLineTests.baton(["retrain"], in: folder).status == 0)
        // `--promote never` writes a version without moving current: the same "not promoted" code.
        let never = try CommandLineTests.baton(["retrain", "--force", "--promote", "never"], in: folder)
        #expect(never.status == 6, "\(never.stderr)")
        #expect(never.stdout.contains(#""status":"written""#))
        let registry = try ModelRegistry(directory: folder.appendingPathComponent("models"))
        #expect(registry.currentVersion() == "v1")
        #expect(try registry.versions() == ["v1", "v2"])
        #expect(try CommandLineTests.baton(["retrain", "--promote", "sometimes"], in: folder).status == 2)
        // Metrics for node_exporter, written on request.
        let metrics = folder.appendingPathComponent("baton.prom")
        let skipped = try CommandLineTests.baton(["retrain", "--metrics-file", metrics.path], in: folder)
        #expect(skipped.status == 0)
        let text = try String(contentsOf: metrics, encoding: .utf8)
        #expect(text.contains(#"baton_last_run_status{status="skipped"} 1"#))
        #expect(text.contains("baton_last_run_success 1"))
    }
}
