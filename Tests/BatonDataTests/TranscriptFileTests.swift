import BatonCore
import Foundation
import Testing

@testable import BatonData

@Suite struct TranscriptFileTests {
    @Test func smallestFileIsTextAndIntent() throws {
        try TemporaryFolder.with { folder in
            let file = try folder.write("chats.csv", "text,intent\nWhere is my card?,card_arrival\nHello,\n")
            let rows = try TranscriptFile.read(at: file)
            #expect(rows.count == 2)
            let first = try #require(rows[0].record)
            #expect(first.text == "Where is my card?")
            #expect(first.finalIntent == "card_arrival")
            #expect(first.conversationID == "h-" + SHA256.hex("Where is my card?\u{1F}card_arrival").prefix(32))
            #expect(rows[0].line == 2)
            let second = try #require(rows[1].record)
            #expect(second.finalIntent == nil)
            #expect(second.conversationID == "h-" + SHA256.hex("Hello\u{1F}").prefix(32))
        }
    }

    @Test func everyColumnIsReadAndNormalised() throws {
        let csv = """
            Conversation_ID,TEXT,final_intent,resolved_by,started_at,resolved_at,bot_intent,bot_confidence,bot_tier,extra
            c-1,  I lost my card  , lost_card ,agent-7,2026-12-01T11:00:00+01:00,2026-12-01,card_arrival,0.42,2,ignored

            """
        let rows = try TranscriptFile.parse(bytes: Array(csv.utf8), format: .csv, path: "chats.csv")
        let record = try #require(rows.first?.record)
        #expect(
            record
                == TranscriptRecord(
                    conversationID: "c-1", text: "  I lost my card  ", finalIntent: "lost_card", resolvedBy: "agent-7",
                    startedAt: "2026-12-01T10:00:00Z", resolvedAt: "2026-12-01T00:00:00Z", botIntent: "card_arrival",
                    botConfidence: 0.42, botTier: 2))
    }

    @Test func intentColumnWinsOverItsAlias() throws {
        let rows = try TranscriptFile.parse(
            bytes: Array("text,intent,final_intent\na,one,two\nb,,two\n".utf8), format: .csv, path: "x.csv")
        #expect(rows.map { $0.record?.finalIntent } == ["one", "two"])
    }

    @Test func eachInvalidFieldIsNamedInTheReason() throws {
        let long = String(repeating: "x", count: TranscriptRecord.maximumTextLength + 1)
        let csv = """
            text,intent,bot_confidence,bot_tier,started_at,bot_intent
            "   ",a,,,,
            ok,has space,,,,
            ok,a,1.5,,,
            ok,a,high,,,
            ok,a,,4,,
            ok,a,,two,,
            ok,a,,,2026-12-01T10:00:00,
            ok,a,,,last tuesday,
            ok,a,,,,bad/intent
            \(long),a,,,,
            ok,\(String(repeating: "i", count: 65)),,,,
            bad,bad intent,2,0,,

            """
        let rows = try TranscriptFile.parse(bytes: Array(csv.utf8), format: .csv, path: "x.csv")
        let reasons = rows.map { $0.malformedReason ?? "ACCEPTED" }
        #expect(rows.map(\.line) == Array(2...13))
        #expect(reasons[0] == "text is required and must not be blank")
        #expect(reasons[1] == #"intent "has space" contains " "; an intent label uses only letters, digits and _ . ? ! : + & ( ) -"#)
        #expect(reasons[2] == "bot_confidence 1.5 is outside [0, 1]")
        #expect(reasons[3] == #"bot_confidence must be a number, found "high""#)
        #expect(reasons[4] == "bot_tier 4 is not 1, 2 or 3")
        #expect(reasons[5] == #"bot_tier must be a whole number, found "two""#)
        #expect(reasons[6] == #"started_at "2026-12-01T10:00:00" has no time zone; add Z (UTC) or an offset such as +01:00"#)
        #expect(reasons[7].hasPrefix(#"started_at "last tuesday" is not an ISO 8601 timestamp"#))
        #expect(reasons[8] == #"bot_intent "bad/intent" contains "/"; an intent label uses only letters, digits and _ . ? ! : + & ( ) -"#)
        #expect(reasons[9] == "text is 20001 characters long; at most 20000 are accepted")
        #expect(reasons[10] == "intent is 65 characters long; an intent label has at most 64")
        // Every problem of a row is listed, so one fix pass is enough.
        #expect(reasons[11].contains("intent \"bad intent\""))
        #expect(reasons[11].contains("bot_confidence 2.0 is outside [0, 1]"))
        #expect(reasons[11].contains("bot_tier 0 is not 1, 2 or 3"))
        #expect(rows[9].raw.count == TranscriptRecord.maximumTextLength + 7)
    }

    @Test func textLengthCountsCharactersNotBytes() throws {
        let text = String(repeating: "é", count: TranscriptRecord.maximumTextLength)
        let rows = try TranscriptFile.parse(bytes: Array("text\n\(text)\n".utf8), format: .csv, path: "x.csv")
        #expect(rows.first?.record?.text == text)
    }

    @Test func missingTextColumnIsAFileLevelError() throws {
        try TemporaryFolder.with { folder in
            let file = try folder.write("chats.csv", "message,intent\nhi,greet\n")
            #expect(throws: DataFileError.missingColumn(path: file.path, column: "text", found: ["message", "intent"])) {
                try TranscriptFile.read(at: file)
            }
            let description = DataFileError.missingColumn(path: file.path, column: "text", found: ["message", "intent"])
                .description
            #expect(description.contains("no `text` column (found: message, intent)"))
        }
    }

    @Test func fileLevelProblemsThrowWithClearMessages() throws {
        try TemporaryFolder.with { folder in
            let missing = folder.url.appendingPathComponent("absent.csv")
            #expect(throws: DataFileError.missing(path: missing.path)) { try TranscriptFile.read(at: missing) }

            let directory = folder.url.appendingPathComponent("inbox.csv")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            #expect(throws: DataFileError.isDirectory(path: directory.path)) { try TranscriptFile.read(at: directory) }

            let spreadsheet = try folder.write("chats.xlsx", "text,intent\n")
            #expect(throws: DataFileError.unknownFormat(path: spreadsheet.path, fileExtension: "xlsx")) {
                try TranscriptFile.read(at: spreadsheet)
            }
            #expect(
                DataFileError.unknownFormat(path: "a.xlsx", fileExtension: "xlsx").description.contains(
                    "extension .xlsx is not a known format"))

            let empty = try folder.write("empty.csv", "")
            #expect(throws: DataFileError.emptyFile(path: empty.path)) { try TranscriptFile.read(at: empty) }

            let doubled = try folder.write("doubled.csv", "text,Text\na,b\n")
            #expect(throws: DataFileError.duplicateColumn(path: doubled.path, column: "text")) {
                try TranscriptFile.read(at: doubled)
            }

            let badHeader = try folder.write("bad.csv", "te\"xt,intent\na,b\n")
            #expect(throws: DataFileError.self) { try TranscriptFile.read(at: badHeader) }
        }
    }

    @Test func formatIsChosenByExtension() throws {
        #expect(try InputFormat(fileURL: URL(fileURLWithPath: "a.CSV")) == .csv)
        for name in ["a.jsonl", "a.ndjson", "a.json", "a.JSONL"] {
            #expect(try InputFormat(fileURL: URL(fileURLWithPath: name)) == .jsonLines)
        }
        #expect(throws: DataFileError.unknownFormat(path: "/x/a", fileExtension: "")) {
            try InputFormat(fileURL: URL(fileURLWithPath: "/x/a"))
        }
    }

    @Test func jsonLinesKeepTypesAndRejectBadLines() throws {
        try TemporaryFolder.with { folder in
            let lines = [
                #"{"conversation_id": "c-1", "text": "card?", "intent": "card_arrival", "bot_confidence": 0.9, "bot_tier": 1}"#,
                "",
                #"{"conversation_id": 42, "text": "numeric id", "final_intent": "x", "bot_tier": "3"}"#,
                "   ",
                #"["not", "an", "object"]"#,
                #"{"text": "broken"#,
                #"{"text": 17}"#,
                #"{"text": "t", "bot_tier": 1.5, "bot_confidence": true}"#,
                #"{"text": "t", "intent": null, "nested": {"ignored": true}}"#,
            ]
            let file = try folder.write("chats.jsonl", lines.joined(separator: "\r\n"))
            let rows = try TranscriptFile.read(at: file)
            #expect(rows.map(\.line) == [1, 3, 5, 6, 7, 8, 9])
            #expect(rows[0].record?.conversationID == "c-1")
            #expect(rows[0].record?.botConfidence == 0.9)
            #expect(rows[0].record?.botTier == 1)
            #expect(rows[1].record?.conversationID == "42")
            #expect(rows[1].record?.finalIntent == "x")
            #expect(rows[1].record?.botTier == 3)
            #expect(rows[2].malformedReason == "the line is an array, not a JSON object")
            #expect(rows[2].raw == #"["not", "an", "object"]"#)
            #expect(rows[3].malformedReason?.hasPrefix("not valid JSON") == true)
            #expect(rows[4].malformedReason == "text must be a string, found a number")
            #expect(rows[5].malformedReason == "bot_confidence must be a number, found a boolean; bot_tier must be a whole number, found 1.5")
            #expect(rows[6].record?.finalIntent == nil)
        }
    }

    @Test func jsonKeysMatchCaseInsensitivelyAndExactLowercaseWins() throws {
        let lines = #"{"Text": "upper", "text": "lower", "INTENT": "greet"}"# + "\n" + #"{"TEXT": "only upper"}"#
        let rows = try TranscriptFile.parse(bytes: Array(lines.utf8), format: .jsonLines, path: "x.jsonl")
        #expect(rows.map { $0.record?.text } == ["lower", "only upper"])
        #expect(rows.first?.record?.finalIntent == "greet")
    }

    @Test func jsonFileHoldingAnArrayIsAFileLevelError() throws {
        try TemporaryFolder.with { folder in
            let file = try folder.write("chats.json", "  [\n{\"text\": \"a\"}\n]\n")
            #expect(throws: DataFileError.jsonArrayInsteadOfLines(path: file.path)) { try TranscriptFile.read(at: file) }
        }
    }

    @Test func sameRowGetsTheSameStableIDEveryTime() throws {
        let csv = Array("text,intent\nhello,greet\nhello,greet\nhello,other\n".utf8)
        let first = try TranscriptFile.parse(bytes: csv, format: .csv, path: "a.csv").compactMap(\.record)
        let again = try TranscriptFile.parse(bytes: csv, format: .csv, path: "b.csv").compactMap(\.record)
        #expect(first == again)
        #expect(first[0].conversationID == first[1].conversationID)
        #expect(first[0].conversationID != first[2].conversationID)
        #expect(first[0].conversationID.count == 34)
    }
}

@Suite struct IntentLabelTests {
    @Test func acceptsRealTaxonomyPunctuationAndRefusesSpacesAndSlashes() {
        #expect(IntentLabel.isValid("reverted_card_payment?"))
        #expect(IntentLabel.isValid("billing.refund-request"))
        #expect(!IntentLabel.isValid("has space"))
        #expect(!IntentLabel.isValid("a/b"))
        #expect(!IntentLabel.isValid("\"quoted\""))
        #expect(!IntentLabel.isValid(String(repeating: "x", count: 65)))
    }
}
