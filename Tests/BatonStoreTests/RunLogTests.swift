import Foundation
import Testing

@testable import BatonStore

@Suite struct RunLogTests {
    private let night = Date(timeIntervalSince1970: 1_796_119_200)

    @Test func runIsBegunAndFinished() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let first = try store.beginRun(command: "retrain", at: night)
            let second = try store.beginRun(command: "ingest", at: night.addingTimeInterval(60))
            #expect(second > first)
            #expect(try store.recentRuns(limit: 10).map(\.status) == [.running, .running])

            try store.finishRun(
                id: first, status: .published, version: "v3", dataFingerprint: "abc", summaryJSON: #"{"accuracy":0.9}"#,
                error: nil, at: night.addingTimeInterval(120))
            let runs = try store.recentRuns(limit: 10)
            #expect(runs.map(\.id) == [second, first])
            #expect(
                runs[1]
                    == RunRecord(
                        id: first, command: "retrain", startedAt: "2026-12-01T10:00:00Z",
                        finishedAt: "2026-12-01T10:02:00Z", status: .published, version: "v3", dataFingerprint: "abc",
                        summaryJSON: #"{"accuracy":0.9}"#, error: nil))
            #expect(try store.recentRuns(limit: 1).map(\.id) == [second])
            #expect(try store.counts().runs == 2)

            try store.finishRun(id: second, status: .failed, error: "disk full", at: night)
            #expect(try store.recentRuns(limit: 1).first?.error == "disk full")
        }
    }

    @Test func finishingAnUnknownRunThrows() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            #expect(throws: StoreError.self) { try store.finishRun(id: 42, status: .skipped, at: night) }
            do {
                try store.finishRun(id: 42, status: .skipped, at: night)
            } catch {
                #expect(String(describing: error).contains("no run with id 42"))
            }
        }
    }
}
