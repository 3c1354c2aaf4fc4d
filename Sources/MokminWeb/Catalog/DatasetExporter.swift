import Foundation
import Hummingbird
import MokminBase
import MokminCore
import MokminGeo
import MokminIngest
import MokminServices

/// Streams a whole dataset version as CSV (UTF-8 with BOM, or CP949), JSON or GeoJSON, a chunk of rows at a time,
/// so memory stays flat whatever the size.
struct DatasetExporter: Sendable {
    enum Format: String, Sendable, CaseIterable {
        case csv, json, geojson
    }

    let catalog: CatalogService
    let version: DatasetVersion
    let format: Format
    let cp949: Bool
    static let chunk = 5_000

    var contentType: String {
        switch format {
        case .csv: cp949 ? "text/csv; charset=cp949" : "text/csv; charset=utf-8"
        case .json: "application/json; charset=utf-8"
        case .geojson: "application/geo+json; charset=utf-8"
        }
    }

    func body() -> ResponseBody {
        ResponseBody { writer in
            let encoder = try cp949 ? CP949Encoder() : nil
            func emit(_ text: String) async throws {
                if let encoder { try await writer.write(ByteBuffer(bytes: encoder.encode(text))) } else { try await writer.write(ByteBuffer(string: text)) }
            }
            let labels = version.columns.map(\.label)
            switch format {
            case .csv:
                try await emit((cp949 ? "" : "\u{FEFF}") + labels.map { Self.csvField(Self.inert($0)) }.joined(separator: ",") + "\r\n")
            case .json: try await emit("[")
            case .geojson: try await emit(#"{"type":"FeatureCollection","features":["#)
            }
            let lon = version.columns.firstIndex { $0.type == .longitude }
            let lat = version.columns.firstIndex { $0.type == .latitude }
            var after: Int64 = 0
            var first = true
            while true {
                let chunk = try await catalog.rowChunk(of: version, afterRow: after, limit: Self.chunk)
                guard let last = chunk.lastRow else { break }
                after = last
                var text = ""
                for (i, row) in chunk.rows.enumerated() {
                    switch format {
                    case .csv:
                        text += row.map { Self.csvField(Self.cell($0)) }.joined(separator: ",") + "\r\n"
                    case .json, .geojson:
                        var properties: [String: JSONValue] = [:]
                        for (label, value) in zip(labels, row) { properties[label] = value.jsonValue }
                        if let region = chunk.regions[i] { properties["_region"] = .string(region) }
                        let object: JSONValue
                        if format == .json {
                            object = .object(properties)
                        } else {
                            var geometry: JSONValue = .null
                            if let g = chunk.geometries[i], let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(g.utf8)) {
                                geometry = decoded
                            } else if let lon, let lat, case .decimal(let x) = row[lon], case .decimal(let y) = row[lat] {
                                geometry = .object(["type": .string("Point"), "coordinates": .array([.number(x), .number(y)])])
                            }
                            object = .object(["type": .string("Feature"), "properties": .object(properties), "geometry": geometry])
                        }
                        text += (first ? "" : ",") + String(decoding: try JSONEncoder().encode(object), as: UTF8.self)
                    }
                    first = false
                }
                try await emit(text)
            }
            switch format {
            case .csv: break
            case .json: try await emit("]")
            case .geojson: try await emit("]}")
            }
            try await writer.finish(nil)
        }
    }

    /// A value as a CSV cell. Text that a spreadsheet would run as a formula is made inert (see ``inert(_:)``);
    /// numbers, dates and booleans are written as they are (a negative number stays a number).
    static func cell(_ value: TypedValue) -> String {
        if case .text(let text) = value { return inert(text) }
        return value.plainText
    }

    /// Both CSV downloads are meant for Excel, which runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return as a formula (CSV injection): such a text gets a leading `'`, which Excel shows as text and
    /// hides. The JSON and GeoJSON downloads and the API keep every value unchanged.
    static func inert(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
