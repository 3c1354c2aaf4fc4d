import MokminCore

/// Who acts on the plan: a signed-in account, or the server's operator at the command line (who may do everything,
/// as with every other `mokmin` command).
public struct PlanActor: Sendable, Hashable {
    public var login: String?
    public var userID: Int64?
    public var role: Role?
    /// The client address, for the audit log.
    public var origin: String?

    public init(login: String?, userID: Int64?, role: Role?, origin: String? = nil) {
        self.login = login
        self.userID = userID
        self.role = role
        self.origin = origin
    }

    /// The operator at the command line.
    public static let commandLine = PlanActor(login: nil, userID: nil, role: nil)

    /// The person a request was made by.
    public init(_ principal: Principal, origin: String? = nil) {
        self.init(login: principal.login, userID: principal.userID, role: principal.role, origin: origin)
    }
}
