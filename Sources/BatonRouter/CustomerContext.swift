/// What the chat system knows about the customer, for the agent who takes over.
///
/// The router never fills any of this in: it copies what its caller passes, field for field,
/// so that a handoff packet holds no customer data the chat system did not already have.
public struct CustomerContext: Codable, Sendable, Hashable {
    public var name: String?
    /// The customer's plan or tier of service ("Business", "Free").
    public var plan: String?
    /// Recent purchases or orders, as the caller describes them.
    public var recentPurchases: [String]
    /// Any further facts the caller wants the agent to see, by label.
    public var extra: [String: String]

    public init(name: String? = nil, plan: String? = nil, recentPurchases: [String] = [], extra: [String: String] = [:]) {
        self.name = name
        self.plan = plan
        self.recentPurchases = recentPurchases
        self.extra = extra
    }
}
