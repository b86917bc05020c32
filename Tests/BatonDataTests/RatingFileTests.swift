import BatonCore
import Foundation
import Testing

@testable import BatonData

@Suite struct RatingFileTests {
    private func parse(_ csv: String) throws -> [ParsedRow<RatingRecord>] {
        try RatingFile.parse(bytes: Array(csv.utf8), format: .csv, path: "ratings.csv")
    }

    @Test func validRatingsAreRead() throws {
        let rows = try parse(
            """
            rating_id,conversation_id,verdict,corrected_intent,agent_id,rated_at
            r-1,c-1,wrong_intent,lost_card,a-9,2026-12-02T09:00:00.5+02:00
            ,c-2, Correct_Handoff ,,,

            """)
        #expect(
            rows[0].record
                == RatingRecord(
                    ratingID: "r-1", conversationID: "c-1", verdict: .wrongIntent, correctedIntent: "lost_card",
                    agentID: "a-9", ratedAt: "2026-12-02T07:00:00Z"))
        let second = try #require(rows[1].record)
        #expect(second.verdict == .correctHandoff)
        let joined = ["c-2", "correct_handoff", "", "", ""].joined(separator: "\u{1F}")
        #expect(second.ratingID == "h-" + SHA256.hex(joined).prefix(32))
    }

    @Test func verdictRawValuesAreSnakeCase() {
        #expect(Verdict.allCases.map(\.rawValue) == [
            "correct_handoff", "unnecessary_handoff", "wrong_intent", "should_have_escalated",
        ])
    }

    @Test func invalidRatingsNameTheField() throws {
        let rows = try parse(
            """
            conversation_id,verdict,corrected_intent,rated_at
            ,correct_handoff,,
            c-1,,,
            c-1,great,,
            c-1,wrong_intent,,
            c-1,wrong_intent,no such/intent,
            c-1,unnecessary_handoff,,02/12/2026

            """)
        #expect(rows.map(\.malformedReason) == [
            "conversation_id is required: a rating must name the conversation it rates",
            "verdict is required; use one of correct_handoff, unnecessary_handoff, wrong_intent, should_have_escalated",
            #"verdict "great" is not one of correct_handoff, unnecessary_handoff, wrong_intent, should_have_escalated"#,
            "corrected_intent is required when verdict is wrong_intent",
            #"corrected_intent "no such/intent" contains " "; an intent label uses only letters, digits and _ . ? ! : + & ( ) -"#,
            #"rated_at "02/12/2026" is not an ISO 8601 timestamp; use e.g. 2026-12-01T10:00:00Z, 2026-12-01T11:00:00.250+01:00 or 2026-12-01"#,
        ])
        #expect(rows.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(rows[0].raw == ",correct_handoff,,")
    }

    @Test func headerWithoutVerdictIsAFileLevelError() throws {
        #expect(throws: DataFileError.missingColumn(path: "ratings.csv", column: "verdict", found: ["conversation_id"])) {
            try parse("conversation_id\nc-1\n")
        }
    }

    @Test func jsonLinesRatings() throws {
        try TemporaryFolder.with { folder in
            let file = try folder.write(
                "ratings.ndjson",
                """
                {"conversation_id": "c-1", "verdict": "should_have_escalated", "rated_at": "2026-12-01"}
                {"conversation_id": "c-1", "verdict": "wrong_intent"}

                """)
            let rows = try RatingFile.read(at: file)
            #expect(rows[0].record?.verdict == .shouldHaveEscalated)
            #expect(rows[0].record?.ratedAt == "2026-12-01T00:00:00Z")
            #expect(rows[1].malformedReason == "corrected_intent is required when verdict is wrong_intent")
        }
    }
}
