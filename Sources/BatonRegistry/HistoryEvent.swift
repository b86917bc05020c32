import Foundation

/// One line of the models folder's history: who moved `current`, published, rejected or pruned
/// which version, when and why.
///
/// Encoded as one JSON object per line with sorted keys; `previous` is always present (null
/// when nothing was current), so every line has the same six keys.
public struct HistoryEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// A new version was published and made current.
        case published
        /// An existing version was made current (by a person, or by the job after the gate).
        case promoted
        /// `current` was moved back to an earlier choice.
        case rolledBack = "rolled_back"
        /// A new version failed the promotion gate; it stays on disk and `current` did not move.
        case rejected
        /// A version folder was removed to save space.
        case pruned
    }

    /// ISO 8601 UTC, e.g. "2026-12-04T02:00:13Z".
    public var at: String
    public var event: Kind
    public var version: String
    /// What `current` was when the event happened (nil: nothing was current).
    public var previous: String?
    /// The user ($USER) or "cron".
    public var actor: String
    public var reason: String

    public init(at: String, event: Kind, version: String, previous: String?, actor: String, reason: String) {
        self.at = at
        self.event = event
        self.version = version
        self.previous = previous
        self.actor = actor
        self.reason = reason
    }

    public init(date: Date, event: Kind, version: String, previous: String?, actor: String, reason: String) {
        self.init(at: Self.timestamp(date), event: event, version: version, previous: previous, actor: actor, reason: reason)
    }

    /// Whether this event made `version` current.
    public var movedCurrent: Bool {
        switch event {
        case .published, .promoted, .rolledBack: return true
        case .rejected, .pruned: return false
        }
    }

    /// `at` as a date; nil if it is not ISO 8601.
    public var date: Date? { try? Date(at, strategy: .iso8601) }

    /// `date` as ISO 8601 UTC to the second.
    public static func timestamp(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    enum CodingKeys: String, CodingKey { case at, event, version, previous, actor, reason }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encode(event, forKey: .event)
        try container.encode(version, forKey: .version)
        try container.encode(previous, forKey: .previous)
        try container.encode(actor, forKey: .actor)
        try container.encode(reason, forKey: .reason)
    }
}
