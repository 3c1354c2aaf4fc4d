/// Who is making a request, once authentication has run.
public struct Principal: Sendable, Hashable {
    /// How the request proved who it is.
    public enum Credential: Sendable, Hashable {
        /// A browser session cookie; state-changing requests must carry the session's CSRF token.
        case session(csrfToken: String)
        /// An API token (`Authorization` or `X-CKAN-API-Key` header); no CSRF token is needed.
        case apiToken(id: Int64, displayOnly: Bool)
    }

    public var userID: Int64
    public var login: String
    public var name: String
    public var role: Role
    public var credential: Credential
    /// The account's city among the served ones (``User/city``); `nil` sees every served city.
    public var city: String?

    public init(userID: Int64, login: String, name: String, role: Role, credential: Credential, city: String? = nil) {
        self.userID = userID
        self.login = login
        self.name = name
        self.role = role
        self.credential = credential
        self.city = city
    }

    /// A display token may only read the status board pages, whatever its owner's role.
    public var isDisplayOnly: Bool {
        if case .apiToken(_, true) = credential { return true }
        return false
    }
}
