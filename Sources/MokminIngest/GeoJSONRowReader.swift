import Foundation
import MokminGeo

/// Reads a GeoJSON FeatureCollection: each feature's properties are a row (columns in first-seen order, as for
/// JSON, with the same bounds), and its geometry is kept in ``RawRow/geometry``. The whole file is read at once, once,
/// so it must be within ``ReaderLimits/maxJSONBytes``.
///
/// Geometries are decoded and checked by ``GeoJSON/decodeFeatureCollection(_:)``; a bad feature stops the reading
/// with a ``ReadError`` at its position (feature index + 1), since a FeatureCollection is one document.
final class GeoJSONRowReader: RowReader, @unchecked Sendable {
    let header: [String]
    let encoding = TextEncoding.utf8
    private(set) var issues: [RowIssue] = []
    private let table: KeyedRecords
    private let geometries: [Geometry?]
    private var index = 0

    init(url: URL, limits: ReaderLimits) throws {
        let file = url.lastPathComponent
        let data = try JSONRowReader.read(url, limits: limits)
        let root = try JSONRowReader.parse(data, file: file)
        do {
            geometries = try GeoJSON.decodeFeatureCollection(data).map(\.geometry)
        } catch let error as GeoJSONError {
            throw ReadError(
                .malformed, file: file, line: error.featureIndex.map { $0 + 1 }, ko: "GeoJSON을 읽을 수 없습니다: \(error.message.ko)",
                en: "not a readable GeoJSON FeatureCollection: \(error.message.en)")
        }
        guard case .array(let features)? = root["features"] else {
            throw ReadError(.malformed, file: file, ko: "features 배열이 없습니다", en: "there is no \"features\" array")
        }
        table = try KeyedRecords(
            features.map { feature in
                if case .object? = feature["properties"] { return feature["properties"]! }
                return .object([])
            }, file: file, limits: limits)
        header = table.header
    }

    func next() throws -> RawRow? {
        while index < table.records.count {
            defer { index += 1 }
            switch table.row(at: index) {
            case .success(let fields): return RawRow(line: index + 1, fields: fields, geometry: geometries[index])
            case .failure(let reason): issues.append(RowIssue(line: index + 1, reason: reason))
            }
        }
        return nil
    }
}
