import Foundation
import MokminGeo

@testable import MokminDemo
@testable import MokminIngest

/// The real Sejong boundaries and a small CSV reader, for checking the synthetic datasets.
enum SejongFixture {
    /// The 20 읍면동 polygons of `sejong_emd_202104.geojson` by 10-digit code, read once from the source tree.
    static let polygons: [String: (name: String, area: MultiPolygon)] = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let relative = "Sources/MokminServices/Resources/korea/sejong_emd_202104.geojson"
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        let data = (try? Data(contentsOf: folder.appendingPathComponent(relative))) ?? Data()
        let features = (try? GeoJSON.decodeFeatureCollection(data)) ?? []
        return Dictionary(
            uniqueKeysWithValues: features.map { feature in
                let name = String(feature.string("adm_nm")?.split(separator: " ").last ?? "")
                return (feature.string("adm_cd2") ?? "", (name, feature.geometry?.multiPolygon ?? MultiPolygon(polygons: [])))
            })
    }()

    /// The polygon of the 읍면동 called `name`.
    static func polygon(named name: String) -> MultiPolygon? {
        polygons.values.first { $0.name == name }?.area
    }

    /// The 읍면동 whose polygon holds `point`, if any.
    static func areaName(at point: GeoPoint) -> String? {
        polygons.values.first { $0.area.contains(point) }?.name
    }

    /// The 행정동 (읍면동) that an address names: the 읍면 written after the city, else the 법정동 in brackets or after the
    /// city, mapped to its 행정동 through the place table.
    static func areaName(address: String) -> String? {
        let words = address.split(separator: " ").map(String.init)
        guard words.count > 1 else { return nil }
        if words[1].hasSuffix("읍") || words[1].hasSuffix("면") { return words[1] }
        var legal = words[1]
        if let open = address.lastIndex(of: "("), let close = address.lastIndex(of: ")") {
            legal = String(address[address.index(after: open)..<close])
        }
        return SejongSynthetic.places.first { $0.value.legal.contains { $0.name == legal } }?.key
    }

    /// A parsed CSV: the header and the rows as dictionaries; fields may be quoted (RFC 4180), lines end in CRLF.
    struct Table {
        var header: [String]
        var rows: [[String: String]]

        init(_ text: String) {
            var records: [[String]] = [], record: [String] = [], field = "", quoted = false
            var characters = Array(text).makeIterator()
            var pending: Character? = nil
            while let c = pending ?? characters.next() {
                pending = nil
                if quoted {
                    if c == "\"" {
                        let next = characters.next()
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        field.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    record.append(field)
                    field = ""
                } else if c == "\r\n" || c == "\n" {
                    record.append(field)
                    records.append(record)
                    record = []
                    field = ""
                } else {
                    field.append(c)
                }
            }
            header = records.first ?? []
            let names = header
            rows = records.dropFirst().map {
                Dictionary(uniqueKeysWithValues: zip(names, $0 + Array(repeating: "", count: max(0, names.count - $0.count))))
            }
            widths = records.dropFirst().map(\.count)
        }

        /// The number of fields of each data row.
        var widths: [Int]

        /// The point of a row from its latitude and longitude columns.
        func point(_ row: [String: String], lat: String, lon: String) -> GeoPoint? {
            guard let la = row[lat].flatMap(Double.init), let lo = row[lon].flatMap(Double.init) else { return nil }
            return GeoPoint(lon: lo, lat: la)
        }
    }
}
