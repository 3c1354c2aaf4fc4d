import Foundation
import HTTPTypes
import Hummingbird
import MokminBase
import MokminCore
import MokminGeo
import MokminServices

/// CKAN's Action API over the catalog, at `/api/action/{name}` and `/api/3/action/{name}`, by GET with query
/// parameters or POST with a JSON object, answering CKAN's envelope `{help, success, result | error}`.
///
/// A dataset is a CKAN package (`name` = slug, `id` = `ds-<id>`); each version is a resource (`id` = `res-<id>`),
/// newest first. Internal datasets are visible only with an API token or a session, and are otherwise
/// indistinguishable from missing ones.
struct CKANController {
    let catalog: CatalogService
    /// The site's address as clients reach it (`help` links, resource URLs), never taken from the request.
    let publicURL: String

    func register(on router: SecuredRouter) {
        for prefix in ["/api/action", "/api/3/action"] {
            for method in [HTTPRequest.Method.get, .post] {
                router.on("\(prefix)/:action", method: method, access: .public, parameters: CKANActions.Input.all, checksQuery: false, use: handle)
            }
        }
    }

    /// A CKAN error: its `__type`, HTTP status and message.
    struct CKANError: Error {
        var type: String
        var status: HTTPResponse.Status
        var message: String
        var field: String?

        static func notFound(_ what: String) -> CKANError {
            CKANError(type: "Not Found Error", status: .notFound, message: "Not found: \(what) / 찾을 수 없습니다: \(what)")
        }

        static func validation(_ field: String, _ message: String) -> CKANError {
            CKANError(type: "Validation Error", status: .conflict, message: message, field: field)
        }
    }

    static let actions: Set<String> = [
        "package_list", "package_search", "package_show", "organization_list", "organization_show", "tag_list", "resource_show",
        "datastore_search", "status_show", "help_show",
    ]

    @Sendable func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let action = try context.parameters.require("action")
        let base = publicURL
        let help = "\(base)/api/3/action/help_show?name=\(URLText.component(String(action.prefix(100))))"
        do {
            let params = try await Self.parameters(request, context)
            guard Self.actions.contains(action) else {
                throw CKANError(type: "Bad request - Action name not known", status: .badRequest, message: "Action name not known: \(action)")
            }
            let result = try await CKANActions(catalog: catalog, principal: context.principal, base: base, params: params).run(action)
            var body: [UInt8] = []
            body.append(contentsOf: #"{"help":"#.utf8)
            JSONValue.writeString(help, into: &body)
            body.append(contentsOf: #","success":true,"result":"#.utf8)
            result.write(into: &body)
            body.append(UInt8(ascii: "}"))
            return Self.jsonResponse(body, status: .ok)
        } catch let error as CKANError {
            var body: [String: JSONValue] = ["__type": .string(error.type), "message": .string(error.message)]
            if let field = error.field { body[field] = .array([.string(error.message)]) }
            return Self.envelope(["help": .string(help), "success": .bool(false), "error": .object(body)], status: error.status)
        } catch let error as MokminError {
            let ckan =
                error.kind == .notFound
                ? CKANError.notFound(error.message.en) : CKANError.validation("message", error.message.description)
            let body: [String: JSONValue] = ["__type": .string(ckan.type), "message": .string(error.message.description)]
            return Self.envelope(["help": .string(help), "success": .bool(false), "error": .object(body)], status: ckan.status)
        }
    }

    static func envelope(_ body: [String: JSONValue], status: HTTPResponse.Status) -> Response {
        jsonResponse(JSONValue.object(body).jsonBytes, status: status)
    }

    static func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json;charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Query parameters, overlaid by the JSON object (or the url-encoded form) of a POST body. A name given twice
    /// keeps its last value, as CKAN does.
    static func parameters(_ request: Request, _ context: AppRequestContext) async throws -> [String: JSONValue] {
        var params: [String: JSONValue] = [:]
        for (key, value) in request.query.pairs { params[key] = .string(value) }
        if request.method == .post {
            var request = request
            let body = try await request.collectBody(upTo: Request.maxFormBytes)
            if body.readableBytes > 0 {
                if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                    for (k, v) in ParameterValues(location: .form, encoded: String(buffer: body)).pairs { params[k] = .string(v) }
                } else {
                    guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body)) else {
                        throw CKANError(type: "Bad request - JSON Error", status: .badRequest, message: "Request body must be a JSON object")
                    }
                    params.merge(object) { _, new in new }
                }
            }
        }
        return params
    }
}
