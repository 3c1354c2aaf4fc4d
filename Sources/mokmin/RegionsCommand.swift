import ArgumentParser
import Foundation
import MokminBase
import MokminCore
import MokminServices

struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions", abstract: "The region registry / 행정구역 등록부.",
        subcommands: [Load.self, Codes.self, Lookup.self, City.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load boundaries from a GeoJSON file / 경계 파일을 적재합니다.",
            discussion: """
                The file is a GeoJSON FeatureCollection of Polygon or MultiPolygon features in WGS84 longitude/latitude, \
                with a MOIS code and a name in the properties (adm_cd2/adm_nm for 읍면동, sgg_cd/sgg_nm for 시군구, \
                sido_cd/sido_nm for 시도, or code/name). Regions with the same code are replaced. Loading 시군구 also draws \
                each 시도 as the union of its 시군구. A bad file is refused with the feature and field named, and nothing changes.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The GeoJSON file.") var file: String
        @Option(help: "sido, sgg or emd.") var level: String

        func validate() throws {
            guard RegionLevel(rawValue: level) != nil else { throw ValidationError("--level must be sido, sgg or emd") }
        }

        func run() async throws {
            try await reportingErrors {
                let data = try readFile(file)
                let services = try await database.open()
                let report = try await services.regions.loadBoundaries(
                    data, file: (file as NSString).lastPathComponent, level: RegionLevel(rawValue: level)!, actor: nil)
                print(report)
            }
        }
    }

    struct Codes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load the administrative-dong code crosswalk (TSV) / 행정동 코드 대응표를 적재합니다.",
            discussion:
                "A tab-separated UTF-8 file with the columns adm_nm, adm_cd, adm_cd2, sgg, sido, sidonm, adm_cd8, sggnm (vuski/admdongkor's propertiesTable)."
        )
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The TSV file.") var file: String

        func run() async throws {
            try await reportingErrors {
                let data = try readFile(file)
                let services = try await database.open()
                print(try await services.regions.loadCrosswalk(data, file: (file as NSString).lastPathComponent, actor: nil))
            }
        }
    }

    struct Lookup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the region of a code or of a point / 코드나 좌표로 행정구역을 찾습니다.",
            discussion: "Give either --code (MOIS 10, 8, 5 or 2 digits; KOSTAT with --kostat) or --lon and --lat (WGS84).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "An administrative code.") var code: String?
        @Flag(help: "Read --code as a KOSTAT census code.") var kostat = false
        @Option(help: "Longitude (WGS84).") var lon: Double?
        @Option(help: "Latitude (WGS84).") var lat: Double?

        func validate() throws {
            if code == nil && (lon == nil || lat == nil) { throw ValidationError("give --code, or both --lon and --lat") }
        }

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                try await services.regions.reload()
                let registry = services.regions.registry
                if let code {
                    guard let match = registry.lookup(code: code, system: kostat ? .kostat : .mois) else {
                        throw MokminError(.notFound, ko: "코드 \(code)에 해당하는 행정구역이 없습니다", en: "No region has the code \(code)")
                    }
                    print("\(match.code)\t\(match.name)")
                } else if let lon, let lat {
                    guard let region = registry.region(at: .init(lon: lon, lat: lat)) else {
                        throw MokminError(.notFound, ko: "이 좌표를 포함하는 행정구역이 없습니다", en: "No loaded region holds this point")
                    }
                    print("\(region.code)\t\(region.fullName)\t\(region.level.rawValue)")
                }
            }
        }
    }

    struct City: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or set the cities this server serves / 서비스 도시를 보거나 바꿉니다.",
            discussion: """
                A city is a 시군구 of the registry, given by its 5- or 10-digit MOIS code (Sejong: 36110). A county serves one; \
                a province gives several (1–60), the first being the default, and puts each official in one with \
                `mokmin user city`. Each city's 읍면동 are loaded from the bundled boundaries on first use.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The new cities' codes; omit to show the current ones.") var codes: [String] = []

        func validate() throws {
            if codes.count > RegionService.maxServedCities {
                throw ValidationError("at most \(RegionService.maxServedCities) cities / 시군구는 \(RegionService.maxServedCities)개까지")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let services = try await database.open()
                try await services.regions.reload()
                let cities =
                    codes.isEmpty
                    ? try await services.regions.servedCities()
                    : try await services.regions.setCities(codes.joined(separator: " "), actor: nil)
                if cities.isEmpty { print("no city: load boundaries first / 경계를 먼저 적재하세요") }
                for city in cities {
                    print("\(city.code)\t\(city.fullName)")
                    if let notice = try await services.regions.loadBundledEMD(for: city, actor: nil).notice { print(notice) }
                }
            }
        }
    }
}

/// The bytes of a file the user named, or a clear error.
func readFile(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw MokminError(.invalidInput, ko: "파일을 읽을 수 없습니다: \(path)", en: "Cannot read the file: \(path)")
    }
    return data
}
