import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminGeo
import MokminServices

/// The region registry: a public page with lookups, and the JSON API.
struct RegionController {
    let regions: RegionService
    let views: Views

    enum Input {
        static let level = Parameter.choice("level", RegionLevel.allCases.map(\.rawValue))
        static let parent = Parameter.text("parent", max: 20)
        static let longitude = Parameter.number("lon", -180...180).required
        static let latitude = Parameter.number("lat", -90...90).required
        static let system = Parameter.choice("system", RegionCodeSystem.allCases.map(\.rawValue))
        /// The page shows a typed coordinate back with its problem instead of refusing the page.
        static let typedLongitude = Parameter.text("lon", max: 40)
        static let typedLatitude = Parameter.text("lat", max: 40)
        static let code = Parameter.text("code", max: 20)
        static let typedSystem = Parameter.text("system", max: 10)
    }

    func register(on router: SecuredRouter) {
        router.get(
            "/regions", .public, parameters: [Input.typedLongitude, Input.typedLatitude, Input.code, Input.typedSystem], use: page)
        router.get("/api/regions", .public, parameters: [Input.level, Input.parent], use: list)
        router.get("/api/regions/lookup", .public, parameters: [Input.longitude, Input.latitude], use: lookupPoint)
        router.get("/api/regions/:code", .public, parameters: [Input.system], use: lookupCode)
    }

    struct RegionJSON: ResponseEncodable {
        var code: String
        var level: String
        var name: String
        var full_name: String
        var parent_code: String?
        var kostat_code: String?
        var kostat_code8: String?
        var centroid: [Double]?
        var area_m2: Double?
        var has_boundary: Bool

        init(_ match: RegionRegistry.CodeMatch) {
            switch match {
            case .region(let r): self.init(r)
            case .entry(let e):
                self.init(
                    code: e.code, level: RegionLevel.emd.rawValue, name: e.name, full_name: e.fullName, parent_code: e.sggCode + "00000",
                    kostat_code: e.kostatCode, kostat_code8: e.kostatCode8, centroid: nil, area_m2: nil, has_boundary: false)
            }
        }

        init(_ r: Region) {
            self.init(
                code: r.code, level: r.level.rawValue, name: r.name, full_name: r.fullName, parent_code: r.parentCode, kostat_code: r.kostatCode,
                kostat_code8: r.kostatCode8, centroid: [r.centroid.lon, r.centroid.lat], area_m2: r.areaSquareMetres.rounded(), has_boundary: true)
        }

        init(
            code: String, level: String, name: String, full_name: String, parent_code: String?, kostat_code: String?, kostat_code8: String?,
            centroid: [Double]?, area_m2: Double?, has_boundary: Bool
        ) {
            (self.code, self.level, self.name, self.full_name, self.parent_code) = (code, level, name, full_name, parent_code)
            (self.kostat_code, self.kostat_code8, self.centroid, self.area_m2, self.has_boundary) =
                (kostat_code, kostat_code8, centroid, area_m2, has_boundary)
        }
    }

    struct RegionList: ResponseEncodable {
        var count: Int
        var regions: [RegionJSON]
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> RegionList {
        let query = request.query
        var all = Array(regions.registry.regions.values)
        if let level = try query.text(Input.level).flatMap(RegionLevel.init(rawValue:)) {
            all = all.filter { $0.level == level }
        }
        if let parent = try query.text(Input.parent).flatMap({ RegionCode.digits($0).flatMap(RegionCode.expandMOIS) }) {
            all = all.filter { $0.parentCode == parent }
        }
        let sorted = all.sorted { $0.code < $1.code }.map(RegionJSON.init)
        return RegionList(count: sorted.count, regions: sorted)
    }

    @Sendable func lookupPoint(_ request: Request, context: AppRequestContext) async throws -> RegionJSON {
        guard let lon = try request.query.number(Input.longitude), let lat = try request.query.number(Input.latitude) else {
            throw MokminError(
                .invalidInput, ko: "lon(경도, -180~180)과 lat(위도, -90~90)을 숫자로 주어야 합니다",
                en: "Give lon (longitude, -180 to 180) and lat (latitude, -90 to 90) as numbers")
        }
        let point = GeoPoint(lon: lon, lat: lat)
        guard let region = regions.registry.region(at: point) else {
            throw MokminError(
                .notFound, ko: "경도 \(point.lon), 위도 \(point.lat)은(는) 적재된 어느 행정구역에도 속하지 않습니다",
                en: "No loaded region holds longitude \(point.lon), latitude \(point.lat)")
        }
        return RegionJSON(region)
    }

    @Sendable func lookupCode(_ request: Request, context: AppRequestContext) async throws -> RegionJSON {
        let code = try context.parameters.require("code")
        let system = try request.query.text(Input.system).flatMap(RegionCodeSystem.init(rawValue:)) ?? .mois
        guard let match = regions.registry.lookup(code: code, system: system) else {
            throw MokminError(.notFound, ko: "코드 \(code)에 해당하는 행정구역이 없습니다", en: "No region has the code \(code)")
        }
        return RegionJSON(match)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.query
        let lon = try query.text(Input.typedLongitude), lat = try query.text(Input.typedLatitude)
        let code = try query.text(Input.code), system = try query.text(Input.typedSystem)
        let registry = regions.registry
        var values: [String: Any] = [
            "counts": RegionLevel.allCases.map { level in
                ["level": context.language == "en" ? level.rawValue : level.koreanName, "count": registry.regions(level: level).count]
            },
            "lon": lon ?? "", "lat": lat ?? "", "code": code ?? "", "kostat_checked": system == "kostat",
        ]
        if let city = try await regions.city(for: context.principal) { values["city"] = RegionMap.row(city) }
        if lon != nil || lat != nil {
            do {
                let point = try Self.point(lon, lat)
                values["point_result"] = registry.region(at: point).map(RegionMap.row) ?? ["none": true]
            } catch let error as MokminError {
                values["point_error"] = error.message.text(context.language)
            }
        }
        if let code {
            let system = system.flatMap(RegionCodeSystem.init(rawValue:)) ?? .mois
            switch registry.lookup(code: code, system: system) {
            case .region(let r)?: values["code_result"] = RegionMap.row(r)
            case .entry(let e)?:
                values["code_result"] = [
                    "code": e.code, "name": e.name, "full_name": e.fullName, "level": RegionLevel.emd.koreanName,
                    "kostat_code": e.kostatCode ?? "", "area_km2": Strings.text("no_boundary", context.language),
                ]
            case nil: values["code_result"] = ["none": true]
            }
        }
        return views.page("regions", values, context: context, request: request)
    }

    static func point(_ lon: String?, _ lat: String?) throws -> GeoPoint {
        guard let lon = lon.flatMap(Double.init), let lat = lat.flatMap(Double.init), lon.isFinite, lat.isFinite,
            (-180...180).contains(lon), (-90...90).contains(lat)
        else {
            throw MokminError(
                .invalidInput, ko: "lon(경도, -180~180)과 lat(위도, -90~90)을 숫자로 주어야 합니다",
                en: "Give lon (longitude, -180 to 180) and lat (latitude, -90 to 90) as numbers")
        }
        return GeoPoint(lon: lon, lat: lat)
    }
}
