import Foundation
import MokminBase
import MokminCore
import ZIPFoundation

/// The boundary files shipped inside Mokmin (see `Resources/korea/README.md` for their sources and licences).
public enum BundledData: String, Sendable, CaseIterable {
    case sgg = "korea_sgg_20220309.geojson"
    case sejongEMD = "sejong_emd_202104.geojson"
    case hongcheonEMD = "hongcheon_emd_202104.geojson"
    case crosswalk = "admdong_code_crosswalk_20220309.tsv"

    public var fileName: String { rawValue }

    /// The credit every map shows.
    public static let credit = "행정구역 경계: 통계청 SGIS; vuski/admdongkor; southkorea/southkorea-maps (KOGL Type 1)"

    public var url: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("korea").appendingPathComponent(rawValue)
    }

    public static func read(_ file: BundledData) throws -> Data {
        guard let url = file.url, let data = FileManager.default.contents(atPath: url.path) else {
            throw MokminError(
                .notFound, ko: "내장 데이터 파일을 찾을 수 없습니다: \(file.rawValue)", en: "The bundled data file is missing: \(file.rawValue)")
        }
        return data
    }
}

/// The 읍면동 of 15 시도 (2021-04), simplified and deflated into `Resources/korea/emd_2021.zip` by
/// `Scripts/bundle_emd.py`, loaded when a city of that 시도 is first served. Sejong's are bundled apart
/// (`BundledData.sejongEMD`); the source data has none for 전라남도 (46) and 경상북도 (47).
public enum BundledProvinceEMD {
    static let archive = "emd_2021.zip"
    /// The 시도 codes (2021 MOIS, as the 시군구 of the registry) whose 읍면동 the archive holds.
    public static let provinces: Set<String> = ["11", "26", "27", "28", "29", "30", "31", "41", "42", "43", "44", "45", "48", "50"]
    /// The 시도 whose 읍면동 are not bundled, with their names.
    public static let missing: [String: String] = ["46": "전라남도", "47": "경상북도"]

    /// The GeoJSON of the 읍면동 of `sido`, or nil when the archive has none for it.
    public static func read(sido: String) throws -> (data: Data, file: String)? {
        guard provinces.contains(sido) else { return nil }
        let file = "emd_\(sido)_202104.geojson"
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("korea").appendingPathComponent(archive),
            let zip = try? Archive(url: url, accessMode: .read), let entry = zip[file]
        else {
            throw MokminError(
                .notFound, ko: "내장 읍면동 경계를 찾을 수 없습니다: \(archive)/\(file)", en: "The bundled 읍면동 boundaries are missing: \(archive)/\(file)")
        }
        var data = Data()
        _ = try zip.extract(entry) { data.append($0) }
        return (data, "\(archive)/\(file)")
    }
}
