import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminIngest
import MokminSVG
import MokminServices

extension BoardPanels {
    /// The viewer's cities' 읍면동 (or a city itself where its 읍면동 are not loaded) as a neutral base map.
    func baseAreas() async throws -> [MapArea] {
        let registry = regions.registry
        return cities.flatMap { city in
            let children = registry.children(of: city.code).filter { $0.level == .emd }
            return children.isEmpty ? [city] : children
        }.map { region in
            MapArea(id: region.code, label: nil, title: region.name, geometry: region.boundary, value: nil, href: nil, fill: "#eef1f4")
        }
    }

    /// Stations as points coloured by their PM2.5 grade, with the grade legend.
    func airMap() async throws -> [String: Any] {
        let pm25 = snapshot.series(prefix: "air", metric: "pm25").filter { $0.longitude != nil && $0.latitude != nil }
        let points = pm25.map { s -> MapPoint in
            let grade = gradeOf(s)
            let value = s.value.map(Self.number) ?? "–"
            return MapPoint(
                id: s.source, label: "\(s.source) \(value)",
                title: "\(s.source)\nPM2.5 \(value) µg/m³ \(grade.map(gradeName) ?? "")\n\(s.time.map(display) ?? "")",
                location: GeoPoint(lon: s.longitude!, lat: s.latitude!), value: max(s.value ?? 0, 8), fill: grade?.colorHex ?? "#9aa5b1")
        }
        let svg = SVGMap(width: 800, height: 560, projection: .utmK, credit: t("credit")).render(
            areas: try await baseAreas(), points: points, style: MapStyle(legendTitle: t("air_map")))
        let legend = AirQualityGrade.allCases.map { g -> [String: Any] in ["grade": g.rawValue, "name": gradeName(g)] }
        return [
            "svg": svg, "legend": legend, "has_points": !points.isEmpty, "data_time": pm25.compactMap(\.time).max().map(display) ?? "",
            "updated_time": pm25.compactMap(\.time).max().map { $0 + "+09:00" } ?? "",
        ]
    }

    /// Stations from the worst PM grade down, with PM10, PM2.5 and O3.
    func airWorst() -> [String: Any] {
        let byStation = Dictionary(grouping: snapshot.series.filter { $0.id.hasPrefix("air/") }, by: \.source)
        let rows = byStation.map { station, series -> (Int, Double, [String: Any]) in
            func cell(_ metric: String) -> [String: Any] {
                guard let s = series.first(where: { $0.metric == metric }) else { return ["value": "–", "grade": 0] }
                return [
                    "value": s.value.map(Self.number) ?? (s.flagged ? "⚠" : "–"), "grade": gradeOf(s)?.rawValue ?? 0,
                    "grade_name": gradeOf(s).map(gradeName) ?? "",
                ]
            }
            let worst = series.filter { ["pm10", "pm25"].contains($0.metric) }.compactMap { gradeOf($0)?.rawValue }.max() ?? 0
            let pm25 = series.first { $0.metric == "pm25" }?.value ?? 0
            let time = series.compactMap(\.time).max().map(display) ?? ""
            return (worst, pm25, ["station": station, "pm10": cell("pm10"), "pm25": cell("pm25"), "o3": cell("o3"), "time": time])
        }
        .sorted { ($0.0, $0.1) > ($1.0, $1.1) }
        return ["rows": rows.prefix(10).map(\.2), "empty": rows.isEmpty]
    }

    /// PM2.5 and PM10 over the last 24 hours, one line per station, over the grade bands.
    func airTrend() async throws -> [String: Any] {
        let end = snapshot.generatedAt.timeIntervalSince1970
        let start = end - 86400
        var charts: [[String: Any]] = []
        for (metric, title, top) in [("pm25", "초미세먼지 PM2.5", 40.0), ("pm10", "미세먼지 PM10", 90.0)] {
            let series = snapshot.series(prefix: "air", metric: metric)
            var lines: [ChartSeries] = []
            for (index, s) in series.enumerated() {
                let points = try await board.history(series: s.id, from: nil, to: nil, step: nil, now: snapshot.generatedAt)
                lines.append(
                    ChartSeries(
                        id: s.id, label: s.source, color: Self.palette[index % Self.palette.count],
                        points: points.compactMap { p in LocalTime.date(p.time).map { ChartPoint(time: $0.timeIntervalSince1970, value: p.value) } }))
            }
            let bands = AirQualityGrade.allCases.compactMap { grade -> ChartBand? in
                guard let range = AirQualityGrade.band(metric: metric, grade: grade) else { return nil }
                return ChartBand(from: range.lowerBound, to: range.upperBound, color: grade.colorHex, label: gradeName(grade))
            }
            let chart = TimeSeriesChart(
                title: language == "en" ? title.replacingOccurrences(of: "초미세먼지 ", with: "").replacingOccurrences(of: "미세먼지 ", with: "") : title,
                unit: "µg/m³", start: start, end: end, bands: bands, minimumTop: top,
                emptyText: language == "en" ? "No data" : "자료 없음")
            charts.append(["svg": chart.render(lines), "metric": metric])
        }
        return ["charts": charts]
    }

    static let palette = ["#1f5fa8", "#e07b00", "#2e8b57", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d35400", "#2c3e50"]

    func gradeOf(_ s: SeriesStatus) -> AirQualityGrade? {
        if let grade = s.grade, let g = AirQualityGrade(rawValue: grade) { return g }
        return s.value.flatMap { AirQualityGrade.grade(metric: s.metric, value: $0) }
    }

    func gradeName(_ grade: AirQualityGrade) -> String { language == "en" ? grade.englishName : grade.koreanName }
}
