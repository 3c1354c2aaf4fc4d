import Foundation
import Hummingbird
import MokminAnalysis
import MokminCore
import MokminDemo
import MokminGeo
import MokminIngest
import MokminSVG
import MokminServices

extension AnalysisController {
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let run = try await visibleRun(context)
        let lang = context.language
        var values = Self.row(run, language: lang)
        values["is_analyst"] = Self.isAnalyst(context)
        values["running"] = !run.status.isFinal
        values["error"] = run.error ?? ""
        values["message"] = run.message ?? ""
        values["parameters"] = run.parameters
        values["synthetic"] = AnalysisDemo.syntheticSlugs.contains { run.parameters.contains("\"\($0)\"") }
        values["synthetic_label"] = SejongSynthetic.label
        if let result = run.result {
            switch run.kind {
            case .evSiting: values["ev"] = try await evValues(try AnalysisService.decode(EVSitingOutcome.self, result), lang)
            case .shelter: values["shelter"] = try await shelterValues(try AnalysisService.decode(ShelterOutcome.self, result), lang)
            case .livingPopulation:
                let outcome = try AnalysisService.decode(LivingPopulationOutcome.self, result)
                values["lp"] = try await livingPopulationValues(outcome, run: run, request: request, lang)
            }
        }
        return views.page("analysis_run", values, context: context, request: request)
    }

    /// The run's city's 읍면동, valued by `value` (nil leaves an area without data).
    func areas(_ value: (Region) -> Double?, title: (Region) -> String) async throws -> [MapArea] {
        guard let city = try await runCity(matching: { value($0) != nil }) else { return [] }
        return regions.registry.children(of: city.code).filter { $0.level == .emd }.map { region in
            MapArea(id: region.code, label: region.name, title: title(region), geometry: region.boundary, value: value(region), href: nil, fill: nil)
        }
    }

    /// The served city a run's results are about: the one whose 읍면동 the results name most (a run does not keep its
    /// city, and a server may serve several), the first served city when none match.
    func runCity(matching matches: (Region) -> Bool) async throws -> Region? {
        let served = try await regions.servedCities()
        let registry = regions.registry
        let counts = served.map { city in registry.children(of: city.code).filter { $0.level == .emd && matches($0) }.count }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }) else { return nil }
        return served[best]
    }

    static func percent(_ part: Double, _ whole: Double) -> Double? { whole > 0 ? part / whole * 100 : nil }
    /// A count of people with thousands separators; a value no count can be (not finite, or past 10¹⁵) is written as
    /// it is rather than converted to an integer, so that a stored result never makes the page trap.
    static func people(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        guard abs(v) < 1e15 else { return String(format: "%.3g", v) }
        let digits = String(Int64(abs(v).rounded()))
        let grouped = digits.reversed().enumerated().map { $0 > 0 && $0 % 3 == 0 ? "\($1)," : "\($1)" }.reversed().joined()
        return (v <= -0.5 ? "-" : "") + grouped
    }
    static func pct(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0) } ?? "–" }

    func evValues(_ o: EVSitingOutcome, _ lang: String) async throws -> [String: Any] {
        let r = o.result
        let byName = Dictionary(r.areas.compactMap { a in a.area.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        let mapAreas = try await areas({ byName[$0.name].flatMap { Self.percent($0.coveredAfter, $0.demand) } }) { region in
            let a = byName[region.name]
            return
                "\(region.name)\n\(Self.pct(a.flatMap { Self.percent($0.coveredBefore, $0.demand) })) → \(Self.pct(a.flatMap { Self.percent($0.coveredAfter, $0.demand) }))"
        }
        var points = o.existing.map { MapPoint(id: $0.id, title: "\($0.name) (기존 / existing)", location: $0.location, value: 1, fill: "#1f5fa8") }
        points += r.chosen.map {
            MapPoint(id: $0.id, label: $0.name, title: "\($0.name) (신규 / new)", location: $0.location, value: 2.5, fill: "#DA3539")
        }
        let svg = SVGMap(width: 800, height: 620, projection: .utmK, credit: Strings.text("credit", lang)).render(
            areas: mapAreas, points: points,
            style: MapStyle(classification: .equalInterval(5), legendTitle: lang == "en" ? "Covered after (%)" : "설치 후 충족률 (%)", unit: "%"))
        return [
            "svg": svg, "total": Self.people(r.totalDemand), "before": Self.people(r.coveredBefore), "after": Self.people(r.coveredAfter),
            "before_pct": Self.pct(Self.percent(r.coveredBefore, r.totalDemand)), "after_pct": Self.pct(Self.percent(r.coveredAfter, r.totalDemand)),
            "gap": String(format: "%.2f%%", r.gap * 100), "proven": r.provenOptimal, "seconds": String(format: "%.2f", r.seconds),
            "chosen": r.chosen.map {
                ["id": $0.id, "name": $0.name, "lat": String(format: "%.5f", $0.location.lat), "lon": String(format: "%.5f", $0.location.lon)]
            },
            "areas": r.areas.map { a -> [String: Any] in
                [
                    "name": a.area ?? "–", "demand": Self.people(a.demand), "before": Self.pct(Self.percent(a.coveredBefore, a.demand)),
                    "after": Self.pct(Self.percent(a.coveredAfter, a.demand)),
                ]
            },
            "radius": Int(o.parameters.radiusMetres), "p": o.parameters.p, "existing": o.existing.count, "candidates": o.candidateCount,
            "places": o.demandPlaces, "unmatched": o.unmatchedCodes.joined(separator: ", "),
        ]
    }

    func shelterValues(_ o: ShelterOutcome, _ lang: String) async throws -> [String: Any] {
        let report = o.siting?.after ?? o.adequacy
        let byName = Dictionary(report.areas.compactMap { a in a.area.map { ($0, a) } }, uniquingKeysWith: { a, _ in a })
        let mapAreas = try await areas({ byName[$0.name].flatMap { Self.percent($0.unreached, $0.population) } }) { region in
            let a = byName[region.name]
            return "\(region.name)\n\(lang == "en" ? "unreached" : "미도달") \(a.map { Self.people($0.unreached) } ?? "–")"
        }
        let loads = Dictionary(report.shelters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var points = o.existing.map { f -> MapPoint in
            let load = loads[f.id]
            let over = (load?.utilisation ?? 0) > 1
            return MapPoint(
                id: f.id, title: "\(f.name)\n\(Self.people(load?.assigned ?? 0)) / \(Self.people(f.capacity ?? 0))", location: f.location,
                value: f.capacity ?? 1, fill: over ? "#DA3539" : "#01B56E")
        }
        points += (o.siting?.chosen ?? []).map {
            MapPoint(id: $0.id, label: $0.name, title: "\($0.name) (신규 / new)", location: $0.location, value: $0.capacity ?? 1, fill: "#7B3FBF")
        }
        let svg = SVGMap(width: 800, height: 620, projection: .utmK, credit: Strings.text("credit", lang)).render(
            areas: mapAreas, points: points,
            style: MapStyle(
                palette: ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"], classification: .equalInterval(5),
                legendTitle: lang == "en" ? "Unreached (%)" : "대피소 미도달 인구 (%)", unit: "%"))
        func summary(_ r: ShelterReport) -> [String: Any] {
            [
                "total": Self.people(r.totalPopulation), "unreached": Self.people(r.unreachedPopulation),
                "overloaded": Self.people(r.overloadedPopulation),
                "served": Self.people(r.servedPopulation), "served_pct": Self.pct(Self.percent(r.servedPopulation, r.totalPopulation)),
            ]
        }
        return [
            "svg": svg, "before": summary(o.adequacy), "after": o.siting.map { summary($0.after) } as Any, "walk": Int(o.parameters.walkMetres),
            "has_siting": o.siting != nil, "gap": o.siting.map { String(format: "%.2f%%", $0.gap * 100) } ?? "",
            "proven": o.siting?.provenOptimal ?? false,
            "chosen": (o.siting?.chosen ?? []).map { ["id": $0.id, "name": $0.name, "capacity": Self.people($0.capacity ?? 0)] },
            "overloaded_shelters": report.shelters.filter { $0.overload > 0 }.sorted { $0.overload > $1.overload }.map { s -> [String: Any] in
                ["name": s.name, "capacity": Self.people(s.capacity), "assigned": Self.people(s.assigned), "overload": Self.people(s.overload)]
            },
            "areas": report.areas.map { a -> [String: Any] in
                [
                    "name": a.area ?? "–", "population": Self.people(a.population), "unreached": Self.people(a.unreached),
                    "overloaded": Self.people(a.assignedToOverloaded),
                ]
            },
            "existing": o.existing.count, "candidates": o.candidateCount, "unmatched": o.unmatchedCodes.joined(separator: ", "),
        ]
    }
}
