import Foundation
import MokminCore
import MokminGeo
import MokminServices
import MokminSVG

extension BoardPanels {
    /// The speed classes of the board's traffic map: 정체 below 15 km/h, 서행 below 30, 원활 from 30.
    static func speedClass(_ speed: Double?) -> (key: String, color: String) {
        guard let speed else { return ("no_data", "#9aa5b1") }
        if speed < 15 { return ("congested", "#DA3539") }
        if speed < 30 { return ("slow", "#F5A623") }
        return ("free_flow", "#01B56E")
    }

    func trafficMap() async throws -> [String: Any] {
        let speeds = snapshot.series(prefix: "traffic", metric: "speed")
        var lines: [MapLine] = []
        var points: [MapPoint] = []
        for s in speeds {
            let speed = s.value.map(Self.number) ?? "–"
            let title = "\(snapshot.names[s.source].map { $0 + " " } ?? "")\(s.source)\n\(speed) km/h\n\(s.time.map(display) ?? "")"
            let colour = Self.speedClass(s.value).color
            if let path = snapshot.links[s.source], path.count >= 2 {
                lines.append(MapLine(id: s.source, title: title, path: path, value: nil, stroke: colour))
            } else if let lon = s.longitude, let lat = s.latitude {
                points.append(MapPoint(id: s.source, title: title, location: GeoPoint(lon: lon, lat: lat), fill: colour))
            }
        }
        let svg = SVGMap(width: 800, height: 560, projection: .utmK, credit: t("credit")).render(
            areas: try await baseAreas(), points: points, lines: lines, style: MapStyle(legendTitle: t("traffic_map")))
        // The legend's chips take the classes' colours from board.css (`.chip.speed-<key>`), never from a style attribute.
        let legend = ["free_flow", "slow", "congested"].map { key -> [String: Any] in ["key": key, "name": t(key)] }
        let newest = speeds.compactMap(\.time).max()
        return [
            "svg": svg, "legend": legend, "has_links": !(lines.isEmpty && points.isEmpty), "data_time": newest.map(display) ?? "",
            "updated_time": newest.map { $0 + "+09:00" } ?? "",
        ]
    }

    func trafficSlow() -> [String: Any] {
        let speeds = snapshot.series(prefix: "traffic", metric: "speed").filter { $0.value != nil }.sorted { ($0.value ?? 0) < ($1.value ?? 0) }
        let rows = speeds.prefix(8).map { s -> [String: Any] in
            let road = snapshot.names[s.source] ?? ""
            let cls = Self.speedClass(s.value)
            return [
                "link": s.source, "road": road, "speed": s.value.map(Self.number) ?? "–", "class": cls.key, "class_name": t(cls.key),
                "time": s.time.map(display) ?? "",
            ]
        }
        return ["rows": rows, "empty": rows.isEmpty]
    }
}
