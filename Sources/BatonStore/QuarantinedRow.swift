/// An input row set aside because it could not be accepted, with everything needed to fix it.
public struct QuarantinedRow: Codable, Sendable, Equatable {
    public var kind: IngestKind
    public var sourceFile: String
    public var fileDigest: String
    /// The 1-based line on which the row starts.
    public var line: Int
    /// The row's text as it appeared in the file.
    public var raw: String
    public var reason: String
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    public var quarantinedAt: String
}
