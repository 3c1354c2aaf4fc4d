import Foundation
import MokminCore
import MokminSVG
import MokminServices

/// Turnout per 읍면동 on a map of the served city (staff pages: polls and rounds, live while voting runs).
enum TurnoutMap {
    static func svg(_ turnout: [String: Int], regions: RegionService, language: String) -> String {
        let registry = regions.registry
        var codes = Set(turnout.keys)
        for city in Set(codes.compactMap { registry.regions[$0]?.parentCode }) { codes.formUnion(registry.children(of: city).map(\.code)) }
        let areas: [MapArea] = codes.sorted().compactMap { code in
            guard let region = registry.regions[code] else { return nil }
            let n = turnout[code] ?? 0
            return MapArea(
                id: code, label: region.name, title: "\(region.name): \(n)" + (language == "en" ? " voters" : "명"), geometry: region.boundary,
                value: Double(n), href: nil, fill: nil)
        }
        guard !areas.isEmpty else { return "" }
        return SVGMap(width: 640, height: 520, projection: .utmK, credit: Strings.text("credit", language)).render(
            areas: areas,
            style: MapStyle(classification: .quantiles(5), legendTitle: language == "en" ? "Voters" : "투표자", unit: language == "en" ? "" : "명"))
    }
}
