import Hummingbird
import MokminCore
import MokminParticipation
import NIOCore

/// Per-request state: who is asking, in which language, from where. Nothing long-lived lives here.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware`; nil for an anonymous visitor.
    public var principal: Principal?
    /// `ko` or `en`, set by `LanguageMiddleware`.
    public var language: String = "ko"
    /// The client's address, for the audit log and the sign-in rate limit: the connection's peer, or the address a
    /// trusted proxy names (`ClientAddressMiddleware`).
    public var clientAddress: String?
    /// The connection's peer address (a proxy's, when behind one).
    public let peerAddress: String?
    /// The secret the request was authenticated with, so that a long response (the live stream) can check later that
    /// it still holds. Set by `AuthenticationMiddleware`.
    public var credential: PresentedCredential?
    /// The anonymous CSRF cookie's value (double-submit token for forms shown before signing in).
    public var anonymousCSRF: String?
    /// The verified resident of a participation session (`ResidentMiddleware`): a citizen, never a staff principal.
    public var resident: Resident?
    /// The participation session's CSRF token.
    public var residentCSRF: String?
    /// The resident's 읍면동 by name, for the citizen pages' header.
    public var residentAreaName: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
        self.clientAddress = peerAddress
    }

    /// The CSRF token forms on this page must carry.
    public var csrfToken: String? {
        if case .session(let token)? = principal?.credential { return token }
        return residentCSRF ?? anonymousCSRF
    }
}
