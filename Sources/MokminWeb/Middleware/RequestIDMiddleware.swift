import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Prometheus

/// Adds the request id (also in every log line as `hb.request.id`) to the response as `X-Request-Id`.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = context.id
            return response
        } catch var error as HTTPError {
            error.headers[Self.header] = context.id
            throw error
        }
    }
}
