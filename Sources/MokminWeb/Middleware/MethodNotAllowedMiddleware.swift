import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Answers `405 Method Not Allowed` with an `Allow` header, instead of 404, when the path is one the router knows but
/// the method is not one of its routes (`DELETE /api/users`, `TRACE /health`, `PUT /datasets`).
///
/// Hummingbird's router answers 404 for both an unknown path and a known path with another method, and has no option
/// for 405. This middleware stands before authentication and the CSRF check (a method nothing serves changes nothing,
/// whoever asks) and asks ``RouteMethods`` — a second router holding the same paths, matched by Hummingbird's own
/// trie, so literal segments win over captures exactly as in the real one — which methods the path has. A path no
/// route knows goes on to end in 404.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Filled with the routes once they are all registered (``buildRouter(_:views:configuration:)``).
    let methods = RouteMethods()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let allowed = await methods.allowed(request.head, context: context), !allowed.contains(request.method.rawValue) {
            let allow = allowed.joined(separator: ", ")
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allow],
                message: "이 주소는 \(request.method.rawValue) 요청을 받지 않습니다 (\(allow)) / This address does not take \(request.method.rawValue) (\(allow))")
        }
        return try await next(request, context)
    }
}

/// Which methods each path of the router has, looked up the way the router matches paths.
final class RouteMethods: Sendable {
    /// The same paths as the application's router, each answering (to GET) with its methods in `Allow`.
    private let lookup = Mutex<RouterResponder<AppRequestContext>?>(nil)

    /// Takes every route of the application's router (`Router.routes`).
    func load(_ routes: [Router<AppRequestContext>.RouteDescription]) {
        var methods: [String: (path: RouterPath, methods: Set<String>)] = [:]
        for route in routes {
            methods[route.path.description, default: (route.path, [])].methods.insert(route.method.rawValue)
        }
        let router = Router(context: AppRequestContext.self)
        for (path, allowed) in methods.values {
            let allow = allowed.sorted().joined(separator: ", ")
            router.get(path) { _, _ in Response(status: .noContent, headers: [.allow: allow]) }
        }
        let responder = router.buildResponder()
        lookup.withLock { $0 = responder }
    }

    /// The methods the path of `head` has (sorted), or nil when no route has this path (or none are loaded yet).
    func allowed(_ head: HTTPRequest, context: AppRequestContext) async -> [String]? {
        guard let lookup = lookup.withLock({ $0 }) else { return nil }
        var probe = head
        probe.method = .get
        guard let response = try? await lookup.respond(to: Request(head: probe, body: RequestBody(buffer: ByteBuffer())), context: context),
            let allow = response.headers[.allow]
        else { return nil }
        return allow.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
