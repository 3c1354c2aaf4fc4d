import Foundation
import MokminAnalysis
import MokminBase
import MokminCore
import MokminGeo

/// Where people are, for the siting analyses: a living-population dataset (생활인구, the Seoul layout) averaged over
/// chosen hours, each 읍면동's people spread evenly over the grid cells (default 250 m) inside its boundary.
enum PopulationSource {
    /// Reads a living-population dataset into a cube; an unreadable row is an error naming its row and field.
    static func cube(_ table: AnalysisTable) throws -> LivingPopulationCube { LivingPopulationCube(try records(table)) }

    /// The dataset's rows as records; an unreadable row is an error naming its row and field.
    static func records(_ table: AnalysisTable) throws -> [LivingPopulationRecord] {
        let columns: LivingPopulationColumns
        do {
            columns = try LivingPopulationColumns.locate(header: table.labels)
        } catch {
            throw MokminError(.invalidInput, ko: "데이터셋 \(table.slug): \(error.message.ko)", en: "The dataset \(table.slug): \(error.message.en)")
        }
        var records: [LivingPopulationRecord] = []
        records.reserveCapacity(table.rows.count)
        for (index, row) in table.rows.enumerated() {
            let fields: [String?] = row.map { value in
                if case .null = value { return nil }
                return value.plainText
            }
            do {
                records.append(try LivingPopulationParser.record(fields, columns: columns))
            } catch {
                throw MokminError(
                    .invalidInput, ko: "데이터셋 \(table.slug)의 \(index + 1)번째 행: \(error.message.ko)", en: "Row \(index + 1) of the dataset \(table.slug): \(error.message.en)")
            }
        }
        guard !records.isEmpty else {
            throw MokminError(.invalidInput, ko: "생활인구 데이터셋 \(table.slug)에 행이 없습니다", en: "The living-population dataset \(table.slug) has no rows")
        }
        return records
    }

    /// The regions of the cube's dong codes; codes that match no region are returned apart. None matching is an error.
    static func regions(of cube: LivingPopulationCube, registry: RegionRegistry, slug: String) throws -> (matched: [String: Region], unmatched: [String]) {
        var matched: [String: Region] = [:]
        var unmatched: [String] = []
        for code in cube.areas {
            if case .region(let region)? = registry.lookup(code: code), region.level == .emd {
                matched[code] = region
            } else {
                unmatched.append(code)
            }
        }
        guard !matched.isEmpty else {
            let sample = unmatched.prefix(5).joined(separator: ", ")
            throw MokminError(
                .invalidInput,
                ko: "데이터셋 \(slug)의 행정동코드가 등록된 읍면동과 하나도 맞지 않습니다 (예: \(sample)). 행정구역 경계를 먼저 적재하세요 (mokmin regions load)",
                en: "None of the dong codes of the dataset \(slug) matches a registered 읍면동 (e.g. \(sample)). Load the boundaries first (mokmin regions load)")
        }
        return (matched, unmatched)
    }

    /// People per grid cell: each 읍면동's mean population over `hours` spread evenly over the cells inside it.
    static func places(
        cube: LivingPopulationCube, regions: [String: Region], hours: ClosedRange<Int>, dayType: LivingPopulationCube.DayType, cellMetres: Double
    ) -> [WeightedPlace] {
        let grid = Grid(cellSizeMetres: cellMetres)
        var means: [String: Double] = [:]
        for hour in hours {
            for (code, value) in cube.choropleth(hour: hour, dayType: dayType) { means[code, default: 0] += value / Double(hours.count) }
        }
        var places: [WeightedPlace] = []
        for code in regions.keys.sorted() {
            guard let region = regions[code], let people = means[code], people > 0 else { continue }
            let cells = grid.cells(inside: region.boundary)
            if cells.isEmpty {
                places.append(WeightedPlace(id: region.code, location: region.centroid, weight: people, area: region.name))
                continue
            }
            let share = people / Double(cells.count)
            for cell in cells { places.append(WeightedPlace(id: cell.id, location: cell.center, weight: share, area: region.name)) }
        }
        return places
    }
}
