/// What one ingest of one file did.
///
/// Every row read is counted exactly once: `accepted + duplicates + quarantined == rowsRead`.
public struct IngestReport: Codable, Sendable, Equatable {
    /// The path as given.
    public var file: String
    /// SHA-256 hex of the file's bytes: the file's identity, whatever it is named.
    public var digest: String
    public var kind: IngestKind
    /// Non-blank rows after the header.
    public var rowsRead: Int
    /// Rows added to the store by this ingest.
    public var accepted: Int
    /// Valid rows whose id was already in the store (from this file or another).
    public var duplicates: Int
    /// Rows set aside with a reason, this time or by an earlier ingest of the same file.
    public var quarantined: Int
    /// Whether a file with the same bytes had been ingested before.
    public var previouslyIngested: Bool

    public init(
        file: String, digest: String, kind: IngestKind, rowsRead: Int, accepted: Int, duplicates: Int,
        quarantined: Int, previouslyIngested: Bool
    ) {
        self.file = file
        self.digest = digest
        self.kind = kind
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.duplicates = duplicates
        self.quarantined = quarantined
        self.previouslyIngested = previouslyIngested
    }
}
