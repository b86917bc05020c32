/// One row of the run log.
public struct RunRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var command: String
    /// UTC `yyyy-MM-ddTHH:mm:ssZ`.
    public var startedAt: String
    public var finishedAt: String?
    public var status: RunStatus
    /// The model version the run published or evaluated, if any.
    public var version: String?
    public var dataFingerprint: String?
    public var summaryJSON: String?
    public var error: String?
}
