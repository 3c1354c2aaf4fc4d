import MokminGeo

/// The simulated air-quality stations of Sejong (세종특별자치시) that ``CitySimulator`` reports.
///
/// The names are Sejong neighbourhoods (동·읍·면) and the positions are near their centres (WGS84, approximate); they
/// are a plausible network for the demo, not AirKorea's station register. For real data, station positions come
/// from the station list dataset of the data hub.
public enum SejongStations: Sendable {
    /// A station: its name as the feed writes it, its network (`mangName`) and its position.
    public struct Station: Sendable, Hashable, Codable {
        public var name: String
        public var network: String
        public var location: GeoPoint
        /// How much more (or less) this station's particulate levels run than the city's, 1 being average.
        var pollutionFactor: Double
        /// How strongly the afternoon pollution episode reaches this station.
        var episodeFactor: Double
    }

    public static let all: [Station] = [
        Station(name: "아름동", network: "도시대기", location: GeoPoint(lon: 127.2470, lat: 36.5140), pollutionFactor: 0.92, episodeFactor: 1.0),
        Station(name: "도담동", network: "도시대기", location: GeoPoint(lon: 127.2620, lat: 36.5110), pollutionFactor: 0.97, episodeFactor: 1.05),
        Station(name: "한솔동", network: "도시대기", location: GeoPoint(lon: 127.2580, lat: 36.4830), pollutionFactor: 0.95, episodeFactor: 0.9),
        Station(name: "보람동", network: "도시대기", location: GeoPoint(lon: 127.2890, lat: 36.4800), pollutionFactor: 1.0, episodeFactor: 1.1),
        Station(name: "소담동", network: "도로변대기", location: GeoPoint(lon: 127.3050, lat: 36.4830), pollutionFactor: 1.08, episodeFactor: 1.15),
        Station(name: "조치원읍", network: "도시대기", location: GeoPoint(lon: 127.2960, lat: 36.6010), pollutionFactor: 1.12, episodeFactor: 1.25),
        Station(name: "부강면", network: "도시대기", location: GeoPoint(lon: 127.3720, lat: 36.5270), pollutionFactor: 1.1, episodeFactor: 0.85),
    ]

    /// Station name → position, as ``AirKoreaRealtimeFeed/parse(_:stationLocations:)`` takes it.
    public static var locations: [String: GeoPoint] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.location) })
    }
}
