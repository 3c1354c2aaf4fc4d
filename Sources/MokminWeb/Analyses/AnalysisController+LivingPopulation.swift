import Foundation
import Hummingbird
import MokminAnalysis
import MokminBase
import MokminCore
import MokminGeo
import MokminServices
import MokminSVG

extension AnalysisController {
    /// The choropleth of one hour (0–23, or 24 for the mean of all hours).
    func choroplethSVG(_ o: LivingPopulationOutcome, hour: Int, _ lang: String) async throws -> String {
        let values = o.choropleth[min(max(hour, 0), o.choropleth.count - 1)]
        let byRegion = Dictionary(o.areas.compactMap { a in a.regionCode.map { ($0, values[a.code]) } }, uniquingKeysWith: { a, _ in a })
        let mapAreas = try await areas({ byRegion[$0.code] ?? nil }) { region in
            "\(region.name)\n\((byRegion[region.code] ?? nil).map(Self.people) ?? "–") \(lang == "en" ? "people" : "명")"
        }
        let title = hour >= 24 ? (lang == "en" ? "Mean of all hours" : "하루 평균") : String(format: "%02d:00", hour)
        return SVGMap(width: 800, height: 620, projection: .utmK, credit: Strings.text("credit", lang)).render(
            areas: mapAreas, style: MapStyle(classification: .quantiles(5), legendTitle: (lang == "en" ? "Living population " : "생활인구 ") + title, unit: "명"))
    }

    func livingPopulationValues(_ o: LivingPopulationOutcome, run: AnalysisRun, request: Request, _ lang: String) async throws -> [String: Any] {
        let hour = try request.query.integer(Input.hour) ?? 24
        let ranked = o.areas.sorted { $0.meanTotal > $1.meanTotal }
        let chosen = try request.query.text(Input.area).flatMap { code in o.areas.first { $0.code == code } } ?? ranked.first
        var values: [String: Any] = [
            "svg": try await choroplethSVG(o, hour: hour, lang), "hour": hour, "first_day": o.firstDay, "last_day": o.lastDay, "records": o.records,
            "unmatched": o.unmatchedCodes.joined(separator: ", "),
            "ranking": ranked.enumerated().map { index, a -> [String: Any] in
                [
                    "rank": index + 1, "code": a.code, "name": a.name, "mean": Self.people(a.meanTotal),
                    "ratio": a.dayNightRatio.map { String(format: "%.2f", $0) } ?? "–", "peak": a.peakHour.map { String(format: "%02d시", $0) } ?? "–",
                    "selected": a.code == chosen?.code,
                ]
            },
        ]
        if let area = chosen {
            values["area_name"] = area.name
            values["profile_svg"] = Self.profileChart(area, lang)
            let most = (area.pyramidMale + area.pyramidFemale).filter(\.isFinite).max() ?? 1
            values["pyramid"] = LivingPopulationCube.bandLabels.indices.reversed().map { i -> [String: Any] in
                let male = Self.barPercent(area.pyramidMale[i], of: most), female = Self.barPercent(area.pyramidFemale[i], of: most)
                return [
                    "band": LivingPopulationCube.bandLabels[i], "male": Self.people(area.pyramidMale[i]), "female": Self.people(area.pyramidFemale[i]),
                    // The bars are SVG rectangles in a 100-wide box (no inline style); men's grow leftwards from the ages.
                    "male_width": male, "male_x": 100 - male, "female_width": female,
                ]
            }
        }
        return values
    }

    /// `value` as a whole percentage of `most`, 0…100 (0 when either is not a positive finite number).
    static func barPercent(_ value: Double, of most: Double) -> Int {
        guard most > 0, most.isFinite, value.isFinite else { return 0 }
        return Int((min(max(value / most, 0), 1) * 100).rounded(.down))
    }

    /// The hour-of-day profile of one area (all days, weekdays, weekends) on a 24-hour axis.
    static func profileChart(_ area: LivingPopulationOutcome.Area, _ lang: String) -> String {
        let day = 1_780_000_000.0 - 1_780_000_000.0.truncatingRemainder(dividingBy: 86400) - 9 * 3600
        func series(_ id: String, _ label: String, _ color: String, _ values: [Double?]) -> ChartSeries {
            ChartSeries(id: id, label: label, color: color, points: values.enumerated().map { ChartPoint(time: day + Double($0.offset) * 3600, value: $0.element) })
        }
        let en = lang == "en"
        return TimeSeriesChart(
            title: (en ? "Hourly profile · " : "시간대별 생활인구 · ") + area.name, unit: en ? "people" : "명", start: day, end: day + 23 * 3600,
            emptyText: en ? "No data" : "자료 없음"
        ).render([
            series("all", en ? "All days" : "전체", "#1f5fa8", area.profile), series("weekday", en ? "Weekdays" : "평일", "#e07b00", area.weekday),
            series("weekend", en ? "Weekends" : "주말", "#2e8b57", area.weekend),
        ])
    }

    @Sendable func map(_ request: Request, context: AppRequestContext) async throws -> Response {
        let run = try await visibleRun(context)
        guard run.kind == .livingPopulation, let result = run.result else {
            throw MokminError(.notFound, ko: "시간대 지도가 있는 분석이 아닙니다", en: "This run has no hourly map")
        }
        let hour = try request.query.integer(Input.hour) ?? 24
        let svg = try await choroplethSVG(try AnalysisService.decode(LivingPopulationOutcome.self, result), hour: hour, context.language)
        return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: svg)))
    }
}
