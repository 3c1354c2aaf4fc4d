import Foundation
import MokminBase
import MokminCore

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
