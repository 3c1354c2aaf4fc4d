import HTTPTypes
import Hummingbird
import MokminCore

/// Who may use a route. Every route is registered with one (see `SecuredRouter`), and a test walks the router to
/// prove each is enforced.
public enum Access: String, Sendable, CaseIterable {
    /// Anyone, signed in or not: the public pages.
    case `public`
    /// The status board: any signed-in person, and display tokens.
    case board
    /// Any signed-in official (every role); display tokens are refused.
    case official
    /// The data team and admins.
    case analyst
    /// Admins only.
    case admin

    var minimumRole: Role? {
        switch self {
        case .public, .board: nil
        case .official: .official
        case .analyst: .analyst
        case .admin: .admin
        }
    }

    /// Throws 401 (not signed in) or 403 (signed in, not allowed) unless `principal` may use a route of this access.
    func authorize(_ principal: Principal?) throws {
        if self == .public { return }
        guard let principal else {
            throw HTTPError(.unauthorized, message: "로그인이 필요합니다 / Sign-in required")
        }
        if principal.isDisplayOnly && self != .board {
            throw HTTPError(.forbidden, message: "표시 전용 토큰은 상황판만 볼 수 있습니다 / A display token may open only the board")
        }
        if let minimum = minimumRole, principal.role < minimum {
            throw HTTPError(
                .forbidden, message: "\(minimum.koreanName) 권한이 필요합니다 / The \(minimum.rawValue) role is required")
        }
    }
}

/// A router wrapper that registers every route together with its `Access`, checked before the handler runs.
public struct SecuredRouter {
    public let router: Router<AppRequestContext>
    private let table: AccessTable

    init(router: Router<AppRequestContext>, table: AccessTable) {
        self.router = router
        self.table = table
    }

    /// Registers `handler` for `path`, reachable with `access`, reading the declared `parameters`: query parameters are
    /// checked before the handler runs (unless `checksQuery` is false: the handler checks them itself, to answer in
    /// its own protocol's error format), form fields when the handler reads them.
    public func on<Output: ResponseGenerator>(
        _ path: String, method: HTTPRequest.Method, access: Access, parameters: [Parameter] = [], checksQuery: Bool = true,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) {
        table.record(method: method, path: path, access: access, parameters: parameters)
        let declared = Set((parameters + Parameter.globals).map(DeclaredParameters.key))
        router.on(RouterPath(path), method: method) { request, context in
            try access.authorize(context.principal)
            if checksQuery { try request.query.validate(parameters) }
            return try await DeclaredParameters.$current.withValue(declared) {
                try await handler(request, context)
            }
        }
    }

    public func get<Output: ResponseGenerator>(
        _ path: String, _ access: Access, parameters: [Parameter] = [],
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) { on(path, method: .get, access: access, parameters: parameters, use: handler) }

    public func post<Output: ResponseGenerator>(
        _ path: String, _ access: Access, parameters: [Parameter] = [],
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Output
    ) { on(path, method: .post, access: access, parameters: parameters, use: handler) }
}

/// The access and the parameters each registered route was given, keyed by `"METHOD path"` as the router prints it.
public final class AccessTable: Sendable {
    private let entries = Mutex<[String: (access: Access, parameters: [Parameter])]>([:])

    public init() {}

    func record(method: HTTPRequest.Method, path: String, access: Access, parameters: [Parameter]) {
        entries.withLock { $0["\(method.rawValue) \(RouterPath(path))"] = (access, parameters) }
    }

    /// The access of a route as `Router.routes` describes it (`"GET /admin/users"`), or nil if unknown.
    public func access(for route: String) -> Access? { entries.withLock { $0[route]?.access } }

    /// The query and form parameters a route declared (the ones every route shares are ``Parameter/globals``).
    public func parameters(for route: String) -> [Parameter] { entries.withLock { $0[route]?.parameters ?? [] } }
}

import Synchronization
