import Foundation
import Hummingbird
import MokminSVG
import MokminServices

/// The home page: the served city's map and what the visitor may do.
struct HomeController {
    let regions: RegionService
    let views: Views

    func register(on router: SecuredRouter) {
        router.get("/", .public, use: home)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let lang = context.language
        var values: [String: Any] = [:]
        if let city = try await regions.city() {
            let registry = regions.registry
            let areas = registry.children(of: city.code).filter { $0.level == .emd }
            let shown = areas.isEmpty ? [city] : areas
            values["city_name"] = city.fullName
            values["map_svg"] = RegionMap.svg(shown, language: lang)
            values["area_count"] = shown.count
            values["rows"] = shown.map(RegionMap.row)
        }
        var may = [Strings.text(context.principal == nil ? "may_public" : "may_official", lang)]
        if let role = context.principal?.role, context.principal?.isDisplayOnly == false {
            if role >= .analyst { may.append(Strings.text("may_analyst", lang)) }
            if role >= .admin { may.append(Strings.text("may_admin", lang)) }
        }
        values["may"] = may
        return views.page("home", values, context: context, request: request)
    }
}
