import MokminGeo

/// The simulated road links of Sejong's new town (행정중심복합도시) and the road north to 조치원 that
/// ``CitySimulator`` reports.
///
/// Road names are Sejong's (한누리대로 is the BRT ring); ids are made up in the 10-digit form of the national
/// standard node-link; the polylines follow the roads roughly (WGS84, approximate). For real data, link geometry
/// comes from the link dataset of the data hub.
public enum SejongLinks: Sendable {
    /// A link: id, road name, geometry (2–4 points, in the direction of travel) and free-flow speed.
    public struct Link: Sendable, Hashable, Codable {
        public var id: String
        public var roadName: String
        public var polyline: [GeoPoint]
        /// The speed on an empty road, km/h.
        public var freeFlowSpeed: Double
        /// How much the link slows down in congestion, 0…1.
        var sensitivity: Double

        /// The length along the polyline, metres.
        public var lengthMetres: Double {
            zip(polyline, polyline.dropFirst()).reduce(0) { $0 + Geodesic.distanceMetres($1.0, $1.1) }
        }

        /// The middle point of the polyline (the vertex nearest the middle), for a marker or a reading's location.
        public var midpoint: GeoPoint { polyline[polyline.count / 2] }
    }

    private static func link(_ id: String, _ road: String, _ speed: Double, _ sensitivity: Double, _ points: [(Double, Double)]) -> Link {
        Link(id: id, roadName: road, polyline: points.map { GeoPoint(lon: $0.0, lat: $0.1) }, freeFlowSpeed: speed, sensitivity: sensitivity)
    }

    public static let all: [Link] = [
        link("2990010100", "한누리대로", 60, 0.62, [(127.2680, 36.4870), (127.2780, 36.4815), (127.2890, 36.4790)]),
        link("2990010200", "한누리대로", 60, 0.6, [(127.2890, 36.4790), (127.2980, 36.4800), (127.3050, 36.4830)]),
        link("2990010300", "한누리대로", 60, 0.55, [(127.3050, 36.4830), (127.3110, 36.4930), (127.3120, 36.5030)]),
        link("2990010400", "한누리대로", 60, 0.5, [(127.3120, 36.5030), (127.3050, 36.5110), (127.2950, 36.5160)]),
        link("2990010500", "한누리대로", 60, 0.6, [(127.2540, 36.4960), (127.2600, 36.4910), (127.2680, 36.4870)]),
        link("2990020100", "절재로", 60, 0.5, [(127.2470, 36.4950), (127.2450, 36.5050), (127.2470, 36.5140)]),
        link("2990020200", "절재로", 60, 0.55, [(127.2470, 36.5140), (127.2550, 36.5150), (127.2620, 36.5120)]),
        link("2990030100", "다솜로", 50, 0.65, [(127.2560, 36.5060), (127.2620, 36.5040), (127.2690, 36.5020)]),
        link("2990030200", "다솜로", 50, 0.6, [(127.2690, 36.5020), (127.2720, 36.4980), (127.2700, 36.4930)]),
        link("2990040100", "갈매로", 50, 0.55, [(127.2620, 36.5120), (127.2640, 36.5070), (127.2660, 36.5010)]),
        link("2990050100", "세종로", 80, 0.45, [(127.2750, 36.5200), (127.2820, 36.5450), (127.2900, 36.5700), (127.2950, 36.5950)]),
        link("2990060100", "남세종로", 70, 0.5, [(127.2780, 36.4770), (127.2800, 36.4650), (127.2830, 36.4500)]),
    ]

    /// Link id → midpoint, as ``TrafficSpeedFeed/parse(_:linkLocations:)`` takes it.
    public static var midpoints: [String: GeoPoint] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.midpoint) })
    }
}
