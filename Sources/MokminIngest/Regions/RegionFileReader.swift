import Foundation
import MokminBase
import MokminCore
import MokminGeo

/// Reads boundary files (GeoJSON) and the code crosswalk (TSV) into registry rows, refusing bad input with the
/// file, the feature or line, and the field.
public enum RegionFileReader {
    /// Property names that hold a MOIS code, in the order they are tried; the first present wins.
    static let codeFields: [RegionLevel: [String]] = [
        .emd: ["adm_cd2", "ADM_CD2", "emd_cd", "EMD_CD", "adm_dr_cd", "ADM_DR_CD", "code"],
        .sgg: ["sgg_cd", "SGG_CD", "SIG_CD", "sig_cd", "sgg", "code"],
        .sido: ["sido_cd", "SIDO_CD", "CTPRVN_CD", "ctprvn_cd", "sido", "code"],
    ]
    static let nameFields: [RegionLevel: [String]] = [
        .emd: ["adm_nm", "ADM_NM", "emd_nm", "EMD_KOR_NM", "adm_dr_nm", "ADM_DR_NM", "name"],
        .sgg: ["sgg_nm", "SGG_NM", "SIG_KOR_NM", "sig_kor_nm", "sggnm", "name"],
        .sido: ["sido_nm", "SIDO_NM", "CTP_KOR_NM", "ctp_kor_nm", "sidonm", "name"],
    ]

    /// The regions a boundary file describes at `level`.
    ///
    /// Refused: a file that is not a GeoJSON FeatureCollection; a feature without a code or name property, with a
    /// code that is not of `level` (a 시군구 code in a 읍면동 file), or without a (Multi)Polygon geometry; and two
    /// features with the same code (the codes clash).
    public static func readBoundaries(_ data: Data, file: String, level: RegionLevel, crosswalk: [String: RegionCodeEntry])
        throws -> [Region]
    {
        let features: [GeoJSONFeature]
        do {
            features = try GeoJSON.decodeFeatureCollection(data)
        } catch let error as GeoJSONError {
            throw MokminError(.invalidInput, ko: "\(file): \(error.message.ko)", en: "\(file): \(error.message.en)")
        }
        if features.isEmpty {
            throw MokminError(.invalidInput, ko: "\(file): 피처가 하나도 없습니다", en: "\(file): the file has no features")
        }
        var seen: [String: Int] = [:]
        var regions: [Region] = []
        for (index, feature) in features.enumerated() {
            let at = "\(file), \(index + 1)번째 피처"
            let atEN = "\(file), feature \(index + 1)"
            guard let (field, rawCode) = firstValue(feature, codeFields[level]!) else {
                throw MokminError(
                    .invalidInput, ko: "\(at): 코드 속성(\(codeFields[level]!.joined(separator: ", ")))이 없습니다",
                    en: "\(atEN): no code property (\(codeFields[level]!.joined(separator: ", ")))")
            }
            guard let digits = RegionCode.digits(rawCode), let code = RegionCode.expandMOIS(digits), RegionLevel.of(code: code) == level
            else {
                throw MokminError(
                    .invalidInput, ko: "\(at), \(field): '\(rawCode)'은(는) \(level.koreanName) 행정코드가 아닙니다",
                    en: "\(atEN), \(field): '\(rawCode)' is not a \(level.rawValue) administrative code")
            }
            if let first = seen[code] {
                throw MokminError(
                    .invalidInput, ko: "\(at): 코드 \(code)가 \(first)번째 피처와 겹칩니다",
                    en: "\(atEN): code \(code) clashes with feature \(first)")
            }
            seen[code] = index + 1
            guard let (_, rawName) = firstValue(feature, nameFields[level]!), !rawName.isEmpty else {
                throw MokminError(
                    .invalidInput, ko: "\(at): 이름 속성(\(nameFields[level]!.joined(separator: ", ")))이 없습니다",
                    en: "\(atEN): no name property (\(nameFields[level]!.joined(separator: ", ")))")
            }
            let boundary: MultiPolygon
            switch feature.geometry {
            case .polygon(let p): boundary = MultiPolygon(polygons: [p])
            case .multiPolygon(let m): boundary = m
            default:
                throw MokminError(
                    .invalidInput, ko: "\(at): 도형이 Polygon이나 MultiPolygon이 아닙니다",
                    en: "\(atEN): the geometry is not a Polygon or MultiPolygon")
            }
            let shortName = rawName.split(separator: " ").last.map(String.init) ?? rawName
            let fullName = fullName(level: level, code: code, rawName: rawName, feature: feature, crosswalk: crosswalk)
            let entry = RegionCode.equivalents(of: code).lazy.compactMap { crosswalk[$0] }.first
            var kostat: String? = nil
            if level == .emd {
                kostat = entry?.kostatCode ?? feature.properties["adm_cd"]?.stringValue
            } else {
                let prefix = String(code.prefix(level == .sgg ? 5 : 2))
                kostat = crosswalk.values.first { $0.code.hasPrefix(prefix) && $0.kostatCode != nil }
                    .map { String($0.kostatCode!.prefix(level == .sgg ? 5 : 2)) }
            }
            regions.append(
                Region(
                    code: code, level: level, name: shortName, fullName: fullName, parentCode: RegionCode.parent(of: code),
                    kostatCode: kostat, kostatCode8: level == .emd ? entry?.kostatCode8 : nil, boundary: boundary))
        }
        return regions
    }

    private static func fullName(
        level: RegionLevel, code: String, rawName: String, feature: GeoJSONFeature, crosswalk: [String: RegionCodeEntry]
    ) -> String {
        if rawName.contains(" ") { return rawName }
        switch level {
        case .sgg:
            let sido = feature.properties["sido_nm"]?.stringValue ?? feature.properties["sidonm"]?.stringValue
            if let sido, sido != rawName { return "\(sido) \(rawName)" }
            return rawName
        case .sido, .emd:
            return rawName
        }
    }

    private static func firstValue(_ feature: GeoJSONFeature, _ fields: [String]) -> (String, String)? {
        for field in fields {
            if let value = feature.properties[field]?.stringValue, !value.isEmpty { return (field, value) }
        }
        return nil
    }

    /// The 시도 a set of 시군구 make up: each 시도 drawn as the union of its 시군구, named from the file's `sido_nm`.
    public static func deriveProvinces(from sgg: [Region], names: [String: String]) -> [Region] {
        Dictionary(grouping: sgg, by: { String($0.code.prefix(2)) }).map { prefix, parts in
            let code = prefix + "00000000"
            let name = names[prefix] ?? prefix
            return Region(
                code: code, level: .sido, name: name, fullName: name, parentCode: nil,
                kostatCode: parts.first?.kostatCode.map { String($0.prefix(2)) }, kostatCode8: nil,
                boundary: MultiPolygon.union(parts.map(\.boundary)))
        }.sorted { $0.code < $1.code }
    }

    /// The 시도 names a 시군구 file carries (`sido_cd` → `sido_nm`).
    public static func provinceNames(_ data: Data) -> [String: String] {
        guard let features = try? GeoJSON.decodeFeatureCollection(data) else { return [:] }
        var names: [String: String] = [:]
        for f in features {
            if let code = f.properties["sido_cd"]?.stringValue ?? f.properties["sido"]?.stringValue,
                let name = f.properties["sido_nm"]?.stringValue ?? f.properties["sidonm"]?.stringValue
            {
                names[code] = name
            }
        }
        return names
    }

    /// Reads the code crosswalk (`admdong_code_crosswalk_*.tsv`: tab-separated, UTF-8, header row).
    /// Refused: a missing column, a row with too few fields, a code of the wrong length, a MOIS code listed twice.
    public static func readCrosswalk(_ data: Data, file: String) throws -> [RegionCodeEntry] {
        guard var text = String(data: data, encoding: .utf8) else {
            throw MokminError(
                .invalidInput, ko: "\(file): UTF-8 텍스트가 아닙니다", en: "\(file): the file is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else {
            throw MokminError(.invalidInput, ko: "\(file): 파일이 비어 있습니다", en: "\(file): the file is empty")
        }
        let required = ["adm_nm", "adm_cd", "adm_cd2", "sgg", "sido", "sidonm", "adm_cd8", "sggnm"]
        var column: [String: Int] = [:]
        for name in required {
            guard let i = header.firstIndex(of: name) else {
                throw MokminError(.invalidInput, ko: "\(file), 1행: '\(name)' 열이 없습니다", en: "\(file), line 1: no '\(name)' column")
            }
            column[name] = i
        }
        let emdColumn = header.firstIndex(of: "emd_nm")
        var seen: [String: Int] = [:]
        var entries: [RegionCodeEntry] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let lineNumber = offset + 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= header.count else {
                throw MokminError(
                    .invalidInput, ko: "\(file), \(lineNumber)행: 열이 \(header.count)개여야 하는데 \(fields.count)개입니다",
                    en: "\(file), line \(lineNumber): expected \(header.count) fields, found \(fields.count)")
            }
            func field(_ name: String, digits count: Int) throws -> String {
                let value = fields[column[name]!]
                guard value.count == count, value.allSatisfy(\.isASCIIDigit) else {
                    throw MokminError(
                        .invalidInput, ko: "\(file), \(lineNumber)행, \(name): '\(value)'은(는) \(count)자리 숫자가 아닙니다",
                        en: "\(file), line \(lineNumber), \(name): '\(value)' is not a \(count)-digit code")
                }
                return value
            }
            /// A KOSTAT code, or nil where KOSTAT had not coded the dong yet: the file writes digits then `X`s (`31101XX`).
            func kostat(_ name: String, digits count: Int) throws -> String? {
                let value = fields[column[name]!]
                if value.count == count, value.contains("X"), value.drop { $0.isASCIIDigit }.allSatisfy({ $0 == "X" }) { return nil }
                guard value.count == count, value.allSatisfy(\.isASCIIDigit) else {
                    throw MokminError(
                        .invalidInput, ko: "\(file), \(lineNumber)행, \(name): '\(value)'은(는) \(count)자리 숫자가 아닙니다",
                        en: "\(file), line \(lineNumber), \(name): '\(value)' is not a \(count)-digit code")
                }
                return value
            }
            let code = try field("adm_cd2", digits: 10)
            if let first = seen[code] {
                throw MokminError(
                    .invalidInput, ko: "\(file), \(lineNumber)행: 코드 \(code)가 \(first)행과 겹칩니다",
                    en: "\(file), line \(lineNumber): code \(code) clashes with line \(first)")
            }
            seen[code] = lineNumber
            let fullName = fields[column["adm_nm"]!]
            entries.append(
                RegionCodeEntry(
                    code: code, kostatCode: try kostat("adm_cd", digits: 7), kostatCode8: try kostat("adm_cd8", digits: 8),
                    fullName: fullName,
                    name: emdColumn.map { fields[$0] } ?? (fullName.split(separator: " ").last.map(String.init) ?? fullName),
                    sggCode: try field("sgg", digits: 5), sggName: fields[column["sggnm"]!], sidoCode: try field("sido", digits: 2),
                    sidoName: fields[column["sidonm"]!]))
        }
        return entries
    }
}
