import Foundation
import MokminBase
import MokminCore
import MokminGeo
import MokminStore

/// Where a feed's stations or links are, read from the data-hub dataset its settings name.
public struct SourceLocations: Sendable, Hashable {
    /// A point per key (a station, or a link's middle vertex).
    public var points: [String: GeoPoint] = [:]
    /// The line of each link whose row has a line geometry.
    public var lines: [String: [GeoPoint]] = [:]
    /// A name for people per key (from the settings' label column).
    public var names: [String: String] = [:]

    public init(points: [String: GeoPoint] = [:], lines: [String: [GeoPoint]] = [:], names: [String: String] = [:]) {
        self.points = points
        self.lines = lines
        self.names = names
    }

    /// Reads the latest version of the dataset `settings.locationDataset`; empty when the settings name none.
    static func load(_ settings: FeedSettings, datasets: any DatasetRepository) async throws -> SourceLocations {
        guard let slug = settings.locationDataset, let keyColumn = settings.keyColumn else { return SourceLocations() }
        guard let record = try await datasets.dataset(slug: slug), let version = record.latest else {
            throw MokminError(.notFound, ko: "위치 데이터셋이 없습니다: \(slug)", en: "The location dataset does not exist: \(slug)")
        }
        func column(_ name: String) throws -> Int {
            guard let index = version.columns.firstIndex(where: { $0.label == name || $0.sqlName == name }) else {
                let known = version.columns.map(\.label).joined(separator: ", ")
                throw MokminError(
                    .invalidInput, ko: "데이터셋 \(slug)에 '\(name)' 열이 없습니다 (있는 열: \(known))",
                    en: "The dataset \(slug) has no column '\(name)' (columns: \(known))")
            }
            return index
        }
        let key = try column(keyColumn)
        let coordinates = try settings.longitudeColumn.map { (try column($0), try column(settings.latitudeColumn ?? "")) }
        let label = try settings.labelColumn.map(column)
        var result = SourceLocations()
        var after: Int64 = 0
        while true {
            let chunk = try await datasets.rowChunk(of: version, afterRow: after, limit: 2000)
            for (index, row) in chunk.rows.enumerated() {
                let name = row[key].plainText
                guard !name.isEmpty else { continue }
                if let label, !row[label].plainText.isEmpty { result.names[name] = row[label].plainText }
                if let (lon, lat) = coordinates {
                    if let x = Double(row[lon].plainText), let y = Double(row[lat].plainText), GeoPoint(lon: x, lat: y).isValid {
                        result.points[name] = GeoPoint(lon: x, lat: y)
                    }
                } else if let text = chunk.geometries[index], let geometry = GeoJSON.geometry(fromText: text) {
                    result.add(name, geometry)
                }
            }
            guard let last = chunk.lastRow, chunk.rows.count == 2000 else { break }
            after = last
        }
        return result
    }

    private mutating func add(_ name: String, _ geometry: Geometry) {
        switch geometry {
        case .point(let p): points[name] = p
        case .lineString(let line):
            lines[name] = line
            points[name] = line[line.count / 2]
        case .multiLineString(let parts):
            let line = parts.flatMap { $0 }
            guard !line.isEmpty else { return }
            lines[name] = line
            points[name] = line[line.count / 2]
        default:
            let box = geometry.boundingBox
            points[name] = GeoPoint(lon: (box.minLon + box.maxLon) / 2, lat: (box.minLat + box.maxLat) / 2)
        }
    }
}
