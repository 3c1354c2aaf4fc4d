import Foundation
import Hummingbird
import Synchronization

/// Serves the OpenAPI document of the JSON API at `/openapi.json`: `Static/openapi.json`, with each operation's query
/// parameters generated from the declarations its route was registered with (``OpenAPIDocument``).
struct OpenAPIController {
    /// The routes' declared parameters, complete once ``buildRouter(_:views:configuration:)`` has returned.
    let table: AccessTable
    private let built = Built()

    /// The document, generated at the first request (every route is registered by then) and kept.
    private final class Built: Sendable {
        let data = Mutex<Data?>(nil)
    }

    init(table: AccessTable) {
        self.table = table
    }

    func register(on router: SecuredRouter) {
        router.get("/openapi.json", .public, use: document)
    }

    static let template: Data? = Bundle.module.resourceURL.flatMap {
        FileManager.default.contents(atPath: $0.appendingPathComponent("Static/openapi.json").path)
    }

    /// The document as served.
    func data() throws -> Data {
        if let data = built.data.withLock({ $0 }) { return data }
        guard let template = Self.template else { throw HTTPError(.internalServerError, message: "openapi.json missing from the bundle") }
        let data = try OpenAPIDocument.build(template: template, table: table)
        built.data.withLock { $0 = data }
        return data
    }

    @Sendable func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: try data())))
    }
}
