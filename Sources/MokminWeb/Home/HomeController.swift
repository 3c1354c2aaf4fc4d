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
        let cities = try await regions.cities(for: context.principal)
        if !cities.isEmpty {
            let registry = regions.registry
            // Each city's 읍면동, or the city itself where they are not loaded; a province's staff see every served city.
            let shown = cities.flatMap { city in
                let areas = registry.children(of: city.code).filter { $0.level == .emd }
                return areas.isEmpty ? [city] : areas
            }
            values["city_name"] = cities.map(\.fullName).joined(separator: " · ")
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
