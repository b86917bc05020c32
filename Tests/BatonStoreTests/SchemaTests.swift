import Foundation
import Testing

@testable import BatonStore

@Suite struct SchemaTests {
    @Test func newStoreIsMigratedAndConfigured() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            #expect(try store.schemaVersion() == StoreSchema.latestVersion)
            #expect(StoreSchema.latestVersion == 1)
            let journal = try store.database.prepare("PRAGMA journal_mode")
            #expect(try journal.step())
            #expect(journal.text(0) == "wal")
            #expect(try store.database.integer("PRAGMA foreign_keys") == 1)
            #expect(try store.database.integer("PRAGMA busy_timeout") == 5000)
            #expect(try store.database.integer("PRAGMA synchronous") == 1)
            let tables = try store.database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            var names: [String] = []
            try tables.forEachRow { names.append($0.text(0)) }
            #expect(names == ["conversations", "ingested_files", "quarantine", "ratings", "runs"])
            #expect(try store.counts() == StoreCounts(conversations: 0, labelled: 0, ratings: 0, quarantined: 0, runs: 0))
        }
    }

    @Test func reopeningAMigratedStoreKeepsItsData() throws {
        try TemporaryFolder.with { folder in
            let path = folder.storePath()
            _ = try FeedbackStore(path: path).beginRun(command: "retrain", at: Date())
            let reopened = try FeedbackStore(path: path)
            #expect(try reopened.schemaVersion() == 1)
            #expect(try reopened.counts().runs == 1)
        }
    }

    @Test func storeFromANewerBatonIsRefusedAndLeftAlone() throws {
        try TemporaryFolder.with { folder in
            let path = folder.storePath()
            do {
                let database = try SQLiteDatabase(path: path)
                try database.execute("CREATE TABLE future (x); PRAGMA user_version = 7")
            }
            do {
                _ = try FeedbackStore(path: path)
                Issue.record("a store with user_version 7 was opened")
            } catch let error as StoreError {
                guard case .schemaTooNew(let errorPath, let found, let known) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(errorPath == path)
                #expect(found == 7)
                #expect(known == 1)
                #expect(error.description.contains("schema is version 7"))
                #expect(error.description.contains("knows versions up to 1"))
                #expect(error.description.contains("Upgrade Baton"))
            }
            let database = try SQLiteDatabase(path: path)
            #expect(try database.integer("PRAGMA user_version") == 7)
            let journal = try database.prepare("PRAGMA journal_mode")
            #expect(try journal.step())
            #expect(journal.text(0) == "delete")
            #expect(try database.integer("SELECT COUNT(*) FROM sqlite_master WHERE name = 'conversations'") == 0)
        }
    }

    @Test func fileThatIsNotADatabaseIsReportedWithItsSQLiteCode() throws {
        try TemporaryFolder.with { folder in
            let file = try folder.write("notes.sqlite", String(repeating: "this is not a database\n", count: 100))
            do {
                _ = try FeedbackStore(path: file.path)
                Issue.record("a text file was opened as a store")
            } catch let error as StoreError {
                #expect(error.primaryResultCode == 26)
                #expect(error.description.contains(file.path))
                #expect(error.description.contains("not a Baton feedback store"))
            }
        }
    }

    @Test func missingFolderCannotBeOpened() throws {
        try TemporaryFolder.with { folder in
            let path = folder.url.appendingPathComponent("no/such/folder/feedback.sqlite").path
            do {
                _ = try FeedbackStore(path: path)
                Issue.record("opened a store in a missing folder")
            } catch let error as StoreError {
                guard case .cannotOpen = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(error.primaryResultCode == 14)
                #expect(error.description.contains("Check that its folder exists"))
            }
        }
    }

    @Test func schemaConstraintsRejectBadRowsWithTheFailingSQL() throws {
        try TemporaryFolder.with { folder in
            let store = try FeedbackStore(path: folder.storePath())
            let sql = """
                INSERT INTO ratings (id, conversation_id, verdict, source_file, source_line, ingested_at, seq)
                VALUES ('r', 'missing', 'correct_handoff', 'f', 1, 't', 1)
                """
            do {
                try store.database.run(sql)
                Issue.record("a rating of an unknown conversation was stored")
            } catch let error as StoreError {
                #expect(error.primaryResultCode == 19)
                guard case .sqlite(_, _, let message, let failedSQL) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(message.contains("FOREIGN KEY"))
                #expect(failedSQL == sql)
                #expect(error.description.contains("A row broke a constraint"))
            }
        }
    }
}
