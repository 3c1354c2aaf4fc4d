import Foundation
import Hummingbird
import MokminBase
import MokminCore
import Mustache

/// Renders the server-side pages: mustache templates (resources of this module) inside one layout.
public struct Views: Sendable {
    let library: MustacheLibrary

    /// Loads every `*.mustache` template shipped with the module.
    public static func load() async throws -> Views {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw HTTPError(.internalServerError, message: "Templates folder missing from the bundle")
        }
        return Views(library: try await MustacheLibrary(directory: directory))
    }

    /// Renders `template` with `values` plus what every page needs (language, strings, the signed-in person, CSRF).
    func page(_ template: String, _ values: [String: Any], context: AppRequestContext, request: Request, status: HTTPResponse.Status = .ok)
        -> Response
    {
        var all = values
        all["t"] = Strings.dictionary(context.language)
        all["lang"] = context.language
        all["is_en"] = context.language == "en"
        all["other_lang"] = context.language == "en" ? "ko" : "en"
        all["path"] = request.uri.path
        all["csrf_token"] = context.csrfToken ?? ""
        if let resident = context.resident {
            // The citizen pages' header: where the verified resident lives and their age band.
            all["resident"] = [
                "area": context.residentAreaName ?? resident.emdCode,
                "band": resident.band(inYear: LocalTime(Date()).year).label.text(context.language), "is_demo": resident.isDemo,
            ]
        }
        if let principal = context.principal {
            all["user"] = [
                "login": principal.login, "name": principal.name,
                "role": context.language == "en" ? principal.role.rawValue : principal.role.koreanName,
            ]
            all["is_admin"] = principal.role >= .admin && !principal.isDisplayOnly
        }
        return html(template, all, status: status, language: context.language)
    }

    /// Renders `template` with `values` alone (a fragment such as a board panel, or a page with its own shell).
    func html(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok, language: String) -> Response {
        let html = library.render(Self.withoutNils(values), withTemplate: template) ?? "template \(template) missing"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.contentLanguage] = language
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The values with every absent optional removed (at any depth), so that a template's `{{#key}}` sees no value
    /// instead of printing "nil" for an `Optional.none` stored as `Any`.
    static func withoutNils(_ values: [String: Any]) -> [String: Any] {
        var kept: [String: Any] = [:]
        for (key, value) in values {
            if let cleaned = clean(value) { kept[key] = cleaned }
        }
        return kept
    }

    static func clean(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return clean(wrapped)
        }
        switch value {
        case let dictionary as [String: Any]: return withoutNils(dictionary)
        case let array as [[String: Any]]: return array.map(withoutNils)
        case let array as [Any]: return array.compactMap(clean)
        default: return value
        }
    }
}
