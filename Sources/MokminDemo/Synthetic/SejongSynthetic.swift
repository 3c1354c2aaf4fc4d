import Foundation
import MokminGeo

/// Synthetic Sejong data for the demo (합성 데이터 / synthetic: not real records), each in a published layout, each as CSV
/// text with a header.
///
/// **Nothing here is a record of the real city.** Populations, chargers, shelters and parking lots are made up so that a
/// demo can run the same import and analysis steps as real files would; names and addresses look real on purpose (so that
/// readers and type inference are exercised), and every free-text field says 합성 데이터. A screen showing these datasets
/// must show ``label``.
///
/// The city is the 20 읍면동 of the 2021-04 boundary file (`sejong_emd_202104.geojson`): the old town 조치원읍, nine rural
/// 면 and ten new-town 동 (행정중심복합도시). Resident counts are a plausible 2021 scale (about 370,000 in all), not the
/// census. Every point lies inside the 읍면동 its row names: points are drawn inside discs that were computed once from the
/// boundary file to lie wholly inside their 읍면동 (see `SejongSynthetic+Places.swift`).
///
/// Every output depends only on its arguments: the same seed gives the same text on every machine (``SimulationNoise``).
/// Static datasets are dated ``dataDate`` (2021-06-30), the vintage of the boundaries.
public enum SejongSynthetic {
    /// One 읍면동 of Sejong with the numbers the generators use.
    public struct Area: Sendable, Hashable {
        /// The 8-digit 행정동코드 as the living-population layout writes it: the first 8 digits of ``code10``.
        public var code8: String
        /// The 10-digit 행정기관코드 of 행정안전부 (the boundary file's `adm_cd2`).
        public var code10: String
        /// The 읍면동 name, for example `조치원읍` or `도담동`.
        public var name: String
        /// The area centroid of the 읍면동 polygon (inside it for all 20).
        public var centre: GeoPoint
        /// Synthetic registered residents (2021 scale).
        public var residents: Int
        /// Population present at 14:00 on a weekday divided by ``residents``: above 1 where people come to work (the
        /// government complex in 도담동, the city hall in 보람동), below 1 in the dormitory 동 that commuters leave.
        public var daytimeFactor: Double
        /// The kind of place: sets the age-sex structure and the share of residents who commute out on weekdays.
        var kind: Kind
        /// Population present at 15:00 on a weekend day divided by ``residents`` (parks, shopping streets draw people).
        var weekendFactor: Double
    }

    /// The three kinds of 읍면동 that the models tell apart.
    enum Kind: Sendable, Hashable {
        /// 행정중심복합도시 동: young families, a third of residents commute out on weekdays.
        case newTown
        /// 조치원읍: the old town with two university campuses; students and older residents.
        case oldTown
        /// 면: farming villages and small industrial estates; the oldest population.
        case rural

        /// Share of residents who leave the 읍면동 for work at the weekday peak.
        var commuteShare: Double {
            switch self {
            case .newTown: 0.34
            case .oldTown: 0.20
            case .rural: 0.16
            }
        }
    }

    /// The label every screen must show with these datasets.
    public static let label = "합성 데이터 · Synthetic data"

    /// The text written in free-text fields (비고, note, 특기사항).
    static let remark = "합성 데이터(synthetic) - 실제 자료 아님"

    /// The data date of the static datasets (데이터기준일자), as `YYYY-MM-DD`.
    static let dataDate = "2021-06-30"

    /// Every Sejong 읍면동 in the boundary file, in the file's order (읍, 면, then 동 by code).
    public static let areas: [Area] = [
        area("3611025000", "조치원읍", 127.28674, 36.60798, 45_000, 1.05, .oldTown, 1.10),
        area("3611031000", "연기면", 127.27721, 36.51922, 3_200, 1.60, .rural, 3.50),
        area("3611032000", "연동면", 127.32722, 36.54734, 3_500, 1.00, .rural, 0.95),
        area("3611033000", "부강면", 127.37856, 36.52394, 6_200, 1.15, .rural, 0.95),
        area("3611034000", "금남면", 127.29838, 36.45183, 9_800, 0.95, .rural, 1.05),
        area("3611035000", "장군면", 127.20766, 36.50298, 7_000, 0.95, .rural, 1.05),
        area("3611036000", "연서면", 127.24593, 36.58447, 8_500, 1.20, .rural, 0.95),
        area("3611037000", "전의면", 127.18822, 36.66129, 7_200, 1.20, .rural, 1.00),
        area("3611038000", "전동면", 127.25087, 36.65648, 4_700, 1.05, .rural, 0.95),
        area("3611039000", "소정면", 127.16913, 36.71430, 2_600, 1.15, .rural, 0.95),
        area("3611051000", "한솔동", 127.24957, 36.47338, 21_000, 0.85, .newTown, 1.05),
        area("3611051500", "새롬동", 127.25698, 36.48620, 30_000, 1.10, .newTown, 1.30),
        area("3611052000", "도담동", 127.26108, 36.51850, 34_000, 1.85, .newTown, 0.95),
        area("3611053000", "아름동", 127.24957, 36.51786, 28_000, 0.72, .newTown, 0.90),
        area("3611054000", "종촌동", 127.24769, 36.50352, 31_000, 0.72, .newTown, 0.90),
        area("3611055000", "고운동", 127.23554, 36.51870, 36_000, 0.70, .newTown, 0.88),
        area("3611055500", "소담동", 127.31992, 36.49500, 31_000, 0.90, .newTown, 0.95),
        area("3611056000", "보람동", 127.28990, 36.47777, 21_000, 1.30, .newTown, 1.00),
        area("3611057000", "대평동", 127.27419, 36.47043, 12_000, 0.85, .newTown, 1.10),
        area("3611058000", "다정동", 127.24479, 36.49486, 28_000, 0.70, .newTown, 0.90),
    ]

    private static func area(
        _ code10: String, _ name: String, _ lon: Double, _ lat: Double, _ residents: Int, _ daytime: Double, _ kind: Kind,
        _ weekend: Double
    ) -> Area {
        Area(
            code8: String(code10.prefix(8)), code10: code10, name: name, centre: GeoPoint(lon: lon, lat: lat), residents: residents,
            daytimeFactor: daytime, kind: kind, weekendFactor: weekend)
    }

    /// The area called `name`; the tables of this module only name areas that exist.
    static func area(named name: String) -> Area {
        guard let found = areas.first(where: { $0.name == name }) else { preconditionFailure("no Sejong area named \(name)") }
        return found
    }
}
