@testable import BatonStore

/// The row count of every table, to check that an operation added (or did not add) rows.
struct TableCounts: Equatable {
    var conversations: Int64
    var ratings: Int64
    var quarantine: Int64
    var ingestedFiles: Int64
    var runs: Int64

    init(_ store: FeedbackStore) throws {
        func count(_ table: String) throws -> Int64 {
            try store.database.integer("SELECT COUNT(*) FROM \(table)") ?? -1
        }
        conversations = try count("conversations")
        ratings = try count("ratings")
        quarantine = try count("quarantine")
        ingestedFiles = try count("ingested_files")
        runs = try count("runs")
    }
}
