/// Which kind of input file an ingest read.
public enum IngestKind: String, Codable, Sendable, CaseIterable {
    case transcripts
    case ratings
}
