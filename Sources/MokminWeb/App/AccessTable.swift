import HTTPTypes
import Hummingbird
import Synchronization

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
