import Foundation
import MokminAnalysis
import MokminBase
import MokminCore
import MokminGeo
import MokminStore

/// A data-hub dataset read whole for an analysis: its latest version's column labels and rows.
struct AnalysisTable: Sendable {
    let slug: String
    let version: Int
    let labels: [String]
    let rows: [[TypedValue]]
    let geometries: [String?]

    /// Reads the latest version of `slug`; `purpose` names the input in errors (e.g. "충전소 / chargers").
    static func load(_ slug: String, purpose: (ko: String, en: String), datasets: any DatasetRepository) async throws -> AnalysisTable {
        let trimmed = slug.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw MokminError(.invalidInput, ko: "\(purpose.ko) 데이터셋을 고르세요", en: "Choose the \(purpose.en) dataset")
        }
        guard let record = try await datasets.dataset(slug: trimmed), let version = record.latest else {
            throw MokminError(
                .notFound, ko: "\(purpose.ko) 데이터셋이 없습니다: \(trimmed)", en: "The \(purpose.en) dataset does not exist: \(trimmed)")
        }
        var rows: [[TypedValue]] = []
        var geometries: [String?] = []
        var after: Int64 = 0
        while true {
            let chunk = try await datasets.rowChunk(of: version, afterRow: after, limit: 5000)
            rows += chunk.rows
            geometries += chunk.geometries
            guard let last = chunk.lastRow, chunk.rows.count == 5000 else { break }
            after = last
        }
        return AnalysisTable(slug: trimmed, version: version.number, labels: version.columns.map(\.label), rows: rows, geometries: geometries)
    }

    /// The index of the first column whose label is one of `names` (ignoring case and spaces), or nil.
    func column(_ names: [String]) -> Int? {
        let wanted = Set(names.map(Self.normalized))
        return labels.firstIndex { wanted.contains(Self.normalized($0)) }
    }

    /// Like ``column(_:)``, but a missing column is an error naming the dataset, what was looked for and what is there.
    func require(_ names: [String], purpose: (ko: String, en: String)) throws -> Int {
        if let index = column(names) { return index }
        let wanted = names.joined(separator: ", ")
        let known = labels.joined(separator: ", ")
        throw MokminError(
            .invalidInput, ko: "데이터셋 \(slug)에 \(purpose.ko) 열(\(wanted))이 없습니다. 있는 열: \(known)",
            en: "The dataset \(slug) has no \(purpose.en) column (\(wanted)). Its columns: \(known)")
    }

    static func normalized(_ name: String) -> String { name.lowercased().filter { !$0.isWhitespace && $0 != "_" } }

    func number(_ row: [TypedValue], _ column: Int) -> Double? {
        switch row[column] {
        case .integer(let v): Double(v)
        case .decimal(let v): v
        default: Double(row[column].plainText.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ""))
        }
    }

    func text(_ row: [TypedValue], _ column: Int) -> String { row[column].plainText }

    static let latitudeNames = ["위도", "lat", "latitude", "LA", "y좌표(위도)"]
    static let longitudeNames = ["경도", "lng", "lon", "longitude", "LO", "x좌표(경도)"]

    /// Facilities from the rows: id and name columns (first found of the candidates), WGS84 latitude/longitude columns,
    /// and optionally a capacity. Rows that share an id are one facility (a charging station with several chargers).
    /// A row without a usable position is an error naming its row number.
    func facilities(
        id idNames: [String], name nameNames: [String], capacity: ((Int, [TypedValue]) -> Double?)? = nil, purpose: (ko: String, en: String)
    ) throws -> [Facility] {
        let lat = try require(Self.latitudeNames, purpose: (purpose.ko + " 위도", purpose.en + " latitude"))
        let lon = try require(Self.longitudeNames, purpose: (purpose.ko + " 경도", purpose.en + " longitude"))
        let idColumn = column(idNames)
        let nameColumn = column(nameNames)
        var seen = Set<String>()
        var result: [Facility] = []
        for (index, row) in rows.enumerated() {
            let id = idColumn.map { text(row, $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "\(slug)-\(index + 1)"
            guard seen.insert(id).inserted else { continue }
            guard let y = number(row, lat), let x = number(row, lon), GeoPoint(lon: x, lat: y).isValid else {
                throw MokminError(
                    .invalidInput, ko: "데이터셋 \(slug)의 \(index + 1)번째 행에 올바른 위도·경도가 없습니다",
                    en: "Row \(index + 1) of the dataset \(slug) has no valid latitude and longitude")
            }
            let name = nameColumn.map { text(row, $0) } ?? id
            result.append(Facility(id: id, name: name.isEmpty ? id : name, location: GeoPoint(lon: x, lat: y), capacity: capacity?(index, row)))
        }
        guard !result.isEmpty else {
            throw MokminError(.invalidInput, ko: "\(purpose.ko) 데이터셋 \(slug)에 행이 없습니다", en: "The \(purpose.en) dataset \(slug) has no rows")
        }
        return result
    }
}
