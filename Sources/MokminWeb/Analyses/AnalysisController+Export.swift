import Foundation
import Hummingbird
import MokminAnalysis
import MokminBase
import MokminCore
import MokminGeo
import MokminServices

extension AnalysisController {
    /// `?format=json` (the saved result), `csv` (the per-읍면동 table) or `geojson` (the map's areas and sites).
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let run = try await visibleRun(context)
        guard let result = run.result else {
            throw MokminError(
                .invalidInput, ko: "아직 결과가 없습니다 (상태: \(run.status.rawValue))", en: "There is no result yet (status: \(run.status.rawValue))")
        }
        let format = try request.query.text(Input.exportFormat) ?? "json"
        let name = "mokmin-analysis-\(run.id)"
        switch format {
        case "json": return Self.file(result, type: "application/json", name: name + ".json")
        case "csv": return Self.file("\u{FEFF}" + (try csv(run, result)), type: "text/csv; charset=utf-8", name: name + ".csv")
        case "geojson": return Self.file(try await geojson(run, result), type: "application/geo+json", name: name + ".geojson")
        default:
            throw MokminError(.invalidInput, ko: "format은 json, csv, geojson 중 하나입니다", en: "format must be json, csv or geojson")
        }
    }

    static func file(_ text: String, type: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func csvField(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    func csv(_ run: AnalysisRun, _ result: String) throws -> String {
        var lines: [[String]] = []
        switch run.kind {
        case .evSiting:
            let o = try AnalysisService.decode(EVSitingOutcome.self, result)
            lines.append(["읍면동", "수요", "기존 충족", "설치 후 충족"])
            lines += o.result.areas.map { [$0.area ?? "", String($0.demand), String($0.coveredBefore), String($0.coveredAfter)] }
        case .shelter:
            let o = try AnalysisService.decode(ShelterOutcome.self, result)
            lines.append(["읍면동", "인구", "미도달", "초과 대피소 배정"])
            lines += (o.siting?.after ?? o.adequacy).areas.map {
                [$0.area ?? "", String($0.population), String($0.unreached), String($0.assignedToOverloaded)]
            }
        case .livingPopulation:
            let o = try AnalysisService.decode(LivingPopulationOutcome.self, result)
            lines.append(["행정동코드", "읍면동", "평균"] + (0..<24).map { String(format: "%02d시", $0) } + ["주간/야간", "최대 시간대"])
            lines += o.areas.map { a in
                [a.code, a.name, String(a.meanTotal)] + a.profile.map { $0.map { String($0) } ?? "" }
                    + [a.dayNightRatio.map { String($0) } ?? "", a.peakHour.map { String($0) } ?? ""]
            }
        }
        return lines.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    func geojson(_ run: AnalysisRun, _ result: String) async throws -> String {
        var features: [String] = []
        func point(_ f: Facility, _ role: String) -> String {
            let name = try? BoardJSON.encode(f.name)
            return
                #"{"type":"Feature","properties":{"id":\#((try? BoardJSON.encode(f.id)) ?? "\"\""),"name":\#(name ?? "\"\""),"role":"\#(role)"\#(f.capacity.map { ",\"capacity\":\($0)" } ?? "")},"geometry":{"type":"Point","coordinates":[\#(f.location.lon),\#(f.location.lat)]}}"#
        }
        var areaValues: [String: [String: Double]] = [:]
        switch run.kind {
        case .evSiting:
            let o = try AnalysisService.decode(EVSitingOutcome.self, result)
            features += o.existing.map { point($0, "existing") } + o.result.chosen.map { point($0, "chosen") }
            for a in o.result.areas {
                if let n = a.area { areaValues[n] = ["demand": a.demand, "coveredBefore": a.coveredBefore, "coveredAfter": a.coveredAfter] }
            }
        case .shelter:
            let o = try AnalysisService.decode(ShelterOutcome.self, result)
            features += o.existing.map { point($0, "shelter") } + (o.siting?.chosen ?? []).map { point($0, "chosen") }
            for a in (o.siting?.after ?? o.adequacy).areas {
                if let n = a.area {
                    areaValues[n] = ["population": a.population, "unreached": a.unreached, "assignedToOverloaded": a.assignedToOverloaded]
                }
            }
        case .livingPopulation:
            let o = try AnalysisService.decode(LivingPopulationOutcome.self, result)
            for a in o.areas {
                var v: [String: Double] = ["mean": a.meanTotal]
                for (h, value) in a.profile.enumerated() { if let value { v[String(format: "h%02d", h)] = value } }
                areaValues[a.name] = v
            }
        }
        if let city = try await runCity(matching: { $0.level == .emd && areaValues[$0.name] != nil }) {
            for region in regions.registry.children(of: city.code) where region.level == .emd {
                guard let values = areaValues[region.name] else { continue }
                let properties = (try? BoardJSON.encode(values)) ?? "{}"
                let props = "{\"code\":\"\(region.code)\",\"name\":\((try? BoardJSON.encode(region.name)) ?? "\"\""),\(properties.dropFirst())"
                features.append(#"{"type":"Feature","properties":\#(props),"geometry":\#(GeometryText.multiPolygon(region.boundary))}"#)
            }
        }
        return #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
    }
}

/// GeoJSON geometry text of a boundary (for exports).
enum GeometryText {
    static func multiPolygon(_ m: MultiPolygon) -> String {
        func ring(_ r: [GeoPoint]) -> String {
            "[" + (r.first == r.last ? r : r + r.prefix(1)).map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",") + "]"
        }
        return
            #"{"type":"MultiPolygon","coordinates":[\#(m.polygons.map { "[" + $0.rings.map(ring).joined(separator: ",") + "]" }.joined(separator: ","))]}"#
    }
}
