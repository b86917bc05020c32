import BatonCore
import BatonData
import Foundation
import Testing

@testable import BatonStore

@Suite struct CollectTests {
    private let night = Date(timeIntervalSince1970: 1_796_119_200)

    /// A store holding the given transcript and ratings CSV texts (ratings may be empty).
    private func withStore<Result>(
        transcripts: String, ratings: String = "", _ body: (FeedbackStore) throws -> Result
    ) throws -> Result {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let transcriptFile = try folder.write("chats.csv", transcripts)
            _ = try store.ingestTranscripts(fileAt: transcriptFile, now: night)
            if !ratings.isEmpty {
                let ratingFile = try folder.write("ratings.csv", ratings)
                let report = try store.ingestRatings(fileAt: ratingFile, now: night)
                #expect(report.quarantined == 0)
            }
            return try body(store)
        }
    }

    private func everything(_ collected: CollectedExamples) -> [LabeledExample] {
        (collected.train + collected.holdout).sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }

    @Test func agentCorrectionWinsOverTicketCategory() throws {
        try withStore(
            transcripts: """
                conversation_id,text,intent
                c-1,I lost my card yesterday,card_arrival
                c-2,where is my card,card_arrival
                c-3,no label at all,
                c-4,only the agent knows,

                """,
            ratings: """
                conversation_id,verdict,corrected_intent
                c-1,wrong_intent,lost_or_stolen_card
                c-2,correct_handoff,
                c-4,wrong_intent,exchange_rate
                c-2,wrong_intent,card_arrival

                """
        ) { store in
            let collected = try store.collect(holdoutPercent: 0)
            #expect(collected.holdout.isEmpty)
            #expect(collected.train == [
                LabeledExample(id: "c-1", text: "I lost my card yesterday", intent: "lost_or_stolen_card"),
                LabeledExample(id: "c-2", text: "where is my card", intent: "card_arrival"),
                LabeledExample(id: "c-4", text: "only the agent knows", intent: "exchange_rate"),
            ])
            #expect(collected.labelled == 3)
            // c-2's correction repeats its category, so it changes nothing.
            #expect(collected.correctionsApplied == 2)
            #expect(try store.counts().labelled == 3)
        }
    }

    @Test func latestWrongIntentRatingWins() throws {
        try withStore(
            transcripts: """
                conversation_id,text,intent
                c-1,by date,a
                c-2,same date so ingestion order,a
                c-3,undated counts as oldest,a
                c-4,later approval does not undo a correction,a

                """,
            ratings: """
                rating_id,conversation_id,verdict,corrected_intent,rated_at
                r-1,c-1,wrong_intent,newest,2026-12-03T09:00:00Z
                r-2,c-1,wrong_intent,older,2026-12-03T10:00:00+02:00
                r-3,c-2,wrong_intent,first,2026-12-01T00:00:00Z
                r-4,c-2,wrong_intent,second,2026-12-01
                r-5,c-3,wrong_intent,dated,2020-01-01
                r-6,c-3,wrong_intent,undated,
                r-7,c-4,wrong_intent,corrected,2026-12-01
                r-8,c-4,correct_handoff,,2026-12-02

                """
        ) { store in
            let labels = Dictionary(uniqueKeysWithValues: everything(try store.collect()).map { ($0.id, $0.intent) })
            #expect(labels == ["c-1": "newest", "c-2": "second", "c-3": "dated", "c-4": "corrected"])

            let rated = Dictionary(uniqueKeysWithValues: try store.ratedConversations().map { ($0.conversationID, $0) })
            #expect(rated["c-1"]?.label == "newest")
            #expect(rated["c-1"]?.ratedAt == "2026-12-03T09:00:00Z")
            #expect(rated["c-1"]?.ratingCount == 2)
            #expect(rated["c-4"]?.latestVerdict == .correctHandoff)
            #expect(rated["c-4"]?.correctedIntent == nil)
            #expect(rated["c-4"]?.label == "corrected")
            #expect(try store.ratedConversations().map(\.conversationID) == ["c-1", "c-2", "c-3", "c-4"])
        }
    }

    @Test func duplicateTextsCollapseToTheMajorityLabel() throws {
        try withStore(
            transcripts: """
                conversation_id,text,intent
                c-5,hello,greet
                c-3,"  hello
                ",greet
                c-9,hello,farewell
                c-7,Hello,farewell
                c-8,unlabelled duplicate of hello,
                c-6,hello,

                """
        ) { store in
            let collected = try store.collect(holdoutPercent: 0)
            #expect(collected.train == [
                LabeledExample(id: "c-3", text: "hello", intent: "greet"),
                LabeledExample(id: "c-7", text: "Hello", intent: "farewell"),
            ])
            #expect(collected.labelled == 4)
            #expect(collected.duplicatesCollapsed == 2)
            #expect(collected.conflictingTexts == 1)
        }
    }

    @Test func tieGoesToTheMostRecentlyResolvedConversation() throws {
        try withStore(
            transcripts: """
                conversation_id,text,intent,resolved_at
                a-1,by date,old_label,2026-12-03T10:00:00Z
                a-2,by date,new_label,2026-12-03T12:00:00+01:00
                a-3,by date,new_label,2026-12-04
                a-4,by date,old_label,
                b-1,same time so larger id,first,2026-12-01
                b-2,same time so larger id,second,2026-12-01
                c-1,undated is oldest,dated,2001-01-01
                c-2,undated is oldest,undated,

                """
        ) { store in
            let examples = everything(try store.collect())
            #expect(examples.map(\.id) == ["a-1", "b-1", "c-1"])
            #expect(examples.map(\.intent) == ["new_label", "second", "dated"])
            #expect(try store.collect().conflictingTexts == 3)
        }
    }

    @Test func splitFollowsTheHashOfTheIDAndSortsByID() throws {
        let transcripts = "conversation_id,text,intent\n"
            + (0..<300).map { "id-\($0),message number \($0),intent_\($0 % 7)" }.joined(separator: "\n")
        try withStore(transcripts: transcripts) { store in
            let collected = try store.collect(holdoutPercent: 10)
            #expect(collected.train.count + collected.holdout.count == 300)
            #expect((10...60).contains(collected.holdout.count))
            for example in collected.holdout + collected.train {
                let digest = SHA256.hash(Array("holdout:\(example.id)".utf8))
                let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                #expect((value % 100 < 10) == collected.holdout.contains(example))
            }
            for list in [collected.train, collected.holdout] {
                #expect(list.map(\.id) == list.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            }
            #expect(try store.collect(holdoutPercent: 10) == collected)
            #expect(try store.collect(holdoutPercent: 100).train.isEmpty)
            #expect(try store.collect(holdoutPercent: 0).holdout.isEmpty)
            #expect(throws: StoreError.self) { try store.collect(holdoutPercent: 101) }
            #expect(throws: StoreError.self) { try store.collect(holdoutPercent: -1) }
        }
    }

    @Test func splitStaysPutWhenNewDataArrives() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let monday = try folder.write(
                "monday.csv", "text,intent\n" + (0..<150).map { "monday \($0),i\($0 % 5)" }.joined(separator: "\n"))
            _ = try store.ingestTranscripts(fileAt: monday, now: night)
            let before = try store.collect()
            let tuesday = try folder.write(
                "tuesday.csv", "text,intent\n" + (0..<150).map { "tuesday \($0),i\($0 % 5)" }.joined(separator: "\n"))
            _ = try store.ingestTranscripts(fileAt: tuesday, now: night)
            let after = try store.collect()
            #expect(Set(before.holdout).isSubset(of: Set(after.holdout)))
            #expect(Set(before.train).isSubset(of: Set(after.train)))
            #expect(after.fingerprint != before.fingerprint)
        }
    }

    @Test func resultIsIndependentOfInsertionOrder() throws {
        var transcriptLines = (0..<120).map { number in
            let text = number % 10 == 0 ? "shared text \(number % 30)" : "text \(number)"
            let resolved = number % 4 == 0 ? "" : "2026-12-\(String(format: "%02d", 1 + number % 9))T10:00:00Z"
            return "t-\(number),\(text),label_\(number % 6),\(resolved)"
        }
        var ratingLines = (0..<40).map { number in
            "r-\(number),t-\(number * 3),wrong_intent,fixed_\(number % 4),2026-12-\(String(format: "%02d", 10 + number % 3))"
        }
        // Ratings of one conversation have distinct rated_at: only then is "latest" free of
        // ingestion order, which decides ties by design.
        ratingLines += (0..<10).map { "x-\($0),t-\($0 * 3),wrong_intent,late_\($0),2026-12-20" }
        let header = "conversation_id,text,intent,resolved_at\n"
        let ratingHeader = "rating_id,conversation_id,verdict,corrected_intent,rated_at\n"

        let forward = try withStore(
            transcripts: header + transcriptLines.joined(separator: "\n"),
            ratings: ratingHeader + ratingLines.joined(separator: "\n")
        ) { try $0.collect() }
        transcriptLines.reverse()
        ratingLines.reverse()
        let backward = try withStore(
            transcripts: header + transcriptLines.joined(separator: "\n"),
            ratings: ratingHeader + ratingLines.joined(separator: "\n")
        ) { try $0.collect() }

        #expect(forward == backward)
        #expect(forward.fingerprint == backward.fingerprint)
        #expect(forward.duplicatesCollapsed > 0)
        #expect(forward.conflictingTexts > 0)
        #expect(forward.correctionsApplied > 0)
    }

    @Test func fingerprintCoversSplitLabelAndText() throws {
        let one = try withStore(transcripts: "text,intent\nhello\tthere,greet\n") { try $0.collect(holdoutPercent: 0) }
        #expect(one.fingerprint == SHA256.hex("train\tgreet\thello\\tthere\n"))
        let holdout = try withStore(transcripts: "text,intent\nhello\tthere,greet\n") { try $0.collect(holdoutPercent: 100) }
        #expect(holdout.fingerprint == SHA256.hex("holdout\tgreet\thello\\tthere\n"))
        let relabelled = try withStore(transcripts: "text,intent\nhello\tthere,farewell\n") { try $0.collect(holdoutPercent: 0) }
        #expect(relabelled.fingerprint != one.fingerprint)
        let empty = try withStore(transcripts: "text,intent\n") { try $0.collect() }
        #expect(empty.fingerprint == SHA256.hex(""))
        #expect(empty.train.isEmpty && empty.holdout.isEmpty)
    }
}
