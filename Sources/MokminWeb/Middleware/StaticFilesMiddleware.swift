import Foundation
import Hummingbird

/// Serves the stylesheet and scripts shipped with Mokmin under `/static/`, with a day of caching.
/// Nothing is fetched from a CDN: every page works offline.
struct StaticFilesMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let files: [String: (data: ByteBuffer, type: String)]

    init(directory: String) {
        var files: [String: (ByteBuffer, String)] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "ico": "image/x-icon"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            let ext = (name as NSString).pathExtension
            files["/static/" + name] = (ByteBuffer(bytes: data), types[ext] ?? "application/octet-stream")
        }
        self.files = files
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get || request.method == .head, let file = files[request.uri.path] {
            return Response(
                status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=86400"], body: .init(byteBuffer: file.data))
        }
        return try await next(request, context)
    }
}
