import BatonRegistry
import Foundation
import Testing

@Suite("Model history: append-only JSON lines")
struct ModelHistoryTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_000_000)

    static func event(_ kind: HistoryEvent.Kind, _ version: String, previous: String?, minutes: Double = 0) -> HistoryEvent {
        HistoryEvent(date: t0.addingTimeInterval(minutes * 60), event: kind, version: version, previous: previous, actor: "ana", reason: "because \(kind)")
    }

    @Test("every kind of event round-trips, one line each, with all six keys")
    func roundTrip() throws {
        try TemporaryFolder.use { root in
            let history = ModelHistory(directory: root)
            #expect(try history.read().events.isEmpty)
            let events = [
                Self.event(.published, "v1", previous: nil), Self.event(.published, "v2", previous: "v1", minutes: 1),
                Self.event(.rejected, "v3", previous: "v2", minutes: 2), Self.event(.promoted, "v3", previous: "v2", minutes: 3),
                Self.event(.rolledBack, "v2", previous: "v3", minutes: 4), Self.event(.pruned, "v1", previous: "v2", minutes: 5),
            ]
            for event in events { try history.append(event) }
            let reading = try history.read()
            #expect(reading.events == events)
            #expect(reading.tornLastLine == nil && reading.damagedLines.isEmpty && reading.problems.isEmpty)
            #expect(reading.current == "v2")

            let lines = try String(contentsOf: history.url, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == events.count)
            #expect(lines[0] == #"{"actor":"ana","at":"2026-11-30T00:53:20Z","event":"published","previous":null,"reason":"because published","version":"v1"}"#)
            #expect(lines[4].contains(#""event":"rolled_back""#))
        }
    }

    @Test("a torn last line is skipped and reported, and the next append starts a fresh line")
    func tornLastLine() throws {
        try TemporaryFolder.use { root in
            let history = ModelHistory(directory: root)
            try history.append(Self.event(.published, "v1", previous: nil))
            try history.append(Self.event(.published, "v2", previous: "v1", minutes: 1))
            // A crash in the middle of the third append.
            let handle = try FileHandle(forWritingTo: history.url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"actor":"cron","at":"2026-11-30T01:00:00Z","event":"prom"#.utf8))
            try handle.close()

            let torn = try history.read()
            #expect(torn.events.map(\.version) == ["v1", "v2"])
            #expect(torn.tornLastLine?.hasPrefix(#"{"actor":"cron""#) == true)
            #expect(torn.problems.count == 1 && torn.problems[0].contains("unfinished"))
            #expect(torn.current == "v2")

            try history.append(Self.event(.promoted, "v1", previous: "v2", minutes: 10))
            let after = try history.read()
            #expect(after.events.map(\.version) == ["v1", "v2", "v1"])
            #expect(after.tornLastLine == nil)
            #expect(after.damagedLines == [3])
            #expect(after.current == "v1")
        }
    }

    @Test("a last line cut exactly before its newline still counts")
    func completeLineWithoutNewline() throws {
        try TemporaryFolder.use { root in
            let history = ModelHistory(directory: root)
            try history.append(Self.event(.published, "v1", previous: nil))
            var bytes = try Data(contentsOf: history.url)
            bytes.removeLast()
            try bytes.write(to: history.url)
            #expect(try history.read().events.count == 1)
            try history.append(Self.event(.published, "v2", previous: "v1"))
            let reading = try history.read()
            #expect(reading.events.map(\.version) == ["v1", "v2"] && reading.damagedLines.isEmpty)
        }
    }

    @Test("the actor is $USER, or cron when there is none")
    func actor() {
        #expect(ModelHistory.defaultActor(environment: ["USER": "ana"]) == "ana")
        #expect(ModelHistory.defaultActor(environment: [:]) == "cron")
        #expect(ModelHistory.defaultActor(environment: ["USER": " "]) == "cron")
    }

    @Test("timestamps are ISO 8601 UTC to the second and parse back")
    func timestamps() {
        let event = HistoryEvent(
            date: Date(timeIntervalSince1970: 1_796_000_013.9), event: .pruned, version: "v1", previous: nil, actor: "cron", reason: "")
        #expect(event.at == "2026-11-30T00:53:33Z")
        #expect(event.date == Date(timeIntervalSince1970: 1_796_000_013))
    }
}
