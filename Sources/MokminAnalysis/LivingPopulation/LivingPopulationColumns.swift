import Foundation

/// Where each field of the Seoul living-population layout (생활인구, 32 columns) sits in a row.
///
/// Found from a header row written with the Korean column names of the downloadable files (`기준일ID`, `시간대구분`,
/// `행정동코드`, `총생활인구수`, `남자0세부터9세생활인구수` … `여자70세이상생활인구수`) or with the Open API field names
/// (`STDR_DE_ID`, `TMZON_PD_SE`, `ADSTRD_CODE_SE`, `TOT_LVPOP_CO`, `MALE_F0T9_LVPOP_CO` … `FEMALE_F70T74_LVPOP_CO`);
/// the two may be mixed, other columns are ignored, and the order does not matter.
public struct LivingPopulationColumns: Sendable, Hashable {
    /// Index of the date (기준일ID, `STDR_DE_ID`).
    public var date: Int
    /// Index of the hour slot 0–23 (시간대구분, `TMZON_PD_SE`).
    public var hour: Int
    /// Index of the dong code (행정동코드, `ADSTRD_CODE_SE`).
    public var area: Int
    /// Index of the total population (총생활인구수, `TOT_LVPOP_CO`).
    public var total: Int
    /// Indices of the 14 male bands, in the order of ``LivingPopulationCube/bandLabels``.
    public var male: [Int]
    /// Indices of the 14 female bands, in the order of ``LivingPopulationCube/bandLabels``.
    public var female: [Int]

    public init(date: Int, hour: Int, area: Int, total: Int, male: [Int], female: [Int]) {
        self.date = date
        self.hour = hour
        self.area = area
        self.total = total
        self.male = male
        self.female = female
    }

    /// The columns of a header row.
    ///
    /// Names are matched after dropping a byte order mark (also when it was mis-decoded as `?` or `ï»¿`), quotes and
    /// white space; API names match in any letter case. When a name appears twice, the first wins. For the last band
    /// the API's `…_F70T74_…` and `…_F70OVER_…` are both accepted and read as "70 and over".
    ///
    /// - Throws: ``LivingPopulationError`` naming every missing column, e.g. `행정동코드(ADSTRD_CODE_SE) 열이 없습니다`.
    public static func locate(header: [String]) throws(LivingPopulationError) -> LivingPopulationColumns {
        var found = [Int?](repeating: nil, count: Field.all.count)
        for (position, name) in header.enumerated() {
            if let field = Field.byName[Field.normalize(name)], found[field] == nil {
                found[field] = position
            }
        }
        let missing = found.indices.filter { found[$0] == nil }.map { Field.all[$0] }
        guard missing.isEmpty else {
            let ko = missing.map { "\($0.korean)(\($0.api))" }.joined(separator: ", ")
            let en = missing.map { "\($0.korean) (\($0.api))" }.joined(separator: ", ")
            throw LivingPopulationError(
                ko: "\(ko) 열이 없습니다",
                en: missing.count == 1 ? "missing column \(en)" : "missing \(missing.count) columns: \(en)")
        }
        let at = found.map { $0! }
        return LivingPopulationColumns(
            date: at[0], hour: at[1], area: at[2], total: at[3], male: Array(at[4..<18]), female: Array(at[18..<32]))
    }
}

extension LivingPopulationColumns {
    /// One of the 32 fields: its Korean column name, its API field name and the names it may also go by.
    struct Field: Sendable {
        var korean: String
        var api: String
        var english: String
        var aliases: [String] = []

        static let koreanBands = [
            "0세부터9세", "10세부터14세", "15세부터19세", "20세부터24세", "25세부터29세", "30세부터34세", "35세부터39세",
            "40세부터44세", "45세부터49세", "50세부터54세", "55세부터59세", "60세부터64세", "65세부터69세", "70세이상",
        ]
        static let apiBands = [
            "F0T9", "F10T14", "F15T19", "F20T24", "F25T29", "F30T34", "F35T39",
            "F40T44", "F45T49", "F50T54", "F55T59", "F60T64", "F65T69", "F70T74",
        ]

        /// The fields in the order of `LivingPopulationColumns`: date, hour, area, total, 14 male, 14 female.
        static let all: [Field] = {
            var fields = [
                Field(korean: "기준일ID", api: "STDR_DE_ID", english: "date"),
                Field(korean: "시간대구분", api: "TMZON_PD_SE", english: "hour"),
                Field(korean: "행정동코드", api: "ADSTRD_CODE_SE", english: "dong code"),
                Field(korean: "총생활인구수", api: "TOT_LVPOP_CO", english: "total population"),
            ]
            for (sexKorean, sexAPI, sexEnglish) in [("남자", "MALE", "male"), ("여자", "FEMALE", "female")] {
                for band in 0..<14 {
                    let last = band == 13
                    fields.append(
                        Field(
                            korean: "\(sexKorean)\(koreanBands[band])생활인구수",
                            api: "\(sexAPI)_\(apiBands[band])_LVPOP_CO",
                            english: "\(sexEnglish) \(LivingPopulationCube.bandLabels[band])",
                            aliases: last ? ["\(sexAPI)_F70OVER_LVPOP_CO", "\(sexKorean)70세부터74세생활인구수"] : []))
                }
            }
            return fields
        }()

        /// Normalized name → index in `all`.
        static let byName: [String: Int] = {
            var names: [String: Int] = [:]
            for (index, field) in all.enumerated() {
                for name in [field.korean, field.api] + field.aliases { names[normalize(name)] = index }
            }
            return names
        }()

        /// `기준일ID(STDR_DE_ID)`, for messages.
        var label: String { "\(korean)(\(api))" }

        /// The name without byte order marks (or their mis-decoded forms), quotes or white space, in upper case.
        static func normalize(_ name: String) -> String {
            var text = Substring(name)
            while text.hasPrefix("ï»¿") { text = text.dropFirst(3) }
            let dropped: Set<Unicode.Scalar> = ["\u{FEFF}", "\u{FFFD}", "\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars where !dropped.contains(scalar) && !scalar.properties.isWhitespace {
                if scalar == "?" && scalars.isEmpty { continue }
                scalars.append(scalar)
            }
            return String(scalars).uppercased()
        }
    }
}
