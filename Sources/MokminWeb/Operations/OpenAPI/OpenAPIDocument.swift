import Foundation
import Hummingbird

/// The served OpenAPI document: the hand-written `Static/openapi.json` (summaries, bodies, responses, path and header
/// parameters, and a description for each query parameter), with every operation's query parameters replaced by
/// the ones its route declared (``SecuredRouter``, ``AccessTable/parameters(for:)``), so the document states exactly
/// the names, ranges, lengths and choices the server checks. A family (`filter.<column>`) has no OpenAPI form and
/// is left to the operation's text.
enum OpenAPIDocument {
    /// The operations' keys in a path item.
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The keys of a query parameter the static file may add to a declaration (its words for people).
    static let writtenKeys: Set<String> = ["description", "example", "examples", "deprecated"]

    /// Answers any operation may give, with the error body: a malformed path or value (400), a missing, expired or
    /// revoked credential (401), a role that may not (403), a thing that does not exist (404), a method the path does
    /// not take (405), a body over its limit (413) and too many sign-in attempts (429).
    static let alwaysPossible = ["400", "401", "403", "404", "405", "413", "429"]

    static func build(template: Data, table: AccessTable) throws -> Data {
        guard var root = try JSONSerialization.jsonObject(with: template) as? [String: Any], var paths = root["paths"] as? [String: Any] else {
            throw HTTPError(.internalServerError, message: "openapi.json has no paths")
        }
        for (path, value) in paths {
            guard var item = value as? [String: Any] else { continue }
            for (method, value) in item where methods.contains(method) {
                guard var operation = value as? [String: Any] else { continue }
                let written = operation["parameters"] as? [[String: Any]] ?? []
                let declared = table.parameters(for: "\(method.uppercased()) \(routerPath(path))")
                var parameters = merged(written: written, declared: declared)
                if path.hasSuffix("/action/{action}") {
                    // The actions the CKAN layer serves; any other name is answered 400, as CKAN does.
                    for index in parameters.indices where parameters[index]["name"] as? String == "action" {
                        parameters[index]["schema"] = ["type": "string", "enum": CKANController.actions.sorted()]
                    }
                }
                operation["parameters"] = parameters.isEmpty ? nil : parameters
                var responses = operation["responses"] as? [String: Any] ?? [:]
                // CKAN answers a parameter it cannot use with its Validation Error, 409.
                let possible = path.hasSuffix("/action/{action}") ? alwaysPossible + ["409"] : alwaysPossible
                for status in possible where responses[status] == nil {
                    responses[status] = ["$ref": "#/components/responses/Error"]
                }
                operation["responses"] = responses
                item[method] = operation
            }
            paths[path] = item
        }
        root["paths"] = paths
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// `/api/regions/{code}` as the router writes it: `/api/regions/:code`.
    static func routerPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : String(segment)
        }.joined(separator: "/")
    }

    /// The written path and header parameters, then one query parameter per declared one (families left out), each
    /// with the written description of the same name.
    static func merged(written: [[String: Any]], declared: [Parameter]) -> [[String: Any]] {
        let kept = written.filter { $0["in"] as? String != "query" }
        var words: [String: [String: Any]] = [:]
        for parameter in written where parameter["in"] as? String == "query" {
            if let name = parameter["name"] as? String { words[name] = parameter.filter { writtenKeys.contains($0.key) } }
        }
        let generated = declared.filter { $0.location == .query && !$0.isFamily }.map { parameter in
            parameter.openAPIObject.merging(words[parameter.name] ?? [:]) { generated, _ in generated }
        }
        return kept + generated
    }
}
