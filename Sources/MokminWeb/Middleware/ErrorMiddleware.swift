import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore

/// Turns errors into what the asker can read: JSON `{"error": {"status", "message", "message_en"}}` for the API
/// (paths under `/api/` or requests that accept JSON only), an HTML page otherwise; a page that needs a sign-in
/// redirects to the sign-in form and comes back after it.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error, context: context)
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            if Self.wantsJSON(request) {
                let body: [String: [String: String]] = [
                    "error": ["status": String(status.code), "message": message.ko, "message_en": message.en]
                ]
                let data = (try? JSONEncoder().encode(body)) ?? Data()
                var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
                if let httpError = error as? HTTPError { headers.append(contentsOf: httpError.headers) }
                if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"mokmin\"" }
                return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
            if status == .unauthorized, request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                let target = "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")
                return Response(status: .seeOther, headers: [.location: target])
            }
            var page = views.page(
                "error", ["status": status.code, "message": message.text(context.language)], context: context, request: request, status: status)
            if let httpError = error as? HTTPError { page.headers.append(contentsOf: httpError.headers) }
            return page
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        if request.uri.path.hasPrefix("/api/") || request.uri.path == "/api" { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }

    static func describe(_ error: any Error, context: Context) -> (HTTPResponse.Status, LocalizedText) {
        switch error {
        case let error as MokminError:
            let status: HTTPResponse.Status =
                switch error.kind {
                case .invalidInput: .badRequest
                case .notFound: .notFound
                case .conflict: .conflict
                case .unauthorized: .unauthorized
                case .forbidden: .forbidden
                case .rateLimited: .tooManyRequests
                case .upstream: .badGateway
                case .unavailable: .serviceUnavailable
                }
            return (status, error.message)
        case let error as HTTPError:
            let body = error.body ?? error.status.reasonPhrase
            let parts = body.components(separatedBy: " / ")
            return (error.status, LocalizedText(ko: parts[0], en: parts.count > 1 ? parts[1] : parts[0]))
        case let error as any HTTPResponseError:
            return (error.status, LocalizedText(ko: error.status.reasonPhrase, en: error.status.reasonPhrase))
        default:
            return (.internalServerError, LocalizedText(ko: "서버 오류가 났습니다 (요청 \(context.id))", en: "Server error (request \(context.id))"))
        }
    }
}
