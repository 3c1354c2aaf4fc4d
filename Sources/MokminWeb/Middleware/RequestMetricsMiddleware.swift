import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import Prometheus

/// Counts requests and records their latency by route, method and status into the app's Prometheus registry
/// (through swift-metrics with a per-application factory, so that tests never share global state).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let factory: PrometheusMetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let status: HTTPResponse.Status
        do {
            let response = try await next(request, context)
            status = response.status
            record(request, context, status, start)
            return response
        } catch {
            status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request, context, status, start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, _ start: UInt64) {
        let dimensions = [
            ("route", context.endpointPath ?? "unmatched"), ("method", request.method.rawValue), ("status", String(status.code)),
        ]
        Counter(label: "mokmin_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "mokmin_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
    }
}
