import HTTPTypes
import Hummingbird
import Synchronization

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
