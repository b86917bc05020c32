import BatonCore
import BatonData
import Foundation
import Testing

@testable import BatonStore

@Suite struct IngestTests {
    private let night = Date(timeIntervalSince1970: 1_796_119_200)

    @Test func fileOfBadRowsIsCountedRowByRowAndQuarantinedWithReasons() throws {
        try TemporaryFolder.with { folder in
            let csv = """
                conversation_id,text,intent,bot_confidence,bot_tier,resolved_at
                c-1,good row,card_arrival,0.5,1,2026-12-01T10:00:00Z
                c-2,"   ",card_arrival,,,
                c-3,bad intent,has space,,,
                c-4,too sure,card_arrival,1.2,,
                c-5,bad tier,card_arrival,,7,
                c-6,bad date,card_arrival,,,tomorrow
                c-7,too,many,fields,here,,
                c-8,say "hi",greet,,,
                c-1,duplicate id,card_arrival,,,
                c-9,"multi
                line",greet,,,
                "c-10,unterminated,greet,,,
                c-11,last good,greet,,,
                """
            let file = try folder.write("chats.csv", csv)
            let store = try FeedbackStore(path: folder.storePath())
            let report = try store.ingestTranscripts(fileAt: file, now: night)

            #expect(report.rowsRead == 12)
            #expect(report.accepted == 3)
            #expect(report.duplicates == 1)
            #expect(report.quarantined == 8)
            #expect(report.accepted + report.duplicates + report.quarantined == report.rowsRead)
            #expect(report.previouslyIngested == false)
            #expect(report.kind == .transcripts)
            #expect(report.digest == SHA256.hex(csv))

            let quarantined = try store.quarantinedRows(limit: 100)
            #expect(quarantined.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 13])
            let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for row in quarantined {
                #expect(row.raw == lines[row.line - 1], "line \(row.line)")
                #expect(!row.reason.isEmpty)
                #expect(row.kind == .transcripts)
                #expect(row.sourceFile == file.path)
                #expect(row.fileDigest == report.digest)
                #expect(row.quarantinedAt == "2026-12-01T10:00:00Z")
            }
            let reasons = Dictionary(uniqueKeysWithValues: quarantined.map { ($0.line, $0.reason) })
            #expect(reasons[3] == "text is required and must not be blank")
            #expect(reasons[4]?.hasPrefix("intent \"has space\"") == true)
            #expect(reasons[5] == "bot_confidence 1.2 is outside [0, 1]")
            #expect(reasons[6] == "bot_tier 7 is not 1, 2 or 3")
            #expect(reasons[7]?.hasPrefix("resolved_at \"tomorrow\"") == true)
            #expect(reasons[8] == "expected 6 fields as in the header, found 7")
            #expect(reasons[9]?.contains("quote inside an unquoted value") == true)
            #expect(reasons[13]?.contains("never closed") == true)

            let counts = try store.counts()
            #expect(counts.conversations == 3)
            #expect(counts.quarantined == 8)
            let multiLine = try store.database.integer(
                "SELECT source_line FROM conversations WHERE id = 'c-9'")
            #expect(multiLine == 11)
        }
    }

    @Test func ingestingTheSameFileTwiceAddsNothing() throws {
        try TemporaryFolder.with { folder in
            let transcripts = try folder.write(
                "chats.csv", "conversation_id,text,intent\nc-1,hello,greet\nc-2,bye,farewell\nc-3,,x\n")
            let ratings = try folder.write(
                "ratings.csv",
                "conversation_id,verdict,corrected_intent\nc-1,wrong_intent,greeting\nc-2,correct_handoff,\nc-9,correct_handoff,\nc-1,bad,\n")
            let store = try FeedbackStore(path: folder.storePath())
            let firstTranscripts = try store.ingestTranscripts(fileAt: transcripts, now: night)
            let firstRatings = try store.ingestRatings(fileAt: ratings, now: night)
            _ = try store.beginRun(command: "retrain", at: night)
            let before = try TableCounts(store)
            let filesBefore = try store.database.integer("SELECT SUM(accepted * 1000 + duplicates * 100 + quarantined) FROM ingested_files")

            let againTranscripts = try store.ingestTranscripts(fileAt: transcripts, now: night.addingTimeInterval(86_400))
            let againRatings = try store.ingestRatings(fileAt: ratings, now: night.addingTimeInterval(86_400))

            #expect(try TableCounts(store) == before)
            #expect(try store.database.integer("SELECT SUM(accepted * 1000 + duplicates * 100 + quarantined) FROM ingested_files") == filesBefore)
            #expect(firstTranscripts.accepted == 2)
            #expect(againTranscripts.accepted == 0)
            #expect(againTranscripts.duplicates == 2)
            #expect(againTranscripts.quarantined == 1)
            #expect(againTranscripts.previouslyIngested)
            #expect(firstRatings.accepted == 2)
            #expect(againRatings.accepted == 0)
            #expect(againRatings.duplicates == 2)
            #expect(againRatings.quarantined == 2)
            #expect(againRatings.rowsRead == againRatings.accepted + againRatings.duplicates + againRatings.quarantined)
            #expect(try store.database.integer("SELECT COUNT(*) FROM ingested_files WHERE last_ingested_at = '2026-12-02T10:00:00Z'") == 2)
        }
    }

    @Test func sameRowsFromAnotherFileAreDuplicates() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let first = try folder.write("monday.csv", "text,intent\nhello,greet\nbye,farewell\n")
            let second = try folder.write("tuesday.csv", "text,intent\r\nbye,farewell\r\nnew one,greet\r\n")
            _ = try store.ingestTranscripts(fileAt: first, now: night)
            let report = try store.ingestTranscripts(fileAt: second, now: night)
            #expect(report.accepted == 1)
            #expect(report.duplicates == 1)
            #expect(report.previouslyIngested == false)
            #expect(try store.counts().conversations == 3)
        }
    }

    @Test func ratingsBeforeTheirTranscriptsAreQuarantinedThenAcceptedOnReingest() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let ratings = try folder.write(
                "ratings.csv",
                "rating_id,conversation_id,verdict,corrected_intent,rated_at\nr-1,c-1,wrong_intent,lost_card,2026-12-01T12:00:00Z\nr-2,c-2,correct_handoff,,\n")
            let early = try store.ingestRatings(fileAt: ratings, now: night)
            #expect(early.accepted == 0)
            #expect(early.quarantined == 2)
            let reasons = try store.quarantinedRows(limit: 10)
            #expect(reasons.map(\.line) == [2, 3])
            #expect(reasons.first?.raw == "r-1,c-1,wrong_intent,lost_card,2026-12-01T12:00:00Z")
            #expect(
                reasons.first?.reason
                    == "conversation_id \"c-1\" is not in the store; ingest the transcript file that contains it first, then ingest this ratings file again")
            #expect(reasons.allSatisfy { $0.kind == .ratings })

            let transcripts = try folder.write("chats.csv", "conversation_id,text,intent\nc-1,I lost my card,card_arrival\n")
            _ = try store.ingestTranscripts(fileAt: transcripts, now: night)
            let later = try store.ingestRatings(fileAt: ratings, now: night)
            #expect(later.accepted == 1)
            #expect(later.quarantined == 1)
            #expect(later.duplicates == 0)
            #expect(later.previouslyIngested)
            // The accepted rating left quarantine; the one still waiting stays.
            #expect(try store.quarantinedRows(limit: 10).map(\.line) == [3])
            #expect(try store.counts().ratings == 1)
            // The file's bookkeeping adds up across both ingests.
            let statement = try store.database.prepare(
                "SELECT rows_read, accepted, duplicates, quarantined FROM ingested_files WHERE digest = ?")
            try statement.bind([.text(later.digest)])
            #expect(try statement.step())
            #expect([statement.integer(0), statement.integer(1), statement.integer(2), statement.integer(3)] == [2, 1, 0, 1])
        }
    }

    @Test func jsonLinesIngest() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let file = try folder.write(
                "chats.jsonl",
                """
                {"conversation_id": "c-1", "text": "where is my card", "intent": "card_arrival", "bot_intent": "card_arrival", "bot_confidence": 0.31, "bot_tier": 2}

                {"conversation_id": "c-2", "text": "refund please", "final_intent": "refund"}
                not json
                {"conversation_id": "c-3", "text": ""}

                """)
            let report = try store.ingestTranscripts(fileAt: file, now: night)
            #expect(report.rowsRead == 4)
            #expect(report.accepted == 2)
            #expect(report.quarantined == 2)
            #expect(try store.quarantinedRows(limit: 10).map(\.line) == [4, 5])
            let ratings = try folder.write(
                "ratings.json", #"{"conversation_id": "c-1", "verdict": "unnecessary_handoff", "agent_id": "a-1"}"#)
            #expect(try store.ingestRatings(fileAt: ratings, now: night).accepted == 1)
            let rated = try store.ratedConversations()
            #expect(rated.count == 1)
            #expect(rated.first?.botConfidence == 0.31)
            #expect(rated.first?.botTier == 2)
            #expect(rated.first?.latestVerdict == .unnecessaryHandoff)
        }
    }

    @Test func hasIngestedKnowsFilesByContentNotName() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let file = try folder.write("chats.csv", "text,intent\nhello,greet\n")
            let digest = SHA256.hex("text,intent\nhello,greet\n")
            #expect(try store.hasIngested(fileDigest: digest) == false)
            _ = try store.ingestTranscripts(fileAt: file, now: night)
            #expect(try store.hasIngested(fileDigest: digest))
            let renamed = try folder.write("renamed.csv", "text,intent\nhello,greet\n")
            #expect(try store.ingestTranscripts(fileAt: renamed, now: night).previouslyIngested)
        }
    }

    @Test func unreadableFilesThrowAndChangeNothing() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let before = try TableCounts(store)
            let missing = folder.url.appendingPathComponent("nope.csv")
            #expect(throws: DataFileError.missing(path: missing.path)) { try store.ingestTranscripts(fileAt: missing) }
            let noText = try folder.write("chats.csv", "message\nhi\n")
            #expect(throws: DataFileError.self) { try store.ingestTranscripts(fileAt: noText) }
            let ratingsAsTranscripts = try folder.write("ratings.csv", "conversation_id,verdict\nc-1,correct_handoff\n")
            #expect(throws: DataFileError.self) { try store.ingestTranscripts(fileAt: ratingsAsTranscripts) }
            let unknown = try folder.write("chats.txt", "text\nhi\n")
            #expect(throws: DataFileError.self) { try store.ingestRatings(fileAt: unknown) }
            #expect(try TableCounts(store) == before)
        }
    }

    @Test func ingestStaysTransactionalAcrossStoreReopen() throws {
        try TemporaryFolder.with { folder in
            let path = folder.storePath()
            let file = try folder.write("chats.csv", "text,intent\nhello,greet\n")
            do {
                let store = try FeedbackStore(path: path)
                _ = try store.ingestTranscripts(fileAt: file, now: night)
            }
            let reopened = try FeedbackStore(path: path)
            #expect(try reopened.counts().conversations == 1)
            #expect(try reopened.ingestTranscripts(fileAt: file, now: night).duplicates == 1)
        }
    }
}
