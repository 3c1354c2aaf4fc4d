import Foundation
import MokminCore
import MokminSVG

/// Maps of regions as inline SVG, drawn by MokminGeo with the boundary credit.
enum RegionMap {
    static func svg(_ regions: [Region], language: String) -> String {
        let areas = regions.map { region in
            MapArea(
                id: region.code, label: region.name,
                title: "\(region.name)\n\(Strings.text("code", language)) \(region.code)\n\(Strings.text("area", language)) \(format(region.areaSquareKilometres)) km²",
                geometry: region.boundary, value: nil, href: nil, fill: nil)
        }
        return SVGMap(width: 800, height: 640, projection: .utmK, credit: Strings.text("credit", language)).render(areas: areas)
    }

    static func row(_ region: Region) -> [String: Any] {
        [
            "code": region.code, "name": region.name, "full_name": region.fullName, "level": region.level.koreanName,
            "kostat_code": region.kostatCode ?? "", "area_km2": format(region.areaSquareKilometres),
        ]
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
