import Foundation
import Hummingbird

/// Serves the OpenAPI document of the JSON API (`Static/openapi.json`) at `/openapi.json`.
struct OpenAPIController {
    func register(on router: SecuredRouter) {
        router.get("/openapi.json", .public, use: document)
    }

    static let data: Data? = Bundle.module.resourceURL.flatMap {
        FileManager.default.contents(atPath: $0.appendingPathComponent("Static/openapi.json").path)
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let data = Self.data else { throw HTTPError(.internalServerError, message: "openapi.json missing from the bundle") }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
